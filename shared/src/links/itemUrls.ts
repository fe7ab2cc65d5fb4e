// Builds the URLs that open an item in 1Password 7 (onepassword7://) or 1Password 8 (onepassword://).
import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { ItemSource } from "../types.js";
import { checkId } from "./ids.js";
import { LinkError } from "./LinkError.js";

/**
 * What a link needs to know about an item: where it came from, and for metadata which app wrote it
 * (`app`, and the 1Password 8 account as `accountId`, come from opbookmarks files).
 */
export interface LinkableItem {
  vaultId: string;
  id: string;
  source?: ItemSource;
  app?: "1password7" | "1password8";
  accountId?: string;
}

/**
 * The app whose URL scheme opens the item. 1Password 7 wrote the metadata it reads, and nothing else:
 * Connect and SDK items (and opbookmarks' files) live in 1Password 8 accounts. An item that says
 * neither is taken for 1Password 7 metadata, as the seed's examples are.
 */
function appOf(item: LinkableItem): "1password7" | "1password8" {
  if (item.app) return item.app;
  return item.source === "connect" || item.source === "sdk" ? "1password8" : "1password7";
}

/**
 * True only for 1Password 7 metadata items: open-and-fill is a 1Password 7 route (onepassword7://), and
 * 1Password 8 has none (its browser extension fills instead).
 */
export function supportsOpenAndFill(item: LinkableItem): boolean {
  return appOf(item) === "1password7";
}

/**
 * `onepassword7://open_and_fill/<vault>/<item>/<sha256 of the URL>`: 1Password checks the hash
 * against the item's URLs, then opens and fills that URL in the default browser.
 */
export function openAndFillUrl(item: LinkableItem, websiteUrl: string): string {
  if (!supportsOpenAndFill(item)) {
    throw new LinkError("1Password 8 cannot open and fill a website from a link; open the item instead.");
  }
  const vaultId = checkId(item.vaultId, "vault ID");
  const itemId = checkId(item.id, "item ID");
  if (typeof websiteUrl !== "string" || websiteUrl.length === 0) {
    throw new LinkError("The item has no website URL to open and fill.");
  }
  // The hash is of the exact string stored in the item: no normalisation, or 1Password rejects it.
  const hash = createHash("sha256").update(websiteUrl, "utf8").digest("hex");
  return `onepassword7://open_and_fill/${vaultId}/${itemId}/${hash}`;
}

/** Opens the item in 1Password (7: onepassword7://view/…, 8: onepassword://view-item/?a=&v=&i=). */
export function viewItemUrl(item: LinkableItem): string {
  return itemUrl(item, "view");
}

/** Opens the item for editing in 1Password (7: onepassword7://edit/…, 8: onepassword://edit-item/…). */
export function editItemUrl(item: LinkableItem): string {
  return itemUrl(item, "edit");
}

/**
 * 1Password documents item links only as `https://start.1password.com/open/i?a=<account UUID>&v=<vault>&i=<item>&h=<host>`;
 * the app's own `onepassword://view-item/?a=<account>&v=<vault>&i=<item>` (and `edit-item`; `open-item` opens
 * nothing in 1Password 8) is the form opbookmarks writes, not a documented one. Both name the account.
 * opbookmarks' files and a desktop account configured by its UUID (createDesktopAppSource) give it; Connect,
 * service accounts and a desktop account configured by its name never say it, so their links carry the vault
 * and the item only, and 1Password does not document what the app does with such a link.
 */
function itemUrl(item: LinkableItem, action: "view" | "edit"): string {
  const vaultId = checkId(item.vaultId, "vault ID");
  const itemId = checkId(item.id, "item ID");
  if (appOf(item) === "1password7") return `onepassword7://${action}/${vaultId}/${itemId}`;
  if (item.app === "1password8" || item.accountId !== undefined) {
    const accountId = checkId(item.accountId, "account ID (profileUUID)");
    return `onepassword://${action}-item/?a=${accountId}&v=${vaultId}&i=${itemId}`;
  }
  return `onepassword://${action}-item/?v=${vaultId}&i=${itemId}`;
}

/**
 * The file:// URL of the item's metadata file. The seed's "View an item" route: opening that file
 * shows the item in 1Password 7 (and opens and fills the first URL of a Login unless Shift is held).
 */
export function metadataFileUrl(item: { path?: string }): string {
  const path = item.path;
  if (typeof path !== "string" || path.length === 0) {
    throw new LinkError("The item has no metadata file (only 1Password 7 metadata items do).");
  }
  if (!isAbsolute(path)) {
    throw new LinkError(`The metadata file path "${path}" is not absolute.`);
  }
  return pathToFileURL(path).href;
}
