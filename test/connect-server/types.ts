// The shapes the local Connect server keeps in memory and answers, written from connect-openapi.yaml (Connect 1.7.1).
// The API's own shapes come from the shared library's types; only the server's stored forms and seeds are local.
import type {
  CharacterSet,
  Field as ConnectField,
  FieldPurpose,
  FieldType,
  GeneratorRecipe,
  ItemCategory,
  ItemUrl,
  Section,
  VaultType,
} from "../../shared/src/connect/types.js";

export type {
  CharacterSet,
  FieldPurpose,
  FieldType,
  GeneratorRecipe,
  ItemCategory,
  ItemUrl,
  Section,
  VaultType,
};

// The lists the server checks requests against: typing each as `Record<…, true>` makes the compiler refuse a value the
// shared type lacks and flag one it has that is missing here.
const itemCategories: Record<ItemCategory, true> = {
  LOGIN: true,
  PASSWORD: true,
  API_CREDENTIAL: true,
  SERVER: true,
  DATABASE: true,
  CREDIT_CARD: true,
  MEMBERSHIP: true,
  PASSPORT: true,
  SOFTWARE_LICENSE: true,
  OUTDOOR_LICENSE: true,
  SECURE_NOTE: true,
  WIRELESS_ROUTER: true,
  BANK_ACCOUNT: true,
  DRIVER_LICENSE: true,
  IDENTITY: true,
  REWARD_PROGRAM: true,
  DOCUMENT: true,
  EMAIL_ACCOUNT: true,
  SOCIAL_SECURITY_NUMBER: true,
  MEDICAL_RECORD: true,
  SSH_KEY: true,
  CUSTOM: true,
};
export const ITEM_CATEGORIES = Object.keys(itemCategories) as readonly ItemCategory[];

/** The spec lists TOTP; real servers and every SDK send OTP. Both are taken, and kept as sent. */
const fieldTypes: Record<FieldType, true> = {
  STRING: true,
  EMAIL: true,
  CONCEALED: true,
  URL: true,
  OTP: true,
  TOTP: true,
  DATE: true,
  MONTH_YEAR: true,
  MENU: true,
};
export const FIELD_TYPES = Object.keys(fieldTypes) as readonly FieldType[];

const fieldPurposes: Record<FieldPurpose, true> = { "": true, USERNAME: true, PASSWORD: true, NOTES: true };
export const FIELD_PURPOSES = Object.keys(fieldPurposes) as readonly FieldPurpose[];

const vaultTypes: Record<VaultType, true> = {
  USER_CREATED: true,
  PERSONAL: true,
  EVERYONE: true,
  TRANSFER: true,
};
export const VAULT_TYPES = Object.keys(vaultTypes) as readonly VaultType[];

/** A field as stored: an OTP field's current code is worked out on each answer, never kept. */
export type Field = Omit<ConnectField, "totp">;

/** A file as stored: its bytes stay here; answers carry its size and content path instead. */
export interface StoredFile {
  id: string;
  name: string;
  content: Buffer;
  section?: { id: string };
}

export interface StoredItem {
  id: string;
  vaultId: string;
  title: string;
  category: ItemCategory;
  urls: ItemUrl[];
  favorite: boolean;
  tags: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  lastEditedBy: string;
  sections: Section[];
  fields: Field[];
  files: StoredFile[];
}

export interface StoredVault {
  id: string;
  name: string;
  description: string;
  type: VaultType;
  attributeVersion: number;
  contentVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** A seed: vaults with Connect item JSON. IDs, versions and dates are made up when missing. */
export interface SeedObject {
  vaults: SeedVault[];
}

export interface SeedVault {
  id?: string;
  name: string;
  description?: string;
  type?: VaultType;
  createdAt?: string;
  items?: SeedItem[];
}

/** Connect item JSON as a seed gives it; `files[].content` is base64, like an inlined file. */
export type SeedItem = Record<string, unknown>;

/** Connect's error body. */
export interface ErrorBody {
  status: number;
  message: string;
}
