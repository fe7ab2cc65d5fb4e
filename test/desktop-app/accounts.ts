// The stand-in app's signed-in accounts: the Connect demo seed's vaults and items, split the way a
// developer's 1Password 8 holds them (a company account and a personal one), so account choice is tested.
import {
  AllowedRecipientType,
  AllowedType,
  ItemShareDuration,
  type Item,
  type ItemShareAccountPolicy,
  type VaultOverview,
} from "@1password/sdk";
import { buildDemoSeed } from "../connect-server/demoSeed.js";
import { populateStore } from "../connect-server/seed.js";
import { ConnectStore } from "../connect-server/store.js";
import { toItem, toVaultOverview } from "./sdkItems.js";

export interface EnvironmentVariableSource {
  name: string;
  /** A secret reference the app resolves on each read, or a plain value. */
  reference?: string;
  value?: string;
  masked: boolean;
}

export interface DesktopAccount {
  /** The account's UUID: DesktopAuth takes it as well as the name. */
  id: string;
  /** As shown at the top of the app's sidebar: what DesktopAuth is usually given. */
  name: string;
  vaults: Map<string, { overview: VaultOverview; items: Map<string, Item> }>;
  sharePolicy: ItemShareAccountPolicy;
  environments: Map<string, { name: string; variables: EnvironmentVariableSource[] }>;
}

/** The demo seed's vaults by account: the personal vault apart from the company's. */
const PERSONAL_VAULTS = new Set(["Private"]);

/** A company account's usual policy: named people only, a week at most. */
const businessPolicy: ItemShareAccountPolicy = {
  maxExpiry: ItemShareDuration.SevenDays,
  defaultExpiry: ItemShareDuration.OneDay,
  allowedTypes: [AllowedType.Authenticated],
  allowedRecipientTypes: [AllowedRecipientType.Email, AllowedRecipientType.Domain],
  files: { allowed: true, maxSize: 2_000_000 },
};

/** The defaults of individual and family accounts: anyone with the link, up to 30 days. */
const personalPolicy: ItemShareAccountPolicy = {
  maxExpiry: ItemShareDuration.ThirtyDays,
  defaultExpiry: ItemShareDuration.SevenDays,
  allowedTypes: [AllowedType.Authenticated, AllowedType.Public],
  allowedRecipientTypes: [AllowedRecipientType.Email, AllowedRecipientType.Domain],
  files: { allowed: true, maxSize: 2_000_000 },
};

export const DEMO_ACCOUNTS = {
  company: { id: "ACMEDEVTEAM4XQ2ZP7LW3KDN5A", name: "Acme Dev Team" },
  personal: { id: "JORDANLEEPERS6M3WQ8TBZ2HVY", name: "Jordan Lee" },
} as const;

/** The environment the company account holds, with its ID as the app's "Copy environment ID" gives it. */
export const DEMO_ENVIRONMENT_ID = "devenvironmentacme00000001";

/** Builds fresh accounts (every app start gets its own copy, so writes never leak between runs). */
export function buildDemoAccounts(): DesktopAccount[] {
  const store = new ConnectStore();
  populateStore(store, buildDemoSeed(), "the demo seed");
  const company = emptyAccount(DEMO_ACCOUNTS.company, businessPolicy);
  const personal = emptyAccount(DEMO_ACCOUNTS.personal, personalPolicy);
  for (const vault of store.listVaults()) {
    const items = new Map(store.listItems(vault.id).map((stored) => [stored.id, toItem(stored)] as const));
    const account = PERSONAL_VAULTS.has(vault.name) ? personal : company;
    account.vaults.set(vault.id, { overview: toVaultOverview(vault, items.size), items });
  }
  company.environments.set(DEMO_ENVIRONMENT_ID, {
    name: "Acme API (development)",
    variables: [
      { name: "DATABASE_URL", reference: "op://Development/Postgres Local/password", masked: true },
      { name: "OPENAI_API_KEY", reference: "op://Development/OpenAI API/credential", masked: true },
      { name: "LOG_LEVEL", value: "debug", masked: false },
    ],
  });
  return [company, personal];
}

function emptyAccount(
  identity: { id: string; name: string },
  sharePolicy: ItemShareAccountPolicy,
): DesktopAccount {
  return { ...identity, vaults: new Map(), sharePolicy, environments: new Map() };
}

/** The account DesktopAuth names: by its name as the sidebar shows it, or by its UUID. */
export function findAccount(
  accounts: readonly DesktopAccount[],
  nameOrId: string,
): DesktopAccount | undefined {
  return accounts.find((account) => account.name === nameOrId || account.id === nameOrId);
}
