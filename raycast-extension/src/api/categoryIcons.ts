// The Raycast icon and filter name of each category, from the one category table in shared/.
import { Icon } from "@raycast/api";
import { findCategory, normalizeCategoryId } from "@op-bridge/shared";

export { normalizeCategoryId };

/** The plural name a filter shows ("Logins"), for either spelling of the category. */
export function describeCategoryPlural(item: {
  categoryId: string;
  category: string;
  categoryPlural?: string;
}) {
  return findCategory(item.categoryId)?.plural ?? item.categoryPlural ?? item.category;
}

/** The icon for a category ID; an unknown category gets a neutral one rather than none. */
export function getCategoryIcon(categoryId: string): Icon {
  const name = findCategory(categoryId)?.icon as keyof typeof Icon | undefined;
  return (name && Icon[name]) || Icon.QuestionMarkCircle;
}
