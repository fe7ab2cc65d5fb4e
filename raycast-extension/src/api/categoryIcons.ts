// Maps each 1Password 7 category (and Connect's names for them) to one category ID and a Raycast icon.
import { Icon } from "@raycast/api";
import { METADATA_CATEGORIES } from "@op-bridge/shared";

/** Connect's category names → the 1Password 7 table's IDs, so one Login is one Login wherever it came from. */
const CONNECT_TO_METADATA: Record<string, string> = {
  LOGIN: "001",
  CREDIT_CARD: "002",
  SECURE_NOTE: "003",
  IDENTITY: "004",
  PASSWORD: "005",
  DOCUMENT: "006",
  SOFTWARE_LICENSE: "100",
  BANK_ACCOUNT: "101",
  DATABASE: "102",
  DRIVER_LICENSE: "103",
  OUTDOOR_LICENSE: "104",
  MEMBERSHIP: "105",
  PASSPORT: "106",
  REWARD_PROGRAM: "107",
  SOCIAL_SECURITY_NUMBER: "108",
  WIRELESS_ROUTER: "109",
  SERVER: "110",
  EMAIL_ACCOUNT: "111",
};

const ICONS: Record<string, Icon> = {
  "001": Icon.Key, // Login
  "002": Icon.CreditCard, // Credit Card
  "003": Icon.Paragraph, // Secure Note
  "004": Icon.Person, // Identity
  "005": Icon.Lock, // Password
  "006": Icon.Document, // Document
  "100": Icon.AppWindowGrid3x3, // Software License
  "101": Icon.BankNote, // Bank Account
  "102": Icon.HardDrive, // Database
  "103": Icon.Car, // Driver License
  "104": Icon.Tree, // Outdoor License
  "105": Icon.Star, // Membership
  "106": Icon.Airplane, // Passport
  "107": Icon.Gift, // Reward Program
  "108": Icon.Fingerprint, // Social Security Number
  "109": Icon.Wifi, // Wireless Router
  "110": Icon.Terminal, // Server
  "111": Icon.Envelope, // Email Account
  // Categories only Connect and 1Password 8 have.
  API_CREDENTIAL: Icon.Code,
  SSH_KEY: Icon.Terminal,
  MEDICAL_RECORD: Icon.Heartbeat,
  CUSTOM: Icon.Tag,
};

/** The 1Password 7 ID for a category ("LOGIN" → "001"); categories 1Password 7 lacks keep their name. */
export function normalizeCategoryId(categoryId: string): string {
  return CONNECT_TO_METADATA[categoryId] ?? categoryId;
}

/** The plural name a filter shows ("Logins"), for either spelling of the category. */
export function describeCategoryPlural(item: {
  categoryId: string;
  category: string;
  categoryPlural?: string;
}) {
  return (
    METADATA_CATEGORIES[normalizeCategoryId(item.categoryId)]?.plural ?? item.categoryPlural ?? item.category
  );
}

/** The icon for a category ID; an unknown category gets a neutral one rather than none. */
export function getCategoryIcon(categoryId: string): Icon {
  return ICONS[normalizeCategoryId(categoryId)] ?? Icon.QuestionMarkCircle;
}
