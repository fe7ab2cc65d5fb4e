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
  const scan = new ReferenceScan(text, options);
  while (scan.step(Number.MAX_SAFE_INTEGER));
  return scan.found;
}

/** How many `op://` hits a slice of {@link findSecretReferencesInSlices} reads between looks at the clock. */
const hitsPerLook = 64;

/**
 * {@link findSecretReferences} for large texts: the same answer, read in slices of a few milliseconds
 * so an editor's event loop gets a turn between them; `signal` cancels (the promise rejects with its reason).
 */
export async function findSecretReferencesInSlices(
  text: string,
  options: FindSecretReferencesOptions & {
    signal?: AbortSignal;
    sliceMs?: number;
    /** Stops after this many references: an editor decorates no more, and a million would only fill the heap. */
    limit?: number;
  } = {},
): Promise<FoundSecretReference[]> {
  const scan = new ReferenceScan(text, options);
  const sliceMs = options.sliceMs ?? 4;
  for (;;) {
    options.signal?.throwIfAborted();
    const sliceEnd = performance.now() + sliceMs;
    let more = true;
    while ((more = scan.step(hitsPerLook)) && performance.now() < sliceEnd);
    if (!more || (options.limit !== undefined && scan.found.length >= options.limit)) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  options.signal?.throwIfAborted();
  return scan.found.slice(0, options.limit);
}

/**
 * One pass over a text, resumable between hits. Every search moves forward only: where the line
 * ends and where the next `}}`, quote or `#` stands are remembered and searched again only once the
 * scan has passed them, so a line of a million `{{ op://…` costs about as much as a million lines.
 */
class ReferenceScan {
  readonly found: FoundSecretReference[] = [];
  private readonly prose: boolean;
  private readonly includeMalformed: boolean;
  /** Hits inside a reported reference are not read again. */
  private from = 0;
  private next: number;
  /** Per needle: the first occurrence found by the last search (or -1), and where that search stopped. */
  private readonly searched = new Map<string, { found: number; to: number }>();

  constructor(
    private readonly text: string,
    options: FindSecretReferencesOptions,
  ) {
    this.prose = isProse(options);
    this.includeMalformed = options.includeMalformed === true;
    this.next = text.indexOf("op://");
  }

  /** Reads up to `hits` more `op://` occurrences; false once the text is done. */
  step(hits: number): boolean {
    const { text } = this;
    for (let read = 0; read < hits; read++) {
      const start = this.next;
      if (start === -1) return false;
      this.next = text.indexOf("op://", start + 5);
      if (start < this.from) continue;
      // "shop://x" is not a reference.
      if (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) continue;
      const hit = this.readAt(start);
      if (hit) {
        this.found.push(hit);
        this.from = hit.end;
      }
    }
    return this.next !== -1;
  }

  /**
   * The first index of `needle` in [from, limit), or -1. Calls come with `from` never decreasing, so
   * what a search found (or that it found nothing up to its limit) is remembered and no character is
   * searched twice for the same needle; no search reaches past `limit`, so a slice stays short.
   */
  private indexWithin(needle: string, from: number, limit: number): number {
    const memo = this.searched.get(needle);
    if (memo && memo.found >= from) return memo.found < limit ? memo.found : -1;
    const searchFrom = Math.max(from, memo?.to ?? 0);
    if (searchFrom >= limit) return -1;
    const at = this.text.slice(searchFrom, limit + needle.length - 1).indexOf(needle);
    const found = at === -1 ? -1 : searchFrom + at;
    this.searched.set(needle, { found, to: found === -1 ? limit : found + 1 });
    return found;
  }

  /** Where the line of `from` ends, if before `limit`; past the text's end when it ends later. */
  private lineEnd(from: number, limit: number): number {
    const newline = this.indexWithin("\n", from, limit);
    const carriageReturn = this.indexWithin("\r", from, limit);
    if (newline === -1 && carriageReturn === -1)
      return limit < this.text.length ? this.text.length + 1 : limit;
    if (newline === -1 || carriageReturn === -1) return Math.max(newline, carriageReturn);
    return Math.min(newline, carriageReturn);
  }

  private readAt(start: number): FoundSecretReference | undefined {
    const { text } = this;
    // No wider form reaches past the next "op://" (a reference holds no ":" past its scheme), so no
    // search needs to look further: the work per hit is the text up to the next one.
    const nextHit = this.next === -1 ? text.length : this.next;
    const lineEnd = this.lineEnd(start, nextHit);
    const limit = Math.min(lineEnd, nextHit);
    const before = previousNonBlank(text, start);
    const enclosed = before >= 1 && text[before] === "{" && text[before - 1] === "{";

    let wide: number | undefined;
    if (enclosed) {
      const close = this.indexWithin("}}", start, limit);
      if (close !== -1) wide = close;
    } else if (start > 0 && `"'\``.includes(text[start - 1]!)) {
      const close = this.indexWithin(text[start - 1]!, start, limit);
      if (close !== -1) wide = close;
    } else if (!this.prose && before >= 0 && (text[before] === "=" || text[before] === ":")) {
      const comment = this.indexWithin("#", start, limit);
      wide = comment !== -1 ? comment : lineEnd;
    }
    if (wide !== undefined && wide > nextHit) wide = undefined;
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
    if (!this.includeMalformed) return undefined;
    // A malformed reference is reported up to the next space or delimiter, so "op://a/b[0]/c" is
    // flagged whole, with the character that is wrong.
    let wideEnd = start + 5;
    while (wideEnd < text.length && !/[\s"'`{}<>,;()]/.test(text[wideEnd]!)) wideEnd++;
    const malformed = text.slice(start, wideEnd);
    return { start, end: wideEnd, reference: malformed, enclosed, problem: problemOf(malformed) ?? "" };
  }
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
