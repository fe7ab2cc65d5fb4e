// Turns the Connect server's stored vaults and items into the SDK's own shapes (types from @1password/sdk),
// so the stand-in app answers what the real app's SDK core would for the same data.
// Its tables are written from the SDK's enums, not taken from shared/src/sdk, so a wrong mapping
// in the product cannot be mirrored here and pass unnoticed.
import {
  AutofillBehavior,
  ItemCategory,
  ItemFieldType,
  ItemState,
  VaultType,
  type Item,
  type ItemField,
  type ItemOverview,
  type VaultOverview,
} from "@1password/sdk";
import { currentTotp } from "../connect-server/totp.js";
import type { StoredItem, StoredVault } from "../connect-server/types.js";

const categories: Record<StoredItem["category"], ItemCategory> = {
  LOGIN: ItemCategory.Login,
  PASSWORD: ItemCategory.Password,
  API_CREDENTIAL: ItemCategory.ApiCredentials,
  SERVER: ItemCategory.Server,
  DATABASE: ItemCategory.Database,
  CREDIT_CARD: ItemCategory.CreditCard,
  MEMBERSHIP: ItemCategory.Membership,
  PASSPORT: ItemCategory.Passport,
  SOFTWARE_LICENSE: ItemCategory.SoftwareLicense,
  OUTDOOR_LICENSE: ItemCategory.OutdoorLicense,
  SECURE_NOTE: ItemCategory.SecureNote,
  WIRELESS_ROUTER: ItemCategory.Router,
  BANK_ACCOUNT: ItemCategory.BankAccount,
  DRIVER_LICENSE: ItemCategory.DriverLicense,
  IDENTITY: ItemCategory.Identity,
  REWARD_PROGRAM: ItemCategory.Rewards,
  DOCUMENT: ItemCategory.Document,
  EMAIL_ACCOUNT: ItemCategory.Email,
  SOCIAL_SECURITY_NUMBER: ItemCategory.SocialSecurityNumber,
  MEDICAL_RECORD: ItemCategory.MedicalRecord,
  SSH_KEY: ItemCategory.SshKey,
  CUSTOM: ItemCategory.Unsupported,
};

const fieldTypes: Record<string, ItemFieldType> = {
  STRING: ItemFieldType.Text,
  EMAIL: ItemFieldType.Email,
  CONCEALED: ItemFieldType.Concealed,
  URL: ItemFieldType.Url,
  OTP: ItemFieldType.Totp,
  TOTP: ItemFieldType.Totp,
  DATE: ItemFieldType.Date,
  MONTH_YEAR: ItemFieldType.MonthYear,
  MENU: ItemFieldType.Menu,
};

const vaultTypes: Record<StoredVault["type"], VaultType> = {
  PERSONAL: VaultType.Personal,
  EVERYONE: VaultType.Everyone,
  TRANSFER: VaultType.Transfer,
  USER_CREATED: VaultType.UserCreated,
};

export function toVaultOverview(vault: StoredVault, activeItemCount: number): VaultOverview {
  return {
    id: vault.id,
    title: vault.name,
    description: vault.description,
    vaultType: vaultTypes[vault.type],
    activeItemCount,
    contentVersion: vault.contentVersion,
    attributeVersion: vault.attributeVersion,
    createdAt: new Date(vault.createdAt),
    updatedAt: new Date(vault.updatedAt),
  };
}

export function toItemOverview(item: StoredItem): ItemOverview {
  const { id, title, category, vaultId, websites, tags, createdAt, updatedAt } = toItem(item);
  return { id, title, category, vaultId, websites, tags, createdAt, updatedAt, state: ItemState.Active };
}

/** The item as the SDK returns it: built-in fields without a section, notes apart, OTP codes worked out now. */
export function toItem(item: StoredItem, now = Date.now()): Item {
  const notes = item.fields.find((f) => f.purpose === "NOTES")?.value ?? "";
  const fields = item.fields.filter((f) => f.purpose !== "NOTES").map((f) => toField(f, now));
  return {
    id: item.id,
    title: item.title,
    category: categories[item.category],
    vaultId: item.vaultId,
    fields,
    sections: item.sections.map((s) => ({ id: s.id, title: s.label ?? "" })),
    notes,
    tags: [...item.tags],
    websites: item.urls.map((url) => ({
      url: url.href,
      label: url.label ?? "website",
      autofillBehavior: AutofillBehavior.AnywhereOnWebsite,
    })),
    version: item.version,
    files: item.files.map((file) => ({
      attributes: { id: file.id, name: file.name, size: file.content.length },
      sectionId: file.section?.id ?? "",
      fieldId: file.id,
    })),
    createdAt: new Date(item.createdAt),
    updatedAt: new Date(item.updatedAt),
  };
}

function toField(field: StoredItem["fields"][number], now: number): ItemField {
  const fieldType = fieldTypes[field.type ?? "STRING"] ?? ItemFieldType.Unsupported;
  const result: ItemField = {
    id: field.id,
    title: field.label ?? field.id,
    fieldType,
    value: field.value ?? "",
  };
  if (field.section?.id) result.sectionId = field.section.id;
  return fieldType === ItemFieldType.Totp ? withOtpCode(result, now) : result;
}

/** An OTP field with the code of this moment, as the SDK's core fills in `details` on every read. */
export function withOtpCode(field: ItemField, now = Date.now()): ItemField {
  if (field.fieldType !== ItemFieldType.Totp) return field;
  const code = currentTotp(field.value, now);
  return {
    ...field,
    details: {
      type: "Otp",
      content: code ? { code } : { errorMessage: "the one-time password secret is not valid" },
    },
  };
}
