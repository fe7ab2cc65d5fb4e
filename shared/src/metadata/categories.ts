// The 18 built-in 1Password 7 categories by categoryUUID, as the metadata format documents them.

/** Singular and plural names of each built-in category, keyed by categoryUUID ("001" … "111"). */
export const METADATA_CATEGORIES: Readonly<Record<string, { singular: string; plural: string }>> =
  Object.freeze({
    "001": { singular: "Login", plural: "Logins" },
    "002": { singular: "Credit Card", plural: "Credit Cards" },
    "003": { singular: "Secure Note", plural: "Secure Notes" },
    "004": { singular: "Identity", plural: "Identities" },
    "005": { singular: "Password", plural: "Passwords" },
    "006": { singular: "Document", plural: "Documents" },
    "100": { singular: "Software License", plural: "Software Licenses" },
    "101": { singular: "Bank Account", plural: "Bank Accounts" },
    "102": { singular: "Database", plural: "Databases" },
    "103": { singular: "Driver License", plural: "Driver Licenses" },
    "104": { singular: "Outdoor License", plural: "Outdoor Licenses" },
    "105": { singular: "Membership", plural: "Memberships" },
    "106": { singular: "Passport", plural: "Passports" },
    "107": { singular: "Reward Program", plural: "Reward Programs" },
    "108": { singular: "Social Security Number", plural: "Social Security Numbers" },
    "109": { singular: "Wireless Router", plural: "Wireless Routers" },
    "110": { singular: "Server", plural: "Servers" },
    "111": { singular: "Email Account", plural: "Email Accounts" },
  });
