// The Connect API's shapes, written from the official OpenAPI document (Connect 1.7.1) and CONNECT-NOTES.md.

export type VaultType = "USER_CREATED" | "PERSONAL" | "EVERYONE" | "TRANSFER";

export interface Vault {
  id: string;
  name: string;
  description?: string;
  /** The vault version. */
  attributeVersion?: number;
  /** The version of the vault contents. */
  contentVersion?: number;
  /** Number of active items in the vault. */
  items?: number;
  type?: VaultType;
  createdAt?: string;
  updatedAt?: string;
}

export type ItemCategory =
  | "LOGIN"
  | "PASSWORD"
  | "API_CREDENTIAL"
  | "SERVER"
  | "DATABASE"
  | "CREDIT_CARD"
  | "MEMBERSHIP"
  | "PASSPORT"
  | "SOFTWARE_LICENSE"
  | "OUTDOOR_LICENSE"
  | "SECURE_NOTE"
  | "WIRELESS_ROUTER"
  | "BANK_ACCOUNT"
  | "DRIVER_LICENSE"
  | "IDENTITY"
  | "REWARD_PROGRAM"
  | "DOCUMENT"
  | "EMAIL_ACCOUNT"
  | "SOCIAL_SECURITY_NUMBER"
  | "MEDICAL_RECORD"
  | "SSH_KEY"
  | "CUSTOM";

export interface ItemUrl {
  href: string;
  label?: string;
  primary?: boolean;
}

/** An item as the list endpoint answers it: no fields, sections or files. */
export interface Item {
  id: string;
  title?: string;
  vault: { id: string };
  category: ItemCategory;
  urls?: ItemUrl[];
  favorite?: boolean;
  tags?: string[];
  version?: number;
  state?: "ARCHIVED" | "DELETED";
  createdAt?: string;
  updatedAt?: string;
  lastEditedBy?: string;
}

/** The spec says TOTP; real servers, the docs and the SDKs use OTP. */
export type FieldType =
  "STRING" | "EMAIL" | "CONCEALED" | "URL" | "OTP" | "TOTP" | "DATE" | "MONTH_YEAR" | "MENU";
export type FieldPurpose = "" | "USERNAME" | "PASSWORD" | "NOTES";
export type CharacterSet = "LETTERS" | "DIGITS" | "SYMBOLS";

export interface GeneratorRecipe {
  /** 1–64, default 32. */
  length?: number;
  characterSets?: CharacterSet[];
  excludeCharacters?: string;
}

export interface Field {
  id: string;
  type: FieldType;
  section?: { id: string };
  purpose?: FieldPurpose;
  label?: string;
  value?: string;
  /** Ask the server to generate the value (from `recipe`) when none is given. */
  generate?: boolean;
  recipe?: GeneratorRecipe;
  /** Read-only: the entropy of a PASSWORD field's value. */
  entropy?: number;
  /** The current one-time code of an OTP field (real servers add it; not in the spec). */
  totp?: string;
}

export interface Section {
  id: string;
  label?: string;
}

export interface File {
  id: string;
  name: string;
  size: number;
  /** The API path of the content, e.g. v1/vaults/…/items/…/files/…/content */
  content_path?: string;
  section?: { id: string };
  /** Base64 content; only with inline content asked for and size within the server's inline limit. */
  content?: string;
}

/** A complete item, as answered by get/create/replace/patch. */
export interface FullItem extends Item {
  sections?: Section[];
  fields?: Field[];
  files?: File[];
}

/** A field to create: the server assigns an ID when none is given. */
export type FieldInput = Omit<Field, "id" | "entropy" | "totp"> & { id?: string };

/** An item to create or replace: the vault is taken from the call, IDs are assigned by the server. */
export interface ItemInput {
  title?: string;
  category: ItemCategory;
  vault?: { id: string };
  id?: string;
  urls?: ItemUrl[];
  favorite?: boolean;
  tags?: string[];
  sections?: Section[];
  fields?: FieldInput[];
}

/** One RFC 6902 operation: Connect takes add, remove and replace. */
export type PatchOperation =
  { op: "add" | "replace"; path: string; value: unknown } | { op: "remove"; path: string };

export interface APIRequest {
  requestId?: string;
  timestamp?: string;
  action?: "READ" | "CREATE" | "UPDATE" | "DELETE";
  result?: "SUCCESS" | "DENY";
  actor?: { id?: string; account?: string; jti?: string; userAgent?: string; requestIp?: string };
  resource?: {
    type?: "ITEM" | "VAULT";
    vault?: { id?: string };
    item?: { id?: string };
    itemVersion?: number;
  };
}

export interface ServiceDependency {
  service?: string;
  status?: string;
  message?: string;
}

export interface ServerHealth {
  name: string;
  version: string;
  dependencies?: ServiceDependency[];
}

/** Connect's error body. */
export interface ErrorResponse {
  status?: number;
  message?: string;
}
