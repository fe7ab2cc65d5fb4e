// Finds values in a text file that look like secrets: known token formats, private key blocks,
// and random-looking values under secret-looking keys.
import { isPlaceholder, isSecretKeyName, looksRandom, splitKeyWords, titleFromKey } from "./heuristics.js";
import { privateKeyBegin, schemeServices, tokenPatterns } from "./patterns.js";

/** A value that looks like a secret: offsets of the value only, never of its key. */
export interface Finding {
  start: number;
  end: number;
  kind: string;
  suggestedTitle?: string;
  /** The key the value was assigned to, when there was one. */
  key?: string;
}

export interface DetectSecretsOptions {
  fileName?: string;
  languageId?: string;
  /** Cancels a scan of a large text; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
}

/** Texts up to this size without a signal are scanned synchronously (a few milliseconds). */
const synchronousLimit = 256 * 1024;
/** Large texts are scanned in small pieces; the event loop gets a turn every few milliseconds. */
const pieceSize = 16 * 1024;
const turnMs = 8;

/**
 * Scans `text` for secrets. Small texts are answered synchronously; large ones (or any scan given
 * a signal) asynchronously in slices, so an editor stays responsive. Callers can always `await`.
 */
export function detectSecrets(
  text: string,
  options: DetectSecretsOptions = {},
): Finding[] | Promise<Finding[]> {
  if (!options.signal && text.length <= synchronousLimit) {
    const scan = startScan(text);
    scan.scanLines(0, text.length);
    return scan.findings();
  }
  return detectInSlices(text, options.signal);
}

async function detectInSlices(text: string, signal?: AbortSignal): Promise<Finding[]> {
  const scan = startScan(text);
  let from = 0;
  let turnStarted = performance.now();
  while (from < text.length) {
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
  return scan.findings();
}

function startScan(text: string) {
  const found: Finding[] = [];
  const keyBlocks = findPrivateKeyBlocks(text);
  found.push(...keyBlocks);

  return {
    scanLines(from: number, to: number) {
      let lineStart = from;
      while (lineStart < to) {
        const newline = text.indexOf("\n", lineStart);
        const lineEnd = newline === -1 || newline >= to ? to : newline;
        if (!keyBlocks.some((b) => lineStart >= b.start && lineStart < b.end)) {
          scanLine(text.slice(lineStart, lineEnd), lineStart, found);
        }
        lineStart = lineEnd + 1;
      }
    },
    findings: () => removeOverlaps(found),
  };
}

function findPrivateKeyBlocks(text: string): Finding[] {
  const blocks: Finding[] = [];
  if (!text.includes("PRIVATE KEY")) return blocks;
  for (const match of text.matchAll(privateKeyBegin)) {
    const endMarker = `-----END ${match[1]}-----`;
    const endAt = text.indexOf(endMarker, match.index);
    if (endAt === -1) continue;
    blocks.push({
      start: match.index,
      end: endAt + endMarker.length,
      kind: "private-key",
      suggestedTitle: match[1]?.startsWith("OPENSSH") ? "SSH Key" : "Private Key",
    });
  }
  return blocks;
}

function scanLine(line: string, offset: number, found: Finding[]): void {
  if (line.length > 100_000) return; // minified bundles and data blobs are not configuration
  for (const pattern of tokenPatterns) {
    pattern.regex.lastIndex = 0;
    for (const match of line.matchAll(pattern.regex)) {
      const secret = match[1] ?? match[0];
      if (/example|sample|dummy|xxxxx/i.test(secret)) continue;
      const start = offset + match.index + match[0].indexOf(secret);
      found.push({
        start,
        end: start + secret.length,
        kind: pattern.kind,
        suggestedTitle: serviceOf(pattern, match[0]),
      });
    }
  }
  for (const assignment of findAssignments(line)) {
    if (!isSecretKeyName(assignment.key) || !looksRandom(assignment.value)) continue;
    const start = offset + assignment.valueStart;
    found.push({
      start,
      end: start + assignment.value.length,
      kind: kindOfKey(assignment.key),
      suggestedTitle: titleFromKey(assignment.key),
      key: assignment.key,
    });
  }
}

function serviceOf(pattern: (typeof tokenPatterns)[number], matched: string): string {
  if (pattern.kind !== "connection-string-password") return pattern.service;
  const scheme = matched.slice(0, matched.indexOf(":")).toLowerCase();
  return schemeServices[scheme] ?? pattern.service;
}

function kindOfKey(key: string): string {
  const words = splitKeyWords(key);
  if (words.some((w) => ["password", "passwd", "pass", "pwd", "passphrase"].includes(w))) return "password";
  if (words.includes("token") || words.includes("bearer")) return "token";
  if (words.includes("key") || words.includes("apikey")) return "api-key";
  return "secret";
}

interface Assignment {
  key: string;
  value: string;
  valueStart: number;
}

// `KEY=value`, `key: value`, `"key": "value"`, `export KEY="value"`, `apiKey = 'value'`, `key => value`.
const assignmentStart = /(?:^|[\s{,;(])(?:export\s+)?(["']?)([A-Za-z_][\w.-]*)\1\s*(?::=|=>|=|:)[ \t]*/g;

/** Key/value pairs on one line, with the offset of each value's first character. */
export function findAssignments(line: string): Assignment[] {
  const assignments: Assignment[] = [];
  for (const match of line.matchAll(assignmentStart)) {
    const key = match[2] ?? "";
    let valueStart = match.index + match[0].length;
    const first = line[valueStart];
    if (first === "=" || first === undefined) continue; // `==` comparisons, empty values
    let value: string;
    if (first === '"' || first === "'" || first === "`") {
      const close = findClosingQuote(line, valueStart + 1, first);
      if (close === -1) continue;
      valueStart += 1;
      value = line.slice(valueStart, close);
    } else {
      value = /^[^\s,;}\]]+/.exec(line.slice(valueStart))?.[0] ?? "";
      // In code, `password = getPassword()` or `token: process.env.TOKEN` assign an expression.
      if (/^[A-Za-z_$][\w$]*[.[(]/.test(value)) continue;
    }
    if (value && !isPlaceholder(value)) assignments.push({ key, value, valueStart });
  }
  return assignments;
}

function findClosingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}

/** Keeps the more specific of two overlapping findings: a known token format over a key rule. */
function removeOverlaps(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.key === undefined ? 0 : 1);
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const kept: Finding[] = [];
  for (const finding of ordered) {
    if (!kept.some((k) => finding.start < k.end && k.start < finding.end)) kept.push(finding);
  }
  return kept.sort((a, b) => a.start - b.start);
}
