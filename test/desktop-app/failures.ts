// The ways the desktop app fails people, and what the stand-in answers for each.
// Error names are the ones the SDK's errors.js maps to classes (DesktopSessionExpired, RateLimitExceeded);
// messages are the closest public texts: 1Password's own SDKs and their issue trackers. The texts the
// real app sends for a locked app or an unknown account are not public, so those are our best guess.

export const FAILURE_MODES = [
  /** Works. */
  "none",
  /** No app: the library the SDK loads is not there (the SDK prints an error and says the library is unavailable). */
  "not-installed",
  /** "Integrate with other apps" is off, or the app is not running: nothing listens, the library cannot connect. */
  "integration-off",
  /** The app is locked: sessions end, and signing in again waits for an unlock the user does not give. */
  "locked",
  /** The next call finds its session over (10 minutes idle); the SDK signs in again once and retries. */
  "session-expired-once",
  /** Every call finds its session over, even right after signing in again. */
  "session-expired",
  /** 1Password's servers refuse for now. */
  "rate-limited",
  /** Every answer takes `delayMs`. */
  "slow",
  /** The app dies while a call is in flight: the connection closes unanswered and nothing listens after. */
  "crashed",
] as const;

export type FailureMode = (typeof FAILURE_MODES)[number];

export function isFailureMode(value: unknown): value is FailureMode {
  return typeof value === "string" && (FAILURE_MODES as readonly string[]).includes(value);
}

/** An error the app answers with `success: false`; the SDK throws the class its name selects. */
export class AppError extends Error {
  readonly errorName: string;
  constructor(errorName: string, message: string) {
    super(message);
    this.errorName = errorName;
  }
}

export const appErrors = {
  sessionExpired: () =>
    new AppError(
      "DesktopSessionExpired",
      "desktop session expired, please re-authenticate with the desktop app",
    ),
  rateLimited: () => new AppError("RateLimitExceeded", "rate limit exceeded"),
  locked: () =>
    new AppError(
      "Internal",
      "1Password is locked: the authorization prompt was dismissed before 1Password was unlocked",
    ),
  accountNotFound: () =>
    new AppError(
      "Internal",
      "no account matching the given account name or UUID was found in the desktop app",
    ),
  invalidClient: () => new AppError("Internal", "invalid client id"),
  unknownInvocation: (name: string) =>
    new AppError(
      "Internal",
      `invocation ${JSON.stringify(name)} is not supported by this version of 1Password`,
    ),
  invalidParameters: (name: string, detail: string) =>
    new AppError("Internal", `invalid parameters for ${name}: ${detail}`),
  notFound: (what: string) => new AppError("Internal", `${what} not found`),
};
