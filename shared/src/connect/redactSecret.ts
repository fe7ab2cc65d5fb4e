// Hides every piece of a secret (a token) in text a server sent back: whole, cut, URL-encoded or base64.

/** A piece of the secret this long is hidden where a cut could have left it: at its start or its end. */
const PIECE = 4;
/**
 * A piece from the middle of the secret is hidden from this length on. Shorter middle pieces only
 * arise when a server cuts both sides within a few characters, while 4-character runs of a
 * human-readable token would hide ordinary words ("erve" of a token "server-token" in "Server").
 */
const MIDDLE_PIECE = 8;
export const HIDDEN = "[hidden]";

/**
 * Builds a redactor for one secret. A server may echo the Authorization header whole, cut at any
 * length (its own cut or ours), percent-encoded, or base64-encoded (alone or as `Bearer …`, at any
 * byte offset). Hidden: every start or end of one of these forms from 4 characters on (what a cut
 * leaves), and any run of 8 or more characters made of 4-character pieces of a form.
 */
export function createRedactor(secret: string): (text: string) => string {
  const forms = secretForms(secret);
  const size = Math.min(PIECE, ...forms.map((form) => form.length));
  const pieces = new Set<string>();
  for (const form of forms) {
    for (let i = 0; i + size <= form.length; i++) pieces.add(form.slice(i, i + size));
  }
  return (text) => {
    const hidden = new Uint8Array(text.length);
    for (const form of forms) markEnds(text, form, size, hidden);
    markLongRuns(text, pieces, size, Math.max(size, MIDDLE_PIECE), hidden);
    return replaceMarked(text, hidden);
  };
}

/** The secret as it may be written back: plain, percent-encoded (either hex case), base64 and base64url. */
function secretForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const forms = new Set([secret, encoded, encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())]);
  for (const form of base64Forms(secret)) {
    forms.add(form);
    forms.add(form.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...forms].filter((form) => form.length > 0);
}

/**
 * The base64 characters that depend only on the secret's bytes, for each of the three byte offsets
 * the secret can start at inside a longer encoded text (`Bearer ` puts it at offset 1).
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const all = padded.toString("base64");
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * padded.length) / 6);
    forms.push(all.slice(first, end));
  }
  return forms;
}

/** Marks each place the form's first (or last) `size` characters occur, extended as far as the form goes on. */
function markEnds(text: string, form: string, size: number, hidden: Uint8Array): void {
  const head = form.slice(0, size);
  for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
    let end = at + size;
    while (end < text.length && end - at < form.length && text[end] === form[end - at]) end++;
    hidden.fill(1, at, end);
  }
  const tail = form.slice(-size);
  for (let at = text.indexOf(tail); at !== -1; at = text.indexOf(tail, at + 1)) {
    let start = at;
    let inForm = form.length - size;
    while (start > 0 && inForm > 0 && text[start - 1] === form[inForm - 1]) {
      start--;
      inForm--;
    }
    hidden.fill(1, start, at + size);
  }
}

/** Marks every run of at least `minRun` characters covered by pieces of the secret's forms. */
function markLongRuns(
  text: string,
  pieces: ReadonlySet<string>,
  size: number,
  minRun: number,
  hidden: Uint8Array,
): void {
  let runStart = -1;
  let coveredUntil = -1;
  const close = () => {
    if (runStart >= 0 && coveredUntil - runStart >= minRun) hidden.fill(1, runStart, coveredUntil);
  };
  for (let i = 0; i + size <= text.length; i++) {
    if (!pieces.has(text.slice(i, i + size))) continue;
    if (i > coveredUntil) {
      close();
      runStart = i;
    }
    coveredUntil = i + size;
  }
  close();
}

/** The text with each marked run replaced by one marker. */
function replaceMarked(text: string, hidden: Uint8Array): string {
  if (!hidden.includes(1)) return text;
  let result = "";
  let i = 0;
  while (i < text.length) {
    const start = i;
    const marked = hidden[i] === 1;
    while (i < text.length && (hidden[i] === 1) === marked) i++;
    result += marked ? HIDDEN : text.slice(start, i);
  }
  return result;
}
