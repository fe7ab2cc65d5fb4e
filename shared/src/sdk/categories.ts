// The SDK's item categories and field types beside Connect's names, so items from both look alike in lists and icons.
import { CATEGORIES, findSdkCategory } from "../categories/categories.js";

/** The Connect-style ID and the label of an SDK category; unknown ones keep their own name. */
export function describeSdkCategory(category: string): { categoryId: string; category: string } {
  const known = findSdkCategory(category);
  return known
    ? { categoryId: known.connectId, category: known.singular }
    : { categoryId: category.toUpperCase(), category: "Item" };
}

/** The SDK category for a Connect category ID (LOGIN → Login), or undefined when there is none. */
export function sdkCategoryFor(connectCategory: string): string | undefined {
  const wanted = connectCategory.toUpperCase();
  return CATEGORIES.find(
    (info) => info.sdkName && (info.connectId === wanted || info.sdkName.toUpperCase() === wanted),
  )?.sdkName;
}

/** SDK field type → the Connect-style type ItemField uses. */
const fieldTypes: Record<string, string> = {
  Text: "STRING",
  Concealed: "CONCEALED",
  CreditCardType: "CREDIT_CARD_TYPE",
  CreditCardNumber: "CREDIT_CARD_NUMBER",
  Phone: "PHONE",
  Url: "URL",
  Totp: "OTP",
  Email: "EMAIL",
  Reference: "REFERENCE",
  SshKey: "SSHKEY",
  Menu: "MENU",
  MonthYear: "MONTH_YEAR",
  Address: "ADDRESS",
  Date: "DATE",
};

export function describeSdkFieldType(fieldType: string): string {
  return fieldTypes[fieldType] ?? "UNKNOWN";
}

/** The SDK field type for a Connect-style type (CONCEALED → Concealed); Text for anything unknown. */
export function sdkFieldTypeFor(type: string): string {
  const wanted = type.toUpperCase();
  if (wanted === "TOTP") return "Totp";
  return Object.keys(fieldTypes).find((key) => fieldTypes[key] === wanted) ?? "Text";
}

/** Field types whose values are never shown. */
export const concealedTypes = new Set(["CONCEALED", "OTP", "SSHKEY", "CREDIT_CARD_NUMBER"]);
