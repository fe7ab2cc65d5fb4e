// The index cache's format, shared by its reader and writer: one file of lines, a header (string
// table, folders with their times) and segments of at most 500 files each, so reading and
// writing it can pause between segments instead of stalling the caller. It holds every title,
// URL, vault and account name, so it is private to the user (0600 in a 0700 folder).
import type { ItemSummary } from "../types.js";

export const INDEX_FORMAT = "op-bridge-metadata-index";
export const INDEX_VERSION = 3;
export const SEGMENT_FILES = 500;

/**
 * A cache file larger than this is not read (checked with a stat first): 50,000 items take
 * about 15 MiB, and a huge file at the cache's path would otherwise be read whole.
 */
export const MAX_INDEX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Items from files larger than this are not cached (read again each start): real metadata files
 * are under 1 KiB, and a few huge ones would make the cache slower to write and read than the
 * files themselves (100 files of 900 KB: 6 s with the cache against 1 s without).
 */
export const MAX_CACHED_ITEM_FILE_BYTES = 16 * 1024;

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
  /** Per file, the entry already decoded (a stale-first answer built them): used as they are. */
  decoded?: (ItemSummary | string)[];
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
