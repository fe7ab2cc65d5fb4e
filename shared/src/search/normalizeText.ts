// Folds text the way people type into a launcher: no accents, no case, no punctuation.

const COMBINING_MARKS = /\p{M}+/gu;
// Apostrophes join their word ("Driver's" → "drivers"); every other non-letter, non-digit splits.
const APOSTROPHES = /['’ʼ`]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Lower-cased, accent-free text whose words are separated by single spaces, without leading/trailing space. */
export function normalizeText(text: string): string {
  // Fast path: plain ASCII letters, digits and single spaces need only lower-casing.
  if (/^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(APOSTROPHES, "")
    .replace(SEPARATORS, " ")
    .trim();
}

/** The host of a URL without "www.", or undefined for text that has none (e.g. "n/a"). */
export function extractHost(url: string): string | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/?#:]+)/i.exec(url.trim());
  const host = match?.[1]?.toLowerCase().replace(/^www\./, "");
  return host && host.includes(".") ? host : undefined;
}
