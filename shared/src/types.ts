/** Where an item came from; every source produces the same summary shape. */
export type ItemSource = "metadata" | "connect" | "sdk";

/** What lists, pickers and search need to know about an item. Never holds a secret value. */
export interface ItemSummary {
  id: string;
  vaultId: string;
  vaultName: string;
  accountName?: string;
  title: string;
  description?: string;
  /** "001", … as in the 1Password 7 table, or the Connect category ("LOGIN", …). */
  categoryId: string;
  /** "Login", "Credit Card", … */
  category: string;
  /** websiteURLs, or the Connect item's urls[].href */
  urls: string[];
  /** Unix seconds */
  createdAt?: number;
  /** Unix seconds */
  modifiedAt?: number;
  source: ItemSource;
  /** The metadata file, for sources that have one. */
  path?: string;
  tags?: string[];
  favorite?: boolean;
  /** Which app wrote a metadata item: 1Password 7 itself, or `opbookmarks` for 1Password 8. */
  app?: "1password7" | "1password8";
  /** The 1Password 8 account (profileUUID) of a bookmarks item. */
  accountId?: string;
}
