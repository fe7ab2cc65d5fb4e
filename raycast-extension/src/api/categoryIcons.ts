// Maps each 1Password 7 category (and Connect's names for them) to a Raycast icon.
import { Icon } from "@raycast/api";

const ICONS: Record<string, Icon> = {
  "001": Icon.Key, // Login
  "002": Icon.CreditCard, // Credit Card
  "003": Icon.Document, // Secure Note
  "004": Icon.Person, // Identity
  "005": Icon.Lock, // Password
  "099": Icon.Trash, // Tombstone
  "100": Icon.AppWindowGrid3x3, // Software License
  "101": Icon.BankNote, // Bank Account
  "102": Icon.HardDrive, // Database
  "103": Icon.Car, // Driver License
  "104": Icon.Tree, // Outdoor License
  "105": Icon.Star, // Membership
  "106": Icon.Airplane, // Passport
  "107": Icon.Gift, // Reward Program
  "108": Icon.Globe, // Social Security Number
  "109": Icon.Wifi, // Wireless Router
  "110": Icon.Terminal, // Server
  "111": Icon.Envelope, // Email Account
  LOGIN: Icon.Key,
  PASSWORD: Icon.Lock,
  CREDIT_CARD: Icon.CreditCard,
  SECURE_NOTE: Icon.Document,
  IDENTITY: Icon.Person,
  API_CREDENTIAL: Icon.Code,
  SERVER: Icon.Terminal,
  DATABASE: Icon.HardDrive,
  SSH_KEY: Icon.Key,
};

/** The icon for a category ID; an unknown category gets a neutral one rather than none. */
export function getCategoryIcon(categoryId: string): Icon {
  return ICONS[categoryId] ?? Icon.QuestionMarkCircle;
}
