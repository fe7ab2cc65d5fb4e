// Reads the extension's preferences into one typed shape.
import { getPreferenceValues } from "@raycast/api";

export interface Preferences {
  metadataFolder?: string;
  connectUrl?: string;
  connectToken?: string;
  primaryAction?: "open-and-fill" | "open-in-1password";
  serviceAccountToken?: string;
  /** 1Password 8 account names (or IDs), comma-separated, to list through the desktop app. */
  desktopAccounts?: string;
}

/** The desktop accounts the preference names, trimmed, without duplicates. */
export function desktopAccountsOf(preferences: Pick<Preferences, "desktopAccounts">): string[] {
  const names = (preferences.desktopAccounts ?? "").split(",").map((name) => name.trim());
  return [...new Set(names.filter(Boolean))];
}

export function readPreferences(): Preferences {
  return getPreferenceValues<Preferences>();
}
