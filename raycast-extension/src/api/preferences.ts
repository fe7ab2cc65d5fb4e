// Reads the extension's preferences into one typed shape.
import { getPreferenceValues } from "@raycast/api";

/** Every action the primary (Enter) and secondary (⌘↵) action preferences can name, in the manifest's order. */
export const ITEM_ACTION_IDS = [
  "open-and-fill",
  "open-in-1password",
  "copy-username",
  "copy-password",
  "copy-one-time-password",
  "paste-username",
  "paste-password",
  "paste-one-time-password",
  "copy-secret-reference",
  "share",
  "show-all-fields",
] as const;

export type ItemActionId = (typeof ITEM_ACTION_IDS)[number];

export interface Preferences {
  metadataFolder?: string;
  connectUrl?: string;
  connectToken?: string;
  primaryAction?: ItemActionId;
  secondaryAction?: ItemActionId;
  serviceAccountToken?: string;
  /** 1Password 8 account names (or IDs), comma-separated, to list through the desktop app. */
  desktopAccounts?: string;
  /** Seconds after which a copied secret leaves the clipboard (if still there); "0" never. */
  clipboardClearSeconds?: string;
}

/** The desktop accounts the preference names, trimmed, without duplicates. */
export function desktopAccountsOf(preferences: Pick<Preferences, "desktopAccounts">): string[] {
  const names = (preferences.desktopAccounts ?? "").split(",").map((name) => name.trim());
  return [...new Set(names.filter(Boolean))];
}

/** The action preferences, with the manifest's defaults; an unknown value (an older version's) is the default. */
export function itemActionPreferences(preferences: Pick<Preferences, "primaryAction" | "secondaryAction">): {
  primary: ItemActionId;
  secondary: ItemActionId;
} {
  const known = (value: string | undefined, fallback: ItemActionId): ItemActionId =>
    ITEM_ACTION_IDS.find((id) => id === value) ?? fallback;
  return {
    primary: known(preferences.primaryAction, "open-and-fill"),
    secondary: known(preferences.secondaryAction, "open-in-1password"),
  };
}

/** The clipboard preference in seconds; 0 keeps copies. Default 90 s, as 1Password itself does. */
export function clipboardClearSecondsOf(preferences: Pick<Preferences, "clipboardClearSeconds">): number {
  const seconds = Number(preferences.clipboardClearSeconds ?? "90");
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 90;
}

export function readPreferences(): Preferences {
  return getPreferenceValues<Preferences>();
}
