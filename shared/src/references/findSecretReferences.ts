// Finds every secret reference in a text with its offsets, for hovers, diagnostics and previews.
import { SecretReferenceError } from "./SecretReferenceError.js";
import { parseSecretReference } from "./syntax.js";

/** A reference found in a text: `start`/`end` cover the op://… text only. */
export interface FoundSecretReference {
  start: number;
  end: number;
  reference: string;
  /** True inside an `op inject` template's `{{ … }}`. */
  enclosed: boolean;
  /** Only with `includeMalformed`: why this text is not a valid reference (SecretReferenceError's reason). */
  problem?: string;
}

export interface FindSecretReferencesOptions {
  /** Also report text that starts like a reference but is malformed (for diagnostics), with its `problem`. */
  includeMalformed?: boolean;
  /** In prose (markdown, plaintext) "Note: op://…" is no assignment, so the rest of the line is not taken. */
  languageId?: string;
  fileName?: string;
}

function isProse({ languageId, fileName }: FindSecretReferencesOptions): boolean {
  if (languageId && ["markdown", "plaintext", "restructuredtext", "asciidoc"].includes(languageId)) {
    // VS Code reports .env files it has no grammar for as plaintext.
    return !(fileName && /(^|[\\/])\.env(\.[^\\/]*)?$|\.env$/.test(fileName));
  }
  return !!fileName && /\.(md|markdown|txt|rst|adoc)$/i.test(fileName);
}

/** Characters of a reference that cannot be mistaken for its surroundings: no spaces. */
const tightCharacter = /[A-Za-z0-9_.\-/?=&]/;
/** Characters a reference with spaces may hold. */
const looseText = /^[A-Za-z0-9 _.\-/?=&]+$/;

/**
 * Every syntactically valid reference in `text`, in order. Names may contain spaces, so where a
 * reference ends depends on what surrounds it:
 * - `{{ op://… }}`: everything up to `}}` (trimmed) — the `op inject` template form;
 * - right after a quote (`"`, `'` or a backtick): everything up to the same quote on that line;
 * - as the value of an assignment (`KEY=op://…`, `key: op://…`): the rest of the line, minus
 *   trailing spaces and a `#` comment (`#` cannot occur in a reference) — how .env and YAML read it;
 *   not in prose (markdown, plain text: pass `languageId`/`fileName`), where "Note: op://…" is a sentence;
 * - anywhere else (prose, code): it ends at the first space, as a link in text would.
 * When the wider form does not hold a valid reference, the space-free form is tried. Text that
 * looks like a reference but is malformed (`op://a/b`) is not reported.
 */
export function findSecretReferences(
  text: string,
  options: FindSecretReferencesOptions = {},
): FoundSecretReference[] {
  const found: FoundSecretReference[] = [];
  const prose = isProse(options);
  let from = 0;
  for (;;) {
    const start = text.indexOf("op://", from);
    if (start === -1) break;
    // "shop://x" is not a reference.
    if (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) {
      from = start + 5;
      continue;
    }
    const hit = readAt(text, start, options.includeMalformed === true, prose);
    if (hit) {
      found.push(hit);
      from = hit.end;
    } else {
      from = start + 5;
    }
  }
  return found;
}

function readAt(
  text: string,
  start: number,
  includeMalformed: boolean,
  prose: boolean,
): FoundSecretReference | undefined {
  const lineEnd = findLineEnd(text, start);
  const before = previousNonBlank(text, start);
  const enclosed = before >= 1 && text[before] === "{" && text[before - 1] === "{";

  let wide: number | undefined;
  if (enclosed) {
    const close = indexWithin(text, "}}", start, lineEnd);
    if (close !== -1) wide = close;
  } else if (start > 0 && `"'\``.includes(text[start - 1]!)) {
    const close = indexWithin(text, text[start - 1]!, start, lineEnd);
    if (close !== -1) wide = close;
  } else if (!prose && before >= 0 && (text[before] === "=" || text[before] === ":")) {
    const comment = indexWithin(text, "#", start, lineEnd);
    wide = comment !== -1 ? comment : lineEnd;
  }
  if (wide !== undefined) {
    const end = trimEnd(text, start, wide);
    const candidate = text.slice(start, end);
    if (looseText.test(candidate.slice(5)) && isValid(candidate))
      return { start, end, reference: candidate, enclosed };
  }

  let end = start + 5;
  while (end < text.length && tightCharacter.test(text[end]!)) end++;
  const candidate = text.slice(start, end);
  if (isValid(candidate)) return { start, end, reference: candidate, enclosed };
  if (!includeMalformed) return undefined;
  // A malformed reference is reported up to the next space or delimiter, so "op://a/b[0]/c" is
  // flagged whole, with the character that is wrong.
  let wideEnd = start + 5;
  while (wideEnd < text.length && !/[\s"'`{}<>,;()]/.test(text[wideEnd]!)) wideEnd++;
  const malformed = text.slice(start, wideEnd);
  return { start, end: wideEnd, reference: malformed, enclosed, problem: problemOf(malformed) ?? "" };
}

function isValid(candidate: string): boolean {
  return problemOf(candidate) === undefined;
}

function problemOf(candidate: string): string | undefined {
  try {
    parseSecretReference(candidate);
    return undefined;
  } catch (error) {
    return error instanceof SecretReferenceError ? error.reason : String(error);
  }
}

/** indexOf limited to [from, limit): scanning to the end of a large text for each reference is quadratic. */
function indexWithin(text: string, needle: string, from: number, limit: number): number {
  const at = text.slice(from, limit).indexOf(needle);
  return at === -1 ? -1 : from + at;
}

function findLineEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (character === "\n" || character === "\r") return index;
  }
  return text.length;
}

/** The index of the last character before `index` on its line that is not a space or tab, or -1. */
function previousNonBlank(text: string, index: number): number {
  for (let at = index - 1; at >= 0; at--) {
    const character = text[at];
    if (character === " " || character === "\t") continue;
    if (character === "\n" || character === "\r") return -1;
    return at;
  }
  return -1;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return end;
}
