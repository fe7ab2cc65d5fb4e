// A field's type in the words 1Password's own apps use ("Password", "Text", "One-time password"), not the
// API's CONCEALED/STRING.
import type { ItemField } from "@op-bridge/shared";

const purposeNames: Record<string, string> = {
  USERNAME: "Username",
  PASSWORD: "Password",
  NOTES: "Notes",
};

const typeNames: Record<string, string> = {
  STRING: "Text",
  CONCEALED: "Password",
  OTP: "One-time password",
  TOTP: "One-time password",
  EMAIL: "Email",
  URL: "URL",
  PHONE: "Phone",
  DATE: "Date",
  MONTH_YEAR: "Month and year",
  MENU: "Menu",
  ADDRESS: "Address",
  REFERENCE: "Link to another item",
  SSHKEY: "SSH key",
  CREDIT_CARD_NUMBER: "Card number",
  CREDIT_CARD_TYPE: "Card type",
  GENDER: "Gender",
  FILE: "File",
};

/** "Password", "Text", "One-time password", …; a purpose (username, password, notes) names the field best. */
export function describeFieldType(field: Pick<ItemField, "type" | "purpose">): string {
  const byPurpose = field.purpose ? purposeNames[field.purpose.toUpperCase()] : undefined;
  if (byPurpose) return byPurpose;
  const type = String(field.type ?? "").toUpperCase();
  const known = typeNames[type];
  if (known) return known;
  // A type this table does not know yet: its name in words rather than in capitals.
  const words = type.toLowerCase().replace(/_/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Text";
}
