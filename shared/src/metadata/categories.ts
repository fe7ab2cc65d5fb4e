// The 18 built-in 1Password 7 categories by categoryUUID, as the metadata format documents them: a view of
// the one category table (categories/categories.ts).
import { CATEGORIES } from "../categories/categories.js";

/** Singular and plural names of each built-in category, keyed by categoryUUID ("001" … "111"). */
export const METADATA_CATEGORIES: Readonly<Record<string, { singular: string; plural: string }>> =
  Object.freeze(
    Object.fromEntries(
      CATEGORIES.flatMap(({ metadataId, singular, plural }) =>
        metadataId ? [[metadataId, { singular, plural }] as const] : [],
      ),
    ),
  );
