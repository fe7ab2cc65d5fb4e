// The heading both extensions give a failed source (a toast, an empty view, a problem row), one per kind.
import type { SourceProblemKind } from "./types.js";

/** The heading of a failed source's toast or empty view; the problem's message says what to do. */
const problemTitles: Record<SourceProblemKind, string> = {
  "metadata-missing": "No 1Password metadata folder",
  "metadata-unreadable": "Could not read the metadata folder",
  "connect-token-rejected": "Connect server unavailable",
  "connect-forbidden": "Connect server unavailable",
  "connect-rate-limited": "Connect server unavailable",
  "connect-server-error": "Connect server unavailable",
  "connect-unreachable": "Connect server unavailable",
  "connect-timeout": "Connect server unavailable",
  "connect-config": "Connect server unavailable",
  "sdk-invalid-token": "Service account token not accepted",
  "sdk-auth-expired": "1Password sign-in expired",
  "sdk-desktop-session-expired": "1Password is locked",
  "sdk-desktop-unavailable": "1Password app not available",
  "sdk-desktop-unreachable": "1Password app not answering",
  "sdk-desktop-locked": "1Password is locked",
  "sdk-desktop-account-not-found": "Account not found in 1Password",
  "sdk-rate-limited": "1Password rate limit reached",
  "sdk-offline": "1Password cannot be reached",
  "sdk-not-found": "1Password could not find it",
  "sdk-unsupported": "1Password cannot do that",
  "sdk-other": "1Password failed",
  "not-set-up": "Source not set up",
  other: "Source failed",
};

export function problemTitle(kind: SourceProblemKind): string {
  return problemTitles[kind];
}
