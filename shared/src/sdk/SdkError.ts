// Turns whatever the 1Password SDK throws into an error that says what to do, with secrets removed.

/** What went wrong, for callers that react differently (sign in again, wait, install the app). */
export type SdkErrorKind =
  | "invalid-token"
  | "auth-expired"
  | "desktop-session-expired"
  | "desktop-unavailable"
  | "desktop-unreachable"
  | "desktop-locked"
  | "desktop-account-not-found"
  | "rate-limited"
  | "offline"
  | "not-found"
  | "unsupported"
  | "other";

/** An SDK failure with a message a person can act on. Never holds a token or a secret value. */
export class SdkError extends Error {
  override readonly name = "SdkError";
  readonly kind: SdkErrorKind;

  constructor(kind: SdkErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

const advice: Record<Exclude<SdkErrorKind, "other" | "not-found" | "unsupported">, string> = {
  "invalid-token":
    "1Password did not accept the service account token: copy it again from 1Password (it starts with ops_) and sign in again.",
  "auth-expired": "The 1Password sign-in expired: sign in again.",
  "desktop-session-expired":
    "The 1Password app's session for this extension ended: unlock 1Password, then sign in again.",
  "desktop-unavailable":
    "The 1Password desktop app was not found: install and open 1Password 8, unlock it, and turn on " +
    "Settings › Developer › Integrate with other apps. Or sign in with a service account token.",
  "desktop-unreachable":
    "The 1Password app did not answer: open 1Password 8, unlock it, and check that Settings › Developer › " +
    "Integrate with other apps is on. Then try again.",
  "desktop-locked":
    "1Password is locked: unlock the app and approve the request when it asks, then try again.",
  "desktop-account-not-found":
    "The 1Password app has no account by that name: use the name shown at the top of the app's sidebar " +
    "(or the account's ID), then sign in again.",
  "rate-limited":
    "1Password's rate limit was reached (a service account may make 1,000 reads and 100 writes an hour on most " +
    "plans, 10,000 and 1,000 on Business): wait a while, then try again.",
  offline: "1Password.com cannot be reached: check the internet connection, then try again.",
};

/** The SDK's own error classes (its errors.js turns the core's and the app's error names into these). */
export interface SdkErrorClasses {
  DesktopSessionExpiredError: abstract new (message: string) => Error;
  RateLimitExceededError: abstract new (message: string) => Error;
  AuthExpiredError: abstract new (message: string) => Error;
}

let sdkErrorClasses: Partial<SdkErrorClasses> | undefined;

/**
 * Tells the mapping the SDK's classes once the SDK is loaded, so its errors are told apart by class
 * (a bundler may rename the classes, and their messages are free text).
 */
export function recognizeSdkErrors(classes: Partial<SdkErrorClasses>): void {
  sdkErrorClasses = classes;
}

function kindOfSdkClass(error: unknown): Exclude<SdkErrorKind, "unsupported"> | undefined {
  const classes = sdkErrorClasses;
  if (!classes || !(error instanceof Error)) return undefined;
  const is = (kind: keyof SdkErrorClasses) =>
    typeof classes[kind] === "function" && error instanceof classes[kind];
  if (is("DesktopSessionExpiredError")) return "desktop-session-expired";
  if (is("RateLimitExceededError")) return "rate-limited";
  if (is("AuthExpiredError")) return "auth-expired";
  return undefined;
}

/**
 * Maps an SDK error (an Error subclass, or the JSON string its WASM core throws) to an SdkError.
 * `hide` lists strings that must not appear in the message (the token, values being written);
 * anything shaped like a service account token is removed too.
 */
export function toSdkError(error: unknown, hide: readonly (string | undefined)[] = []): SdkError {
  if (error instanceof SdkError) return error;
  const { name, message } = readError(error);
  const kind = kindOfSdkClass(error) ?? kindOfText(name, message);
  if (kind === "other" || kind === "not-found") {
    return new SdkError(kind, `1Password: ${redact(message || name || "unknown error", hide)}`);
  }
  return new SdkError(kind, advice[kind]);
}

/**
 * The kind from the error's name and message, for what the SDK throws without a class of its own: the
 * texts its JavaScript code throws ("Native library is not available.", "1Password desktop application
 * not found"), the app's library ("failed to send message to Desktop App…", as 1Password's Go SDK words
 * it), the app's own errors ("…Error { msg: Account not found…", as users of 1Password's Go SDK report
 * it), and the names the core gives its errors in JSON.
 */
function kindOfText(name: string, message: string): Exclude<SdkErrorKind, "unsupported"> {
  const text = `${name} ${message}`;
  let kind: Exclude<SdkErrorKind, "unsupported"> = "other";
  if (/DesktopSessionExpired/i.test(name)) kind = "desktop-session-expired";
  else if (/RateLimitExceeded/i.test(name) || /rate.?limit|too many requests/i.test(message))
    kind = "rate-limited";
  else if (/AuthExpired/i.test(name)) kind = "auth-expired";
  else if (/service account token|invalid token|token had invalid format|unauthori[sz]ed/i.test(text)) {
    kind = "invalid-token";
  } else if (
    /native library is not available|desktop application not found|desktop app.*not (found|running)/i.test(
      text,
    )
  ) {
    kind = "desktop-unavailable";
  } else if (/failed to send message to Desktop App/i.test(message)) {
    // What 1Password's SDKs report when the app's library cannot reach the app (integration off, app closed).
    kind = "desktop-unreachable";
  } else if (/\bis locked\b/i.test(message)) {
    kind = "desktop-locked";
  } else if (/no account matching|account .*not found/i.test(message)) {
    kind = "desktop-account-not-found";
  } else if (/fetch failed|network|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN/i.test(text)) {
    kind = "offline";
  } else if (/not found/i.test(message)) {
    kind = "not-found";
  }
  return kind;
}

function readError(error: unknown): { name: string; message: string } {
  if (typeof error === "string") {
    // The WASM core throws JSON strings like {"name":"ParsingSecretReference","message":"…"}.
    try {
      const parsed = JSON.parse(error) as { name?: unknown; message?: unknown };
      if (parsed && typeof parsed === "object") {
        return { name: String(parsed.name ?? ""), message: String(parsed.message ?? "") };
      }
    } catch {
      // Not JSON: the string is the message.
    }
    return { name: "", message: error };
  }
  if (error instanceof Error) {
    // The SDK's classes keep the default name "Error"; their constructor names tell them apart.
    const name =
      error.constructor?.name && error.constructor.name !== "Error" ? error.constructor.name : error.name;
    return { name, message: error.message };
  }
  return { name: "", message: String(error) };
}

/** Removes the given strings and anything shaped like a service account token. */
export function redact(text: string, hide: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of hide) {
    if (secret && secret.length >= 4) result = result.split(secret).join("[hidden]");
  }
  return result.replace(/ops_[A-Za-z0-9+/=_.-]+/g, "ops_[hidden]");
}
