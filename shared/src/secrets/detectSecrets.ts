// Finds values in a text file that look like secrets: provider token formats, private key blocks,
// credentials in URLs, and random-looking values under secret-looking keys. One pass, linear in the
// text on any shape (long lines, many hits, many findings), in slices when the caller can wait.
import { customPatternLineLimit, type CustomPattern } from "./customPatterns.js";
import {
  findAssignments,
  indentOf,
  isBlockScalarIndicator,
  isCodeFile,
  looksLikeCode,
} from "./assignments.js";
import { isSecretKeyName, kindOfKey, looksRandom, shannonEntropy, titleFromKey } from "./heuristics.js";
import { exclusionFor } from "./precision.js";
import {
  databaseSchemes,
  privateKeyBegin,
  schemeServices,
  urlCredentials,
  type ProviderRule,
  type SuggestedCategory,
} from "./providers.js";
import { providerOfKey, rulesHintedBy, rulesWithAnchors, startsWithKnownPrefix } from "./ruleIndex.js";

/** A value that looks like a secret: offsets of the value only, never of its key. */
export interface Finding {
  start: number;
  end: number;
  kind: string;
  /** The item title Save in 1Password proposes: the provider, or words of the key. */
  suggestedTitle?: string;
  /** The key the value was assigned to, when there was one. */
  key?: string;
  /** Who issued it, when known: "GitHub". */
  provider?: string;
  /** What it is, in a user's words: "GitHub fine-grained personal access token". */
  description?: string;
  suggestedCategory?: SuggestedCategory;
  suggestedFieldLabel?: string;
  /** Why the detector kept it: the format it matched, or the key and the value's randomness. */
  reason?: string;
}

export interface DetectSecretsOptions {
  fileName?: string;
  languageId?: string;
  /** Cancels a scan of a large text; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** The user's own patterns, compiled and checked by compileCustomPatterns. */
  customPatterns?: readonly CustomPattern[];
  /**
   * Stops after this many findings (the first ones in the text). An editor shows no more lenses than
   * that, and a log of half a million `token=` lines would otherwise keep half a million findings alive.
   */
  limit?: number;
}

/** Texts up to this size without a signal are scanned synchronously (a few milliseconds). */
const synchronousLimit = 256 * 1024;
/** Large texts are scanned in small pieces; the event loop gets a turn every few milliseconds. */
const pieceSize = 4 * 1024;
const turnMs = 4;
/** Minified bundles and data blobs are not configuration. */
const longestLine = 100_000;

/**
 * Scans `text` for secrets. Small texts are answered synchronously; large ones (or any scan given
 * a signal) asynchronously in slices, so an editor stays responsive. Callers can always `await`.
 */
export function detectSecrets(
  text: string,
  options: DetectSecretsOptions = {},
): Finding[] | Promise<Finding[]> {
  if (!options.signal && text.length <= synchronousLimit) {
    const scan = new SecretScan(text, options);
    scan.scanLines(0, text.length);
    return scan.findings().slice(0, options.limit);
  }
  return detectInSlices(text, options);
}

async function detectInSlices(text: string, options: DetectSecretsOptions): Promise<Finding[]> {
  const { signal } = options;
  const scan = new SecretScan(text, options);
  let from = 0;
  let turnStarted = performance.now();
  while (from < text.length && !scan.full()) {
    signal?.throwIfAborted();
    const newline = text.indexOf("\n", Math.min(from + pieceSize, text.length));
    const to = newline === -1 ? text.length : newline + 1;
    scan.scanLines(from, to);
    from = to;
    if (performance.now() - turnStarted > turnMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    }
  }
  signal?.throwIfAborted();
  return scan.findings().slice(0, options.limit);
}

/** A finding and how sure we are of it: a known format (0) wins an overlap over a key rule (1). */
type Ranked = Finding & { rank: 0 | 1 };

interface PendingBlock {
  key: string;
  indent: number;
  /** Offsets of the first and last non-blank character of the block's lines so far. */
  start: number;
  end: number;
  lines: number;
  /** True once a line of the block holds a space inside it: prose, a list, a script. */
  spaced: boolean;
}

class SecretScan {
  /** Kept findings, in order: each line's are settled among themselves before the next line is read. */
  private readonly found: Finding[] = [];
  /** The findings of the line being read, before their overlaps are settled. */
  private line: Ranked[] = [];
  private readonly keyBlocks: Finding[];
  /** Index of the first key block that may still contain the lines being scanned. */
  private nextKeyBlock = 0;
  private readonly codeFile: boolean;
  private block: PendingBlock | undefined;

  constructor(
    private readonly text: string,
    private readonly options: DetectSecretsOptions,
  ) {
    this.keyBlocks = findPrivateKeyBlocks(text);
    this.codeFile = isCodeFile(options.fileName, options.languageId);
  }

  scanLines(from: number, to: number): void {
    const { text } = this;
    let lineStart = from;
    while (lineStart < to) {
      const newline = text.indexOf("\n", lineStart);
      const lineEnd = newline === -1 || newline >= to ? to : newline;
      if (!this.insideKeyBlock(lineStart)) {
        this.scanLine(text.slice(lineStart, lineEnd), lineStart);
        if (this.line.length) this.settleLine();
      }
      lineStart = lineEnd + 1;
    }
    if (to >= text.length) this.closeBlock();
  }

  /** True once the scan holds as many findings as it was asked for. */
  full(): boolean {
    return (
      this.options.limit !== undefined && this.found.length + this.keyBlocks.length >= this.options.limit
    );
  }

  findings(): Finding[] {
    this.closeBlock();
    return mergeByStart(this.keyBlocks, this.found);
  }

  /** Keeps the line's findings that do not overlap a more specific one, in order. */
  private settleLine(): void {
    for (const { rank: _rank, ...finding } of removeOverlaps(this.line)) this.found.push(finding);
    this.line = [];
  }

  private insideKeyBlock(offset: number): boolean {
    const blocks = this.keyBlocks;
    while (this.nextKeyBlock < blocks.length && blocks[this.nextKeyBlock]!.end <= offset) this.nextKeyBlock++;
    const block = blocks[this.nextKeyBlock];
    return !!block && block.start <= offset;
  }

  private scanLine(line: string, offset: number): void {
    if (line.length > longestLine) return;
    if (this.block && this.continuesBlock(line, offset)) return;
    const assignments = findAssignments(line);
    this.findProviderShapes(line, offset, assignments);
    if (line.includes("://")) this.findUrlCredentials(line, offset);
    for (const assignment of assignments) {
      if (!assignment.quoted && looksLikeCode(assignment.value, this.codeFile)) continue;
      if (isBlockScalarIndicator(assignment.value) && isSecretKeyName(assignment.key)) {
        this.block = {
          key: assignment.key,
          indent: indentOf(line),
          start: -1,
          end: -1,
          lines: 0,
          spaced: false,
        };
        continue;
      }
      this.judgeAssignment(assignment.key, assignment.value, offset + assignment.valueStart);
    }
    if (this.options.customPatterns?.length && line.length <= customPatternLineLimit) {
      this.findCustomPatterns(line, offset);
    }
  }

  /** True when the line belongs to the YAML block scalar being read (`key: |` and the lines indented under it). */
  private continuesBlock(line: string, offset: number): boolean {
    const block = this.block!;
    const indent = indentOf(line);
    const blank = indent === line.length || (line.length === indent + 1 && line.endsWith("\r"));
    if (!blank && indent <= block.indent) {
      this.closeBlock();
      return false;
    }
    if (!blank) {
      if (block.start === -1) block.start = offset + indent;
      block.end = offset + line.trimEnd().length;
      block.lines++;
      block.spaced ||= /\s/.test(line.trim());
    }
    // Its lines may still hold a provider's token (found by shape like any other line).
    this.findProviderShapes(line, offset, []);
    return true;
  }

  /** A block under a secret key is judged as one value: one line, or a wrapped blob with no spaces. */
  private closeBlock(): void {
    const block = this.block;
    this.block = undefined;
    if (!block || block.lines === 0) return;
    const value = this.text.slice(block.start, block.end);
    const joined = value.replace(/\s+/g, "");
    if (block.spaced) return;
    if (!looksRandom(joined) && !(block.lines > 1 && joined.length >= 40 && shannonEntropy(joined) >= 4))
      return;
    this.judgeAssignment(block.key, value, block.start, joined);
    // The block's lines were settled already: a format found in them wins over the block as a whole.
    const taken = this.found.length > 0 && this.found[this.found.length - 1]!.end > block.start;
    if (taken) this.line = [];
    else this.settleLine();
  }

  private findProviderShapes(
    line: string,
    offset: number,
    assignments: ReturnType<typeof findAssignments>,
  ): void {
    for (const rule of rulesWithAnchors(line)) {
      rule.regex.lastIndex = 0;
      for (const match of line.matchAll(rule.regex)) {
        const secret = match[1] ?? match[0];
        const at = match.index + match[0].indexOf(secret);
        const key = assignments.find((a) => a.valueStart <= at && at < a.valueStart + a.value.length)?.key;
        if (exclusionFor({ value: secret, key }, true)) continue;
        let reason = `has the shape of a ${rule.name}`;
        if (rule.verify) {
          if (rule.verify(secret)) reason += " and its checksum verifies";
          else if (key && isSecretKeyName(key))
            reason += `; its checksum does not verify, but ${key} names a secret`;
          else continue;
        }
        this.line.push(providerFinding(rule, offset + at, secret.length, reason, key));
      }
    }
  }

  private findUrlCredentials(line: string, offset: number): void {
    urlCredentials.lastIndex = 0;
    for (const match of line.matchAll(urlCredentials)) {
      const [, scheme = "", user = "", password = ""] = match;
      if (password.length < 6 || password === user || exclusionFor({ value: password })) continue;
      if (!looksRandom(password) && shannonEntropy(password) < 2.5) continue;
      const lower = scheme.toLowerCase();
      const database = databaseSchemes.has(lower);
      const start = offset + match.index + match[0].length - 1 - password.length;
      const provider = schemeServices[lower];
      this.line.push({
        start,
        end: start + password.length,
        kind: database ? "connection-string-password" : "url-password",
        provider,
        description: database ? `${provider} connection password` : "password in a URL",
        suggestedTitle: provider ?? hostTitle(line, match.index + match[0].length),
        suggestedCategory: database ? "DATABASE" : "PASSWORD",
        suggestedFieldLabel: "password",
        reason: `is the password of a ${scheme}:// URL with credentials`,
        rank: 0,
      });
    }
  }

  /** A value under a key: a provider format the key names, or a random value under a secret's key. */
  private judgeAssignment(key: string, value: string, start: number, judged = value): void {
    for (const rule of rulesHintedBy(key)) {
      rule.regex.lastIndex = 0;
      const match = rule.regex.exec(judged);
      if (
        match &&
        match.index === 0 &&
        match[0].length === judged.length &&
        !exclusionFor({ value, key }, true)
      ) {
        const reason = `has the shape of a ${rule.name} under ${key}`;
        this.line.push(providerFinding(rule, start, value.length, reason, key));
        return;
      }
    }
    if (!isSecretKeyName(key) || !looksRandom(judged)) return;
    // A value that starts like a provider's token but has the wrong length or alphabet is not one.
    if (exclusionFor({ value: judged, key }) || startsWithKnownPrefix(judged)) return;
    const kind = kindOfKey(key);
    const provider = providerOfKey(key);
    this.line.push({
      start,
      end: start + value.length,
      kind,
      key,
      provider,
      description: `${kind.replace("-", " ")}${provider ? ` for ${provider}` : ""}`,
      suggestedTitle: provider ?? titleFromKey(key),
      suggestedCategory: kind === "password" ? "PASSWORD" : "API_CREDENTIAL",
      suggestedFieldLabel: kind === "password" ? "password" : kind.replace("-", " "),
      reason: `${key} names a secret and the value is random (${shannonEntropy(judged).toFixed(1)} bits a character)`,
      rank: 1,
    });
  }

  private findCustomPatterns(line: string, offset: number): void {
    for (const pattern of this.options.customPatterns!) {
      pattern.regex.lastIndex = 0;
      for (const match of line.matchAll(pattern.regex)) {
        const secret = match[1] ?? match[0];
        if (!secret) continue;
        const start = offset + match.index + match[0].indexOf(secret);
        this.line.push({
          start,
          end: start + secret.length,
          kind: "custom",
          provider: pattern.name,
          description: pattern.name,
          suggestedTitle: pattern.name,
          suggestedCategory: "API_CREDENTIAL",
          suggestedFieldLabel: "credential",
          reason: `matches your pattern "${pattern.name}"`,
          rank: 0,
        });
      }
    }
  }
}

function providerFinding(
  rule: ProviderRule,
  start: number,
  length: number,
  reason: string,
  key: string | undefined,
): Ranked {
  return {
    start,
    end: start + length,
    kind: rule.kind,
    key,
    provider: rule.provider,
    description: rule.name,
    suggestedTitle: rule.provider,
    suggestedCategory: rule.category,
    suggestedFieldLabel: rule.fieldLabel,
    reason,
    rank: 0,
  };
}

/** "api.example.com" for https://user:pass@api.example.com/…: a title for a URL credential. */
function hostTitle(line: string, hostStart: number): string {
  return /^[A-Za-z0-9.-]{1,100}/.exec(line.slice(hostStart, hostStart + 100))?.[0] || "URL credentials";
}

function findPrivateKeyBlocks(text: string): Finding[] {
  const blocks: Finding[] = [];
  if (!text.includes("PRIVATE KEY")) return blocks;
  // Where each END marker was last seen: a file of many BEGIN lines and no END is searched once.
  const endAt = new Map<string, number>();
  let after = 0;
  privateKeyBegin.lastIndex = 0;
  for (const match of text.matchAll(privateKeyBegin)) {
    if (match.index < after) continue; // a BEGIN inside the previous block
    const endMarker = `-----END ${match[1]}-----`;
    const known = endAt.get(endMarker);
    const end =
      known !== undefined && (known === -1 || known >= match.index)
        ? known
        : text.indexOf(endMarker, match.index);
    endAt.set(endMarker, end);
    if (end === -1) continue;
    after = end + endMarker.length;
    const ssh = match[1]?.startsWith("OPENSSH");
    blocks.push({
      start: match.index,
      end: after,
      kind: "private-key",
      provider: ssh ? "SSH" : undefined,
      description: ssh ? "SSH private key" : "private key",
      suggestedTitle: ssh ? "SSH Key" : "Private Key",
      suggestedCategory: "API_CREDENTIAL",
      suggestedFieldLabel: "private key",
      reason: `is a PEM ${match[1]} block`,
    });
  }
  return blocks;
}

/**
 * Keeps the more specific of overlapping findings: a known format over a key rule, and the earlier
 * of two of the same rank. Sorted, then swept: n log n in the findings of one line.
 */
function removeOverlaps(findings: Ranked[]): Ranked[] {
  if (findings.length === 1) return findings;
  const byStart = (a: Ranked, b: Ranked) => a.start - b.start;
  const formats = findings.filter((f) => f.rank === 0).sort(byStart);
  const keptFormats: Ranked[] = [];
  for (const f of formats) {
    const last = keptFormats[keptFormats.length - 1];
    if (!last || f.start >= last.end) keptFormats.push(f);
  }
  const kept: Ranked[] = [...keptFormats];
  let format = 0;
  let lastKeyEnd = -1;
  for (const f of findings.filter((f) => f.rank === 1).sort(byStart)) {
    while (format < keptFormats.length && keptFormats[format]!.end <= f.start) format++;
    const blocking = keptFormats[format];
    if ((blocking && blocking.start < f.end) || f.start < lastKeyEnd) continue;
    kept.push(f);
    lastKeyEnd = f.end;
  }
  return kept.sort(byStart);
}

/** Two lists sorted by start, merged into one. */
function mergeByStart(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  if (a.length === 0) return [...b];
  const merged: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}
