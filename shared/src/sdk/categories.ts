// The SDK's item categories beside Connect's names, so items from both look alike in lists and icons.

/** SDK category → [Connect category ID, label]. */
const table: Record<string, [string, string]> = {
  Login: ["LOGIN", "Login"],
  SecureNote: ["SECURE_NOTE", "Secure Note"],
  CreditCard: ["CREDIT_CARD", "Credit Card"],
  CryptoWallet: ["CRYPTO_WALLET", "Crypto Wallet"],
  Identity: ["IDENTITY", "Identity"],
  Password: ["PASSWORD", "Password"],
  Document: ["DOCUMENT", "Document"],
  ApiCredentials: ["API_CREDENTIAL", "API Credential"],
  BankAccount: ["BANK_ACCOUNT", "Bank Account"],
  Database: ["DATABASE", "Database"],
  DriverLicense: ["DRIVER_LICENSE", "Driver License"],
  Email: ["EMAIL_ACCOUNT", "Email Account"],
  MedicalRecord: ["MEDICAL_RECORD", "Medical Record"],
  Membership: ["MEMBERSHIP", "Membership"],
  OutdoorLicense: ["OUTDOOR_LICENSE", "Outdoor License"],
  Passport: ["PASSPORT", "Passport"],
  Rewards: ["REWARD_PROGRAM", "Reward Program"],
  Router: ["WIRELESS_ROUTER", "Wireless Router"],
  Server: ["SERVER", "Server"],
  SshKey: ["SSH_KEY", "SSH Key"],
  SocialSecurityNumber: ["SOCIAL_SECURITY_NUMBER", "Social Security Number"],
  SoftwareLicense: ["SOFTWARE_LICENSE", "Software License"],
  Person: ["PERSON", "Person"],
};

/** The Connect-style ID and the label of an SDK category; unknown ones keep their own name. */
export function describeSdkCategory(category: string): { categoryId: string; category: string } {
  const known = table[category];
  return known
    ? { categoryId: known[0], category: known[1] }
    : { categoryId: category.toUpperCase(), category: "Item" };
}

/** The SDK category for a Connect category ID (LOGIN → Login), or undefined when there is none. */
export function sdkCategoryFor(connectCategory: string): string | undefined {
  const wanted = connectCategory.toUpperCase();
  return Object.keys(table).find((key) => table[key]![0] === wanted || key.toUpperCase() === wanted);
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
