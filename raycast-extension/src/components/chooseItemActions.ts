// Which action Enter and ⌘↵ run on an item: the preferences' choice, or the next sensible one where the item
// cannot do it (no 1Password 7 fill, no way to read its fields, no sharing, no username or code on its kind).
import { isWebUrl, normalizeCategoryId, supportsOpenAndFill, type ItemSummary } from "@op-bridge/shared";
import { ITEM_ACTION_IDS, type ItemActionId } from "../api/preferences";

/** What an item offers, known without reading it. */
export interface ItemAbilities {
  /** 1Password 7 can open and fill one of its web addresses. */
  fill: boolean;
  /** A source can read its fields (Connect, a service account, a 1Password 8 account). */
  read: boolean;
  share: boolean;
  /** A Login: the kind that has a username and one-time code. */
  login: boolean;
  /** A Secure Note or Document: no password to copy. */
  noPassword: boolean;
}

export function abilitiesOf(item: ItemSummary, options: { read: boolean; share: boolean }): ItemAbilities {
  const category = normalizeCategoryId(item.categoryId);
  return {
    // A Password item has no website to fill in 1Password 7.
    fill: supportsOpenAndFill(item) && category !== "005" && item.urls.some(isWebUrl),
    read: options.read,
    share: options.share,
    login: category === "001",
    noPassword: category === "003" || category === "006",
  };
}

/** The action that runs in place of `wanted` on this item (itself when the item can do it). */
export function resolveItemAction(wanted: ItemActionId, can: ItemAbilities): ItemActionId {
  switch (wanted) {
    case "open-in-1password":
      return wanted;
    case "open-and-fill":
      return can.fill ? wanted : "open-in-1password";
    case "share":
      return can.share ? wanted : "open-in-1password";
    case "copy-secret-reference":
    case "show-all-fields":
      return can.read ? wanted : resolveItemAction("open-and-fill", can);
    case "copy-username":
    case "copy-one-time-password":
      if (!can.read) return resolveItemAction("open-and-fill", can);
      return can.login ? wanted : resolveItemAction("copy-password", can);
    case "paste-username":
    case "paste-one-time-password":
      if (!can.read) return resolveItemAction("open-and-fill", can);
      return can.login ? wanted : resolveItemAction("paste-password", can);
    case "copy-password":
    case "paste-password":
      if (!can.read) return resolveItemAction("open-and-fill", can);
      return can.noPassword ? "show-all-fields" : wanted;
  }
}

/** Whether the item offers the action at all, anywhere in its panel. */
export function offers(action: ItemActionId, can: ItemAbilities): boolean {
  if (action === "open-and-fill") return can.fill;
  if (action === "share") return can.share;
  if (action === "open-in-1password") return true;
  return can.read;
}

/**
 * Every action the item offers, primary first and secondary second (Raycast gives them Enter and ⌘↵), the rest
 * in the preferences' order. When both preferences land on the same action, the second is Open in 1Password,
 * or the first action the item offers after it.
 */
export function orderItemActions(
  preferred: { primary: ItemActionId; secondary: ItemActionId },
  can: ItemAbilities,
): ItemActionId[] {
  const primary = resolveItemAction(preferred.primary, can);
  let secondary = resolveItemAction(preferred.secondary, can);
  const offered = ITEM_ACTION_IDS.filter((id) => offers(id, can));
  if (secondary === primary) {
    secondary =
      primary !== "open-in-1password"
        ? "open-in-1password"
        : (offered.find((id) => id !== primary) ?? primary);
  }
  const head = secondary === primary ? [primary] : [primary, secondary];
  return [...head, ...offered.filter((id) => !head.includes(id))];
}
