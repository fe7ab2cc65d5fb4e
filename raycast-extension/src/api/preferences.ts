// Reads the extension's preferences into one typed shape.
import { getPreferenceValues } from "@raycast/api";

export interface Preferences {
  metadataFolder?: string;
  connectUrl?: string;
  connectToken?: string;
  primaryAction?: "open-and-fill" | "open-in-1password";
  serviceAccountToken?: string;
}

export function readPreferences(): Preferences {
  return getPreferenceValues<Preferences>();
}
