// Reads the index cache: the header at once, then each segment when asked, every part checked
// before it is used. The file's size is checked before it is read, and a cache readable by
// others (written by an older version) is made private on the way.
import { open } from "node:fs/promises";
import { tightenExistingCache } from "./indexCachePrivacy.js";
import {
  INDEX_FORMAT,
  INDEX_VERSION,
  MAX_INDEX_CACHE_BYTES,
  MetadataIndexDiscarded,
  type CachedDir,
  type CachedSegment,
  type MetadataIndex,
} from "./indexCacheFormat.js";
import { ITEM_ROW_LENGTH } from "./readMetadataFile.js";

const isText = (v: unknown): v is string => typeof v === "string";

/** A string number: -1 (none) only where allowed, else an index into the table. */
function isStringNumber(x: unknown, count: number, optional: boolean): boolean {
  return typeof x === "number" && Number.isInteger(x) && x >= (optional ? -1 : 0) && x < count;
}

function isTextList(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return false;
  return true;
}

/** A packed item whose string numbers all point into the table (no closures: once per item). */
function isItemRow(v: unknown[], strings: string[]): boolean {
  if (v.length !== ITEM_ROW_LENGTH) return false;
  const n = strings.length;
  const created = v[10];
  const modified = v[11];
  const app = isStringNumber(v[12], n, false) ? strings[v[12] as number] : undefined;
  return (
    typeof v[0] === "string" &&
    typeof v[1] === "string" &&
    isStringNumber(v[2], n, false) &&
    isStringNumber(v[3], n, false) &&
    isStringNumber(v[4], n, true) &&
    isStringNumber(v[5], n, true) &&
    isStringNumber(v[6], n, false) &&
    isStringNumber(v[7], n, false) &&
    isStringNumber(v[8], n, true) &&
    isTextList(v[9]) &&
    (created === null || typeof created === "number") &&
    (modified === null || typeof modified === "number") &&
    (app === "1password7" || app === "1password8") &&
    isStringNumber(v[13], n, true) &&
    (v[14] === 0 || isTextList(v[14]))
  );
}

function isNumbers(v: unknown, length: number): v is number[] {
  if (!Array.isArray(v) || v.length !== length) return false;
  for (let i = 0; i < length; i++) if (typeof v[i] !== "number") return false;
  return true;
}

/**
 * The cache file's bytes, after a stat: a file over MAX_INDEX_CACHE_BYTES is discarded unread.
 * Bytes, taken a segment at a time: the file is ASCII (see toAscii), so each segment becomes a
 * one-byte string by a plain copy, which JSON.parse also reads fastest.
 */
async function readCacheBytes(
  file: string,
  signal: AbortSignal | undefined,
): Promise<{ bytes: Buffer } | { absent: true } | { discard: string }> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return { absent: true };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { discard: "not a file" };
    if (info.size > MAX_INDEX_CACHE_BYTES) {
      return { discard: `larger than ${MAX_INDEX_CACHE_BYTES / 1048576} MiB, so not read` };
    }
    await tightenExistingCache(file, info.mode);
    return { bytes: await handle.readFile({ signal }) };
  } catch (error) {
    if ((error as { name?: string }).name === "AbortError") throw error;
    return { absent: true };
  } finally {
    await handle.close();
  }
}

/**
 * Opens the index cache for root: answers it (its segments still to be read with next()), or
 * why it was discarded; `absent` when there is no cache file.
 */
export async function openMetadataIndex(
  file: string,
  root: string,
  suffix: string,
  signal?: AbortSignal,
): Promise<{ index?: MetadataIndex; discard?: string; absent?: boolean }> {
  const read = await readCacheBytes(file, signal);
  if ("absent" in read || "discard" in read) return read;
  const text = read.bytes;
  let lineEnd = text.indexOf(10);
  if (lineEnd === -1) lineEnd = text.length;
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(text.toString("latin1", 0, lineEnd)) as Record<string, unknown>;
  } catch {
    return { discard: "not valid JSON" };
  }
  if (typeof header !== "object" || header === null || Array.isArray(header))
    return { discard: "not an index" };
  if (header.format !== INDEX_FORMAT || header.version !== INDEX_VERSION)
    return { discard: "another format or version" };
  if (header.root !== root) return { discard: "written for another folder" };
  const strings = header.strings;
  const dirList = header.dirs;
  const expectedFiles = header.files;
  const expectedSegments = header.segments;
  if (
    typeof header.startedAt !== "number" ||
    typeof expectedSegments !== "number" ||
    typeof expectedFiles !== "number" ||
    !Array.isArray(strings) ||
    !strings.every(isText) ||
    !Array.isArray(dirList)
  ) {
    return { discard: "incomplete" };
  }
  const dirs: CachedDir[] = [];
  const byRel = new Map<string, CachedDir>();
  for (const d of dirList as unknown[]) {
    if (
      !Array.isArray(d) ||
      d.length !== 4 ||
      typeof d[0] !== "string" ||
      typeof d[1] !== "number" ||
      (d[2] !== 0 && d[2] !== 1) ||
      !Array.isArray(d[3]) ||
      !d[3].every(isText) ||
      byRel.has(d[0])
    ) {
      return { discard: "a malformed folder" };
    }
    const dir: CachedDir = { rel: d[0], mtime: d[1], clean: d[2] === 1, subdirs: d[3] as string[] };
    dirs.push(dir);
    byRel.set(dir.rel, dir);
  }
  let files = 0;
  let segments = 0;
  let at = lineEnd + 1;
  const next = (): CachedSegment | null => {
    if (at >= text.length) {
      if (segments !== expectedSegments || files !== expectedFiles)
        throw new MetadataIndexDiscarded("incomplete");
      return null;
    }
    let end = text.indexOf(10, at);
    if (end === -1) end = text.length;
    let segment: unknown;
    try {
      segment = JSON.parse(text.toString("latin1", at, end));
    } catch {
      throw new MetadataIndexDiscarded("not valid JSON");
    }
    at = end + 1;
    if (!Array.isArray(segment) || segment.length !== 5)
      throw new MetadataIndexDiscarded("a malformed entry");
    const [d, names, sizes, mtimes, entries] = segment as unknown[];
    const dir = Number.isInteger(d) ? dirs[d as number] : undefined;
    if (
      dir === undefined ||
      !Array.isArray(names) ||
      !isTextList(names) ||
      !isNumbers(sizes, (names as string[]).length) ||
      !isNumbers(mtimes, (names as string[]).length) ||
      !Array.isArray(entries) ||
      entries.length !== (names as string[]).length
    ) {
      throw new MetadataIndexDiscarded("a malformed entry");
    }
    const list = names as string[];
    for (let i = 0; i < list.length; i++) {
      const entry = entries[i] as unknown;
      if (typeof entry === "string") {
        if (list[i] === "") throw new MetadataIndexDiscarded("a malformed entry");
      } else if (!Array.isArray(entry) || !isItemRow(entry, strings)) {
        throw new MetadataIndexDiscarded("a malformed entry");
      } else if (list[i] === "") {
        // An empty name stands for the usual one, "<vault>_<item><suffix>".
        list[i] = strings[entry[2] as number] + "_" + (entry[0] as string) + suffix;
      }
    }
    files += list.length;
    segments++;
    return { dir, names: list, sizes, mtimes, entries: entries as (string | unknown[])[] };
  };
  return { index: { startedAt: header.startedAt, strings, dirs: byRel, files: expectedFiles, next } };
}
