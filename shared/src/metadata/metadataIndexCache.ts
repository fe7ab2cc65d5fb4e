// The index cache: one file of lines, a header (string table, folders with their times) and
// segments of at most 500 files each, so reading and writing it can pause between
// segments instead of stalling the caller. A cache is used only when every part is well formed.
import { readFile, rename, rm, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ItemSummary } from "../types.js";
import { encodeMetadataRow, ITEM_ROW_LENGTH } from "./readMetadataFile.js";

const FORMAT = "op-bridge-metadata-index";
const VERSION = 3;
const SEGMENT_FILES = 500;

/** One folder as the cached scan saw it. */
export interface CachedDir {
  rel: string;
  /** The folder's own modification time before it was listed. */
  mtime: number;
  /** Only item files and plain vault folders in it: its listing can stand for a readdir. */
  clean: boolean;
  subdirs: string[];
}

/** Up to 500 files of one folder, in listing order. */
export interface CachedSegment {
  dir: CachedDir;
  names: string[];
  sizes: number[];
  mtimes: number[];
  /** Per file: the reason it gave no item, or its packed item fields. */
  entries: (string | unknown[])[];
}

/** A cache found malformed part-way through: the load starts over without it. */
export class MetadataIndexDiscarded extends Error {
  constructor(readonly reason: string) {
    super(`The metadata index cache was discarded: ${reason}.`);
  }
}

/** An index being read: the header at once, segments one at a time (each checked). */
export interface MetadataIndex {
  startedAt: number;
  strings: string[];
  dirs: Map<string, CachedDir>;
  files: number;
  /** The next segment, or null after the last; throws MetadataIndexDiscarded when malformed. */
  next(): CachedSegment | null;
}

/** A folder and the files this scan saw in it, for writing the next cache. */
export interface ScannedDir {
  rel: string;
  mtime: number;
  clean: boolean;
  subdirs: string[];
  parts: ScannedFiles[];
}

/** Files of a folder with what each gave. */
export interface ScannedFiles {
  names: string[];
  sizes: Float64Array | null;
  mtimes: Float64Array | null;
  items: (ItemSummary | undefined)[];
  reasons: (string | undefined)[] | undefined;
  ignored: (string[] | undefined)[] | undefined;
}

type Pause = () => Promise<void> | undefined;

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
 * Opens the index cache for root: answers it (its segments still to be read with next()), or
 * why it was discarded; `absent` when there is no cache file.
 */
export async function openMetadataIndex(
  file: string,
  root: string,
  suffix: string,
  signal?: AbortSignal,
): Promise<{ index?: MetadataIndex; discard?: string; absent?: boolean }> {
  let text: Buffer;
  try {
    // Bytes, taken a segment at a time: the file is ASCII (see toAscii), so each segment
    // becomes a one-byte string by a plain copy, which JSON.parse also reads fastest.
    text = await readFile(file, { signal });
  } catch (error) {
    if ((error as { name?: string }).name === "AbortError") throw error;
    return { absent: true };
  }
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
  if (header.format !== FORMAT || header.version !== VERSION) return { discard: "another format or version" };
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

/** JSON text with every character past ASCII written as a \u escape (same value when parsed). */
function toAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** Writes the index atomically: a reader sees the old one or the new one, never half of one. */
export async function writeMetadataIndex(
  file: string,
  root: string,
  startedAt: number,
  scanned: ScannedDir[],
  suffix: string,
  pause: Pause,
): Promise<void> {
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const table = {
    index(value: string | undefined): number {
      if (value === undefined) return -1;
      let n = numbers.get(value);
      if (n === undefined) {
        n = strings.length;
        strings.push(value);
        numbers.set(value, n);
      }
      return n;
    },
  };
  const dirs: unknown[] = [];
  const segments: string[] = [];
  let files = 0;
  for (const dir of scanned) {
    const d = dirs.length;
    dirs.push([dir.rel, dir.mtime, dir.clean ? 1 : 0, dir.subdirs]);
    let names: string[] = [];
    let sizeList: number[] = [];
    let mtimeList: number[] = [];
    let entries: unknown[] = [];
    const flush = () => {
      if (names.length > 0) segments.push(toAscii(JSON.stringify([d, names, sizeList, mtimeList, entries])));
      names = [];
      sizeList = [];
      mtimeList = [];
      entries = [];
    };
    for (const part of dir.parts) {
      const { sizes, mtimes } = part;
      if (sizes === null || mtimes === null) continue;
      for (let i = 0; i < part.names.length; i++) {
        const size = sizes[i] as number;
        // Files that could not be read are not remembered: the next start tries them again.
        if (size !== size) continue;
        const name = part.names[i] as string;
        const item = part.items[i];
        if (item !== undefined) {
          const row: unknown[] = [];
          encodeMetadataRow(row, item, part.ignored?.[i], table);
          entries.push(row);
          names.push(name === item.vaultId + "_" + item.id + suffix ? "" : name);
        } else {
          entries.push(part.reasons?.[i] ?? "");
          names.push(name);
        }
        sizeList.push(size);
        files++;
        mtimeList.push(mtimes[i] as number);
        if (names.length >= SEGMENT_FILES) {
          flush();
          await pause();
        }
      }
    }
    flush();
  }
  const header = toAscii(
    JSON.stringify({
      format: FORMAT,
      version: VERSION,
      root,
      startedAt,
      files,
      strings,
      dirs,
      segments: segments.length,
    }),
  );
  await mkdir(dirname(file), { recursive: true });
  const tmp = file + "." + process.pid + "." + Math.random().toString(36).slice(2) + ".tmp";
  try {
    await writeFile(tmp, header + "\n" + segments.join("\n"), "latin1");
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
