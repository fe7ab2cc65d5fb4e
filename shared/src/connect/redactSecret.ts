// Hides every piece of a secret (a token) in text a server sent back: whole, cut, URL-encoded or base64.

/** Shorter runs than this are left alone: a 3-character run matches too much ordinary text. */
const PIECE = 4;
export const HIDDEN = "[hidden]";

/**
 * Builds a redactor for one secret. A server may echo the Authorization header whole, cut at any
 * length (its own cut or ours), percent-encoded, or base64-encoded (alone or as `Bearer …`, at any
 * byte offset): every run of text made of 4-character pieces of one of these forms is replaced.
 */
export function createRedactor(secret: string): (text: string) => string {
  const forms = secretForms(secret);
  const shortest = Math.min(...forms.map((form) => form.length));
  const size = Math.min(PIECE, shortest);
  const pieces = new Set<string>();
  for (const form of forms) {
    for (let i = 0; i + size <= form.length; i++) pieces.add(form.slice(i, i + size));
  }
  return (text) => hidePieces(text, pieces, size);
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

function hidePieces(text: string, pieces: ReadonlySet<string>, size: number): string {
  let result = "";
  let copiedUpTo = 0;
  let coveredUntil = -1;
  let runStart = -1;
  for (let i = 0; i + size <= text.length; i++) {
    if (!pieces.has(text.slice(i, i + size))) continue;
    if (i > coveredUntil) {
      if (runStart >= 0) {
        result += text.slice(copiedUpTo, runStart) + HIDDEN;
        copiedUpTo = coveredUntil;
      }
      runStart = i;
    }
    coveredUntil = i + size;
  }
  if (runStart < 0) return text;
  return result + text.slice(copiedUpTo, runStart) + HIDDEN + text.slice(coveredUntil);
}
