// Finds what a server said in an error answer: Connect's JSON `message`, or a little of a proxy's page.
import { HIDDEN } from "./redactSecret.js";

/**
 * The message in an error body that was already redacted whole. It is redacted again once unpacked
 * (JSON escapes can hide the token from the first pass), and only then cut.
 */
export function readErrorMessage(redactedBody: string, redact: (text: string) => string): string {
  try {
    const parsed = JSON.parse(redactedBody) as { message?: unknown };
    if (parsed && typeof parsed.message === "string") return cut(redact(parsed.message), 300);
  } catch {
    // Not Connect's JSON: a proxy's page; keep a little of it.
  }
  const text = redactedBody
    .slice(0, 20_000)
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cut(redact(text), 200);
}

/** Cuts at `max` characters, before a redaction marker rather than through it. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const markerStart = text.lastIndexOf(HIDDEN, max);
  const end = markerStart >= 0 && markerStart + HIDDEN.length > max ? markerStart : max;
  return text.slice(0, end);
}
