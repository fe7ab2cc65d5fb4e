// The ways the desktop app fails people, and what the stand-in answers for each. What is confirmed, and from where:
// - not installed: nothing to answer; the SDK's own code (shared_lib_core.js) logs "1Password desktop application not
//   found" and throws "Native library is not available." on every call.
// - integration off, app closed, crashed mid-call: the library rejects (ipc-client/ipc_client.cc). Its text is the one
//   1Password's Go SDK gives for the same library's return code ("failed to send message to Desktop App. Please make
//   sure the integrations is enabled or otherwise contact 1Password support. Return code: -2"; -3 for a dropped call,
//   as users report them); what the Node export of the real library rejects with is not public.
// - session expired, rate limited: the error names are the SDK's (errors.js maps DesktopSessionExpired and
//   RateLimitExceeded to its classes, and core.js signs in again once on the first); their messages are ours, and the
//   product goes by the class, not the message.
// - account not found: the app's text as users of 1Password's Go SDK report it ("An internal error occurred when
//   processing SDK request: Error { msg: Account not found, inner: None }"); the error name is not public.
// - locked: users of the Go SDK report that a call after the app locks waits for the unlock and approval
//   (1Password/onepassword-sdk-go#266): the "awaiting-unlock" mode. What the app answers when that prompt is dismissed
//   is not public: "locked" answers so, with a text of ours.

export const FAILURE_MODES = [
  /** Works. */
  "none",
  /** No app: the library the SDK loads is not there (the SDK prints an error and says the library is unavailable). */
  "not-installed",
  /** "Integrate with other apps" is off, or the app is not running: nothing listens, the library cannot connect. */
  "integration-off",
  /** The app is locked: sessions end, and signing in again waits for an unlock the user does not give. */
  "locked",
  /**
   * The app is locked and shows its prompt: every session ends, and signing in again waits until the user
   * unlocks and approves (switching the mode to anything else), as users of the real app report.
   */
  "awaiting-unlock",
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
      "An internal error occurred when processing SDK request: Error { msg: Account not found, inner: None }",
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
