// The one category table: 1Password 7's categoryUUIDs, Connect's and the SDK's names, labels and an icon name,
// so a Login is one Login (one label, one filter, one icon) wherever it came from.

export interface CategoryInfo {
  /** Connect's name ("LOGIN"); SDK items carry it too, as their categoryId. */
  connectId: string;
  /** 1Password 7's categoryUUID ("001"), for the 18 categories it has. */
  metadataId?: string;
  /** The SDK's ItemCategory ("Login"), for categories the SDK knows. */
  sdkName?: string;
  singular: string;
  plural: string;
  /** A host-neutral icon name (Raycast's Icon key); none where no icon fits. */
  icon?: string;
}

const row = (
  connectId: string,
  metadataId: string | undefined,
  sdkName: string | undefined,
  singular: string,
  plural: string,
  icon?: string,
): CategoryInfo => ({
  connectId,
  ...(metadataId ? { metadataId } : {}),
  ...(sdkName ? { sdkName } : {}),
  singular,
  plural,
  ...(icon ? { icon } : {}),
});

export const CATEGORIES: readonly CategoryInfo[] = Object.freeze([
  row("LOGIN", "001", "Login", "Login", "Logins", "Key"),
  row("CREDIT_CARD", "002", "CreditCard", "Credit Card", "Credit Cards", "CreditCard"),
  row("SECURE_NOTE", "003", "SecureNote", "Secure Note", "Secure Notes", "Paragraph"),
  row("IDENTITY", "004", "Identity", "Identity", "Identities", "Person"),
  row("PASSWORD", "005", "Password", "Password", "Passwords", "Lock"),
  row("DOCUMENT", "006", "Document", "Document", "Documents", "Document"),
  row(
    "SOFTWARE_LICENSE",
    "100",
    "SoftwareLicense",
    "Software License",
    "Software Licenses",
    "AppWindowGrid3x3",
  ),
  row("BANK_ACCOUNT", "101", "BankAccount", "Bank Account", "Bank Accounts", "BankNote"),
  row("DATABASE", "102", "Database", "Database", "Databases", "HardDrive"),
  row("DRIVER_LICENSE", "103", "DriverLicense", "Driver License", "Driver Licenses", "Car"),
  row("OUTDOOR_LICENSE", "104", "OutdoorLicense", "Outdoor License", "Outdoor Licenses", "Tree"),
  row("MEMBERSHIP", "105", "Membership", "Membership", "Memberships", "Star"),
  row("PASSPORT", "106", "Passport", "Passport", "Passports", "Airplane"),
  row("REWARD_PROGRAM", "107", "Rewards", "Reward Program", "Reward Programs", "Gift"),
  row(
    "SOCIAL_SECURITY_NUMBER",
    "108",
    "SocialSecurityNumber",
    "Social Security Number",
    "Social Security Numbers",
    "Fingerprint",
  ),
  row("WIRELESS_ROUTER", "109", "Router", "Wireless Router", "Wireless Routers", "Wifi"),
  row("SERVER", "110", "Server", "Server", "Servers", "Terminal"),
  row("EMAIL_ACCOUNT", "111", "Email", "Email Account", "Email Accounts", "Envelope"),
  // Categories only Connect and 1Password 8 have.
  row("API_CREDENTIAL", undefined, "ApiCredentials", "API Credential", "API Credentials", "Code"),
  row("SSH_KEY", undefined, "SshKey", "SSH Key", "SSH Keys", "Terminal"),
  row("MEDICAL_RECORD", undefined, "MedicalRecord", "Medical Record", "Medical Records", "Heartbeat"),
  row("CRYPTO_WALLET", undefined, "CryptoWallet", "Crypto Wallet", "Crypto Wallets"),
  row("PERSON", undefined, "Person", "Person", "People"),
  row("CUSTOM", undefined, undefined, "Custom", "Custom", "Tag"),
]);

const byAnyId = new Map<string, CategoryInfo>();
for (const info of CATEGORIES) {
  byAnyId.set(info.connectId, info);
  if (info.metadataId) byAnyId.set(info.metadataId, info);
}
const bySdkName = new Map(
  CATEGORIES.flatMap((info) => (info.sdkName ? [[info.sdkName, info] as const] : [])),
);

/** The category for a 1Password 7 ID ("001") or a Connect name ("LOGIN"), whichever an item carries. */
export function findCategory(categoryId: string): CategoryInfo | undefined {
  return byAnyId.get(categoryId);
}

/** The category for an SDK ItemCategory ("ApiCredentials"). */
export function findSdkCategory(sdkName: string): CategoryInfo | undefined {
  return bySdkName.get(sdkName);
}

/** One ID per category for filters: 1Password 7's where it has one ("LOGIN" → "001"), else the name given. */
export function normalizeCategoryId(categoryId: string): string {
  return findCategory(categoryId)?.metadataId ?? categoryId;
}
