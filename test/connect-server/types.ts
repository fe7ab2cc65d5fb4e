// The shapes the local Connect server keeps in memory and answers, written from connect-openapi.yaml (Connect 1.7.1).

export const ITEM_CATEGORIES = [
  "LOGIN",
  "PASSWORD",
  "API_CREDENTIAL",
  "SERVER",
  "DATABASE",
  "CREDIT_CARD",
  "MEMBERSHIP",
  "PASSPORT",
  "SOFTWARE_LICENSE",
  "OUTDOOR_LICENSE",
  "SECURE_NOTE",
  "WIRELESS_ROUTER",
  "BANK_ACCOUNT",
  "DRIVER_LICENSE",
  "IDENTITY",
  "REWARD_PROGRAM",
  "DOCUMENT",
  "EMAIL_ACCOUNT",
  "SOCIAL_SECURITY_NUMBER",
  "MEDICAL_RECORD",
  "SSH_KEY",
  "CUSTOM",
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** The spec lists TOTP; real servers and every SDK send OTP. Both are taken, and kept as sent. */
export const FIELD_TYPES = [
  "STRING",
  "EMAIL",
  "CONCEALED",
  "URL",
  "OTP",
  "TOTP",
  "DATE",
  "MONTH_YEAR",
  "MENU",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_PURPOSES = ["", "USERNAME", "PASSWORD", "NOTES"] as const;
export type FieldPurpose = (typeof FIELD_PURPOSES)[number];

export const VAULT_TYPES = ["USER_CREATED", "PERSONAL", "EVERYONE", "TRANSFER"] as const;
export type VaultType = (typeof VAULT_TYPES)[number];

export type CharacterSet = "LETTERS" | "DIGITS" | "SYMBOLS";

export interface GeneratorRecipe {
  length?: number;
  characterSets?: CharacterSet[];
  excludeCharacters?: string;
}

export interface ItemUrl {
  href: string;
  label?: string;
  primary?: boolean;
}

export interface Section {
  id: string;
  label?: string;
}

export interface Field {
  id: string;
  type: FieldType;
  section?: { id: string };
  purpose?: FieldPurpose;
  label?: string;
  value?: string;
  generate?: boolean;
  recipe?: GeneratorRecipe;
  entropy?: number;
}

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
