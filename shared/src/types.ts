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
  /** "Logins", "Credit Cards", … where the source names it (1Password 7 metadata). */
  categoryPlural?: string;
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

/** A section of an item, as Connect and the SDK describe it. */
export interface ItemSection {
  id: string;
  label?: string;
}

/** A field of an item without its value: values are read only at the moment of use. */
export interface ItemField {
  id: string;
  label?: string;
  /** STRING, EMAIL, CONCEALED, URL, OTP, DATE, MONTH_YEAR, MENU, … */
  type: string;
  purpose?: "USERNAME" | "PASSWORD" | "NOTES";
  sectionId?: string;
  /** True when the value must never be shown (CONCEALED, OTP). */
  concealed: boolean;
}

/** A file attached to an item, by name and size: its content is read only when the user acts on it. */
export interface ItemAttachment {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  sectionId?: string;
}

/** An item's structure: what pickers and reference builders need, never a secret value. */
export interface ItemDetails {
  summary: ItemSummary;
  sections: ItemSection[];
  fields: ItemField[];
  /** Attached files (Connect `files`, the SDK's `files` and a Document's file), where the source lists them. */
  attachments?: ItemAttachment[];
}

/**
 * One place items come from (a Connect server, an SDK account). Extensions list and read
 * through this, so they never care which it is.
 */
export interface ItemProvider {
  readonly source: ItemSource;
  /** Shown beside items when several providers are configured, e.g. the server's host. */
  readonly label: string;
  listVaults(options?: { signal?: AbortSignal }): Promise<{ id: string; name: string }[]>;
  listItems(options?: { vaultId?: string; signal?: AbortSignal }): Promise<ItemSummary[]>;
  getItemDetails(vaultId: string, itemId: string, options?: { signal?: AbortSignal }): Promise<ItemDetails>;
  /** Reads one field's value (or its current one-time code for OTP fields) when an action needs it. */
  readFieldValue(
    vaultId: string,
    itemId: string,
    fieldId: string,
    options?: { signal?: AbortSignal; attribute?: "value" | "otp" },
  ): Promise<string>;
  /**
   * Reads an item's structure and values in one request, so several references to one item cost one
   * round trip (running a program with resolved references). Optional: readFieldValue is the fallback.
   */
  readItem?(vaultId: string, itemId: string, options?: { signal?: AbortSignal }): Promise<ItemWithValues>;
  /** Reads an attachment's content when the user asks for it; absent where the source cannot (the SDK here). */
  readAttachment?(
    vaultId: string,
    itemId: string,
    attachmentId: string,
    options?: { signal?: AbortSignal },
  ): Promise<Uint8Array>;
}

/** An item read once with its values; held only while the references to it are resolved. */
export interface ItemWithValues {
  details: ItemDetails;
  /** What readFieldValue answers for this field, from the same read. */
  fieldValue(fieldId: string, attribute?: "value" | "otp"): string;
}

/** A field of an item about to be created; `generate` asks the source to make up the value. */
export interface NewItemField {
  label: string;
  /** CONCEALED, STRING, EMAIL, URL, … */
  type: string;
  value?: string;
  purpose?: "USERNAME" | "PASSWORD" | "NOTES";
  generate?: { length?: number; characterSets?: ("LETTERS" | "DIGITS" | "SYMBOLS")[] };
}

/** An item to create through a source that can write (Connect, the SDK). */
export interface NewItem {
  title: string;
  /** Connect category: LOGIN, PASSWORD, API_CREDENTIAL, SECURE_NOTE, … */
  category: string;
  fields: NewItemField[];
  urls?: string[];
  tags?: string[];
}

/** A provider that can also create items (for "Save in 1Password" and "Generate Password"). */
export interface WritableItemProvider extends ItemProvider {
  /** Creates the item and answers its structure, so the caller can build a reference to a field. */
  createItem(vaultId: string, item: NewItem, options?: { signal?: AbortSignal }): Promise<ItemDetails>;
  /** Appends fields to an existing item and answers its structure; absent where the source cannot. */
  addFields?(
    vaultId: string,
    itemId: string,
    fields: NewItemField[],
    options?: { signal?: AbortSignal },
  ): Promise<ItemDetails>;
}
