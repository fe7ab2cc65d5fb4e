// Checks a share request against the account's sharing policy, so a forbidden choice is refused before anything is sent.
import type { ItemShareAccountPolicy, ItemShareDuration } from "@1password/sdk";

/** What the user chose in the share flow. Recipients are emails or domains, as typed. */
export interface ShareRequest {
  /** Absent: the policy's default expiry. */
  expireAfter?: ItemShareDuration;
  /** True: the link works for one view only. */
  oneTimeOnly: boolean;
  /** Empty: anyone with the link (a "Public" share). */
  recipients: string[];
}

// The SDK's ItemShareDuration is a string enum; its values are these strings. Only a type is imported
// from the SDK (it loads lazily), so the values are written out here, in order of length.
const durations = ["OneHour", "OneDay", "SevenDays", "FourteenDays", "ThirtyDays"] as const;
const labels: Record<(typeof durations)[number], string> = {
  OneHour: "1 hour",
  OneDay: "1 day",
  SevenDays: "7 days",
  FourteenDays: "14 days",
  ThirtyDays: "30 days",
};

/** Every duration the SDK knows, shortest first. */
export const ALL_SHARE_DURATIONS = durations as unknown as readonly ItemShareDuration[];

function rank(duration: ItemShareDuration): number {
  return durations.indexOf(duration as unknown as (typeof durations)[number]);
}

/** The durations the policy allows (up to its maximum), shortest first. */
export function allowedExpiries(policy: ItemShareAccountPolicy): ItemShareDuration[] {
  const max = rank(policy.maxExpiry);
  // An unknown maximum (a newer SDK) allows what we know up to 30 days; the server still checks.
  const limit = max === -1 ? durations.length - 1 : max;
  return ALL_SHARE_DURATIONS.filter((_, index) => index <= limit);
}

/** "1 hour", "1 day", "7 days", "14 days", "30 days". */
export function describeExpiry(duration: ItemShareDuration): string {
  return labels[duration as unknown as (typeof durations)[number]] ?? String(duration);
}

/** What a recipient string is: an email address, a domain, or neither. */
export function classifyRecipient(recipient: string): "Email" | "Domain" | undefined {
  const domain = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
  const at = recipient.lastIndexOf("@");
  if (at === -1) return domain.test(recipient) ? "Domain" : undefined;
  const local = recipient.slice(0, at);
  return local.length > 0 &&
    local.length <= 64 &&
    /^[^\s@"(),:;<>[\\\]]+$/.test(local) &&
    domain.test(recipient.slice(at + 1))
    ? "Email"
    : undefined;
}

/** Splits what a person typed into recipients: commas, semicolons or spaces between them, duplicates dropped. */
export function parseRecipients(text: string): string[] {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    // "<ann@example.com>" as mail clients copy it; "@example.com" meaning the domain.
    const recipient = raw.replace(/^<(.*)>$/, "$1").replace(/^@/, "");
    if (recipient.length === 0 || seen.has(recipient.toLowerCase())) continue;
    seen.add(recipient.toLowerCase());
    recipients.push(recipient);
  }
  return recipients;
}

/**
 * The reasons the policy forbids this request (empty when it is allowed): an expiry beyond the
 * maximum, a link for anyone when only specific people are allowed (or the reverse), a recipient
 * type the account does not allow, recipients that are neither emails nor domains, and several
 * views when the account allows only one.
 */
export function checkShareRequest(policy: ItemShareAccountPolicy, request: ShareRequest): string[] {
  const reasons: string[] = [];
  const allowsPublic = policy.allowedTypes.map(String).includes("Public");
  const allowsAuthenticated = policy.allowedTypes.map(String).includes("Authenticated");
  if (!allowsPublic && !allowsAuthenticated) {
    return ["Your account does not allow sharing items."];
  }

  if (request.expireAfter !== undefined) {
    const wanted = rank(request.expireAfter);
    if (wanted === -1) {
      reasons.push(`"${String(request.expireAfter)}" is not a share duration.`);
    } else if (rank(policy.maxExpiry) !== -1 && wanted > rank(policy.maxExpiry)) {
      reasons.push(
        `Your account allows links for at most ${describeExpiry(policy.maxExpiry)}; ` +
          `${describeExpiry(request.expireAfter)} is longer.`,
      );
    }
  }

  if (request.recipients.length === 0 && !allowsPublic) {
    reasons.push(
      "Your account allows links only for specific people: add at least one email address or domain.",
    );
  }
  if (request.recipients.length > 0 && !allowsAuthenticated) {
    reasons.push("Your account allows only links that anyone can open: leave the recipients empty.");
  }

  const allowedRecipientTypes = policy.allowedRecipientTypes.map(String);
  for (const recipient of request.recipients) {
    const kind = classifyRecipient(recipient);
    if (kind === undefined) {
      reasons.push(`"${recipient}" is neither an email address nor a domain.`);
    } else if (!allowedRecipientTypes.includes(kind)) {
      reasons.push(
        kind === "Email"
          ? `Your account does not allow sharing with single email addresses ("${recipient}"): use a domain.`
          : `Your account does not allow sharing with whole domains ("${recipient}"): use email addresses.`,
      );
    }
  }

  // maxViews absent means unlimited; a maximum of one view leaves only a one-time link.
  if (
    policy.maxViews !== undefined &&
    policy.maxViews !== null &&
    policy.maxViews <= 1 &&
    !request.oneTimeOnly
  ) {
    reasons.push("Your account allows a shared item to be viewed only once: choose a one-time link.");
  }
  return reasons;
}
