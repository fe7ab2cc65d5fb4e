// Reads a whole metadata folder without stalling the caller. Measured on 2 cores: synchronous
// reads beat parallel async ones several times over, and a worker thread takes ~20 ms to start.
// So the caller's thread lists the folders and reads files itself in slices of a few ms (a
// small folder is done before a worker could start); for a big one a worker joins, claiming
// chunks of the same file lists through shared counters and sending compact rows back.
import * as fs from "node:fs";
import { availableParallelism } from "node:os";
import { sep } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type { ItemSummary } from "../types.js";
import { METADATA_CATEGORIES } from "./categories.js";
import { ItemAssembler } from "./assembleItems.js";
import { MetadataRootMissingError } from "./errors.js";
import {
  MAX_CACHED_ITEM_FILE_BYTES,
  MetadataIndexDiscarded,
  type CachedDir,
  type CachedSegment,
  type MetadataIndex,
  type ScannedDir,
  type ScannedFiles,
} from "./indexCacheFormat.js";
import { openMetadataIndex } from "./readIndexCache.js";
import { writeMetadataIndex } from "./writeIndexCache.js";
import { parseMetadataText } from "./parseMetadataText.js";
import { defaultMetadataCacheFile, defaultMetadataRoot, folderPath, METADATA_FILE_SUFFIX } from "./paths.js";
import {
  createMetadataFileReader,
  decodeMetadataIgnored,
  decodeMetadataRow,
  describeIgnored,
  encodeMetadataRow,
  type FileOutcome,
} from "./readMetadataFile.js";
import { SLICE_MS, yieldToLoop } from "./slices.js";
import { runMetadataWorker, type WorkerChunk, type WorkerInit, type WorkerJob } from "./runMetadataWorker.js";
import type { LoadMetadataOptions, LoadMetadataResult, MetadataProblem } from "./types.js";

/** Files larger than this are not metadata (the real ones are well under 1 KiB). */
export const MAX_METADATA_FILE_BYTES = 1024 * 1024;

/** …except the first slice, long enough for a small folder (1,000 files) to be read at once. */
const FIRST_SLICE_MS = 10;
/**
 * Past this many files found, the first slice ends as the others do: the folder cannot be read
 * in one slice anyway, and a young-generation GC landing in a 10 ms slice stalls twice as long.
 */
const FIRST_SLICE_MAX_FILES = 1500;
/** Files the caller's thread claims at a time (about half a millisecond of reading). */
const MAIN_CHUNK = 32;
/** Items of a finished folder taken into the answer at a time (a fraction of a millisecond). */
const ASSEMBLE_CHUNK = 256;
/** Files a worker claims at a time: one message back per chunk. */
const WORKER_CHUNK = 256;
/**
 * A worker pays off past this many files to read: it is online after ~20 ms and slow until its
 * code is compiled, and every item it reads still costs the caller a decode, while the caller
 * reads ~130 files/ms by itself. Measured on 2 cores: 10k files 80 ms alone against 85-115 ms
 * with a worker, even at 20k; 50k files 430 ms alone, 325-340 ms with it.
 */
const WORKER_MIN_FILES_TO_READ = 20_000;
/** …or this many files to check against the cache (a stat costs a third of a read). */
const WORKER_MIN_FILES_TO_CHECK = 8000;

let workerSource: string | undefined;

/**
 * One parsed file per set of keys and one folder entry, kept between loads. V8 compiles the
 * reader for the object shapes that JSON.parse and the listing give, and once no object of a
 * shape is left, a full garbage collection drops the shape and throws that compiled code away:
 * the next load ran slow code until compiled again (1,000 files after a full collection:
 * 10.4-11.3 ms instead of 7.7). Metadata only, a few small objects.
 */
const keptShapes: { records: unknown[]; entry?: fs.Dirent } = { records: [] };

/**
 * The worker's code as text: a worker started from a string survives bundling into one file
 * (esbuild, ray build), where a separate worker file would be lost. The functions are embedded
 * through their own source; `__name` covers bundlers that keep function names with a helper.
 */
export function buildMetadataWorkerSource(): string {
  workerSource ??= [
    '"use strict";',
    "var __name = (target) => target;",
    'const { parentPort, workerData } = require("node:worker_threads");',
    `const parse = (${parseMetadataText.toString()});`,
    `const createReader = (${createMetadataFileReader.toString()});`,
    `const encodeRow = (${encodeMetadataRow.toString()});`,
    `const run = (${runMetadataWorker.toString()});`,
    'run(workerData, require("node:fs"), parse, createReader, encodeRow, parentPort);',
  ].join("\n");
  return workerSource;
}

/** How a load went: files seen, read, answered from the cache, and what became of the cache. */
export interface MetadataLoadStats {
  files: number;
  /** Files read and parsed. */
  read: number;
  /** Files answered from the cache without reading them. */
  fromCache: number;
  cache: "off" | "absent" | "used" | "discarded";
  cacheDiscardReason?: string;
  /** Worker threads that helped (0: the folder was small enough for the caller's thread). */
  workers: number;
}

/** What loadMetadata answers, plus how it got there (for tests, benchmarks and logs). */
export interface MetadataLoadDetails extends LoadMetadataResult {
  stats: MetadataLoadStats;
  /** Settles once the index cache is written (or found unchanged); never rejects. */
  cacheWritten: Promise<{ error?: string }>;
}

/** Index cache writes still in flight after their load answered. */
const cacheWrites = new Set<Promise<unknown>>();

/** Waits for index cache writes still in flight (a second start right after a first, tests, benchmarks). */
export async function waitForMetadataCacheWrites(): Promise<void> {
  while (cacheWrites.size > 0) await Promise.all([...cacheWrites]);
}

export function resolveCacheFile(cacheFile: string | false | undefined): string | null {
  if (cacheFile === false) return null;
  return cacheFile ?? defaultMetadataCacheFile();
}

/**
 * Reads every item of a metadata folder. Bad files never stop the load: each lands in
 * `problems` with its path and why. A missing folder rejects with MetadataRootMissingError;
 * an aborted signal stops the reading and rejects with the signal's reason.
 */
export async function loadMetadata(
  root: string = defaultMetadataRoot(),
  options: LoadMetadataOptions = {},
): Promise<LoadMetadataResult> {
  const { items, problems } = await loadMetadataWithDetails(root, options);
  return { items, problems };
}

/**
 * How many workers a big load may use: one core stays for the caller (which lists, reads and
 * builds the items), the rest read, up to three (more only contend for the disk).
 */
export function chooseMetadataWorkerCount(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}

/** Some of a folder's item files, shared by the caller's thread and the workers. */
interface Job extends ScannedFiles {
  id: number;
  dir: string;
  /** dir and a separator, shared by every path in it (one string, not one per item). */
  prefix: string;
  counter: Int32Array;
  /** Cached size and time per file where trusted (NaN elsewhere), or null. */
  known: Float64Array | null;
  /** Per file, what the cache says it gave: its item (already built) or the reason it gave none. */
  cached: (ItemSummary | string | undefined)[] | null;
  cachedIgnored: (string[] | undefined)[] | undefined;
  remaining: number;
}

interface DirTask {
  path: string;
  rel: string;
  depth: number;
  /** While listed across slices: the open folder and the entries so far. */
  handle?: fs.Dir;
  entries?: fs.Dirent[];
  mtime?: number;
}

/** What the cache knows of a changed folder's files, by name. */
interface CachedFile {
  size: number;
  mtime: number;
  value: ItemSummary | string;
  ignored: string[] | undefined;
}

/**
 * loadMetadata, also answering how many files were read or taken from the cache.
 * `workers`: 0 reads on the caller's thread only, n starts n workers at once (tests);
 * left out, workers join only when the folder is big enough for them to pay off.
 */
export async function loadMetadataWithDetails(
  root: string = defaultMetadataRoot(),
  options: LoadMetadataOptions & { workers?: number } = {},
): Promise<MetadataLoadDetails> {
  return loadCheckingCache(root, options, true);
}

/**
 * The load, with the cache opened here (true), none (false), or one already read by
 * answerFromCache: the check of a stale-first answer.
 */
export async function loadCheckingCache(
  root: string,
  options: LoadMetadataOptions & { workers?: number },
  cache: boolean | MetadataIndex,
): Promise<MetadataLoadDetails> {
  // No separate check that root is a folder: listing it answers that (MetadataRootMissingError).
  options.signal?.throwIfAborted();
  try {
    return await loadOnce(root, options, cache);
  } catch (error) {
    if (!(error instanceof MetadataIndexDiscarded)) throw error;
    // Found malformed part-way: every file is read again, and the cache rewritten.
    const details = await loadOnce(root, options, false);
    details.stats.cache = "discarded";
    details.stats.cacheDiscardReason = error.reason;
    return details;
  }
}

async function loadOnce(
  root: string,
  options: LoadMetadataOptions & { workers?: number },
  useIndex: boolean | MetadataIndex,
): Promise<MetadataLoadDetails> {
  const { signal } = options;
  const startedAt = Date.now();
  const cacheFile = resolveCacheFile(options.cacheFile);
  const caching = cacheFile !== null;
  const suffix = METADATA_FILE_SUFFIX;
  const stats: MetadataLoadStats = {
    files: 0,
    read: 0,
    fromCache: 0,
    cache: caching ? "absent" : "off",
    workers: 0,
  };
  let sliceEnd = performance.now() + SLICE_MS;
  let sliceStart = 0;
  /** A big folder cannot be read in the first slice anyway: it ends as the others do. */
  const endFirstSliceEarly = (filesFound: number) => {
    if (filesFound > FIRST_SLICE_MAX_FILES) sliceEnd = Math.min(sliceEnd, sliceStart + SLICE_MS);
  };

  let index: MetadataIndex | null = null;
  let indexDone = true;
  // Trusted only if changed before the scan that cached it began: a change in the same
  // instant could otherwise keep its size and time (as git's index does).
  const trusted = (mtime: number) =>
    index !== null && mtime + (mtime % 1000 === 0 ? 1000 : 0) < index.startedAt;

  const reader = createMetadataFileReader(
    fs,
    parseMetadataText,
    METADATA_CATEGORIES,
    MAX_METADATA_FILE_BYTES,
    keptShapes.records,
  );
  const listingProblems: MetadataProblem[] = [];
  const scanned: ScannedDir[] = [];
  const scannedByRel = new Map<string, ScannedDir>();
  const jobs: Job[] = [];
  const tasks: DirTask[] = [{ path: root, rel: "", depth: 0 }];
  let listingChanged = false;
  /** Items read from files too big to cache: read every time, so no reason to rewrite the cache. */
  let uncached = 0;
  let outstanding = 0;
  let toRead = 0;
  let toCheck = 0;
  let cursor = 0;

  const dirPath = (rel: string) => folderPath(root, rel);
  // Vault, account and description repeat across thousands of items (JSON.parse shares only
  // strings of up to 10 characters): an item takes the previous item's copy of each where
  // equal, which covers a vault's run of items. Comparing is far cheaper than a lookup table,
  // which measured 3 µs an item (hashing every fresh string).
  let previous: ItemSummary | undefined;
  const shareWithPrevious = (item: ItemSummary) => {
    const last = previous;
    previous = item;
    if (last === undefined) return;
    if (item.vaultId === last.vaultId) item.vaultId = last.vaultId;
    if (item.vaultName === last.vaultName) item.vaultName = last.vaultName;
    if (item.accountName === last.accountName) item.accountName = last.accountName;
    if (item.description === last.description) item.description = last.description;
    if (item.accountId === last.accountId) item.accountId = last.accountId;
  };
  const addProblem = (job: Job, i: number, reason: string) => {
    job.reasons ??= [];
    job.reasons[i] = reason;
  };
  const takeCached = (job: Job, i: number) => {
    stats.fromCache++;
    const known = job.known as Float64Array;
    if (job.sizes && job.mtimes) {
      job.sizes[i] = known[2 * i] as number;
      job.mtimes[i] = known[2 * i + 1] as number;
    }
    const value = (job.cached as (ItemSummary | string)[])[i] as ItemSummary | string;
    if (typeof value === "string") {
      addProblem(job, i, value);
      return;
    }
    job.items[i] = value;
    const ignored = job.cachedIgnored?.[i];
    if (ignored) {
      (job.ignored ??= [])[i] = ignored;
      addProblem(job, i, describeIgnored(ignored));
    }
  };
  const takeOutcome = (job: Job, i: number, outcome: FileOutcome) => {
    if (job.sizes && job.mtimes) {
      job.sizes[i] = reader.size;
      job.mtimes[i] = reader.mtime;
    }
    if ("unreadable" in outcome) {
      if (job.sizes) job.sizes[i] = NaN;
      addProblem(job, i, outcome.unreadable);
    } else if ("reason" in outcome) {
      addProblem(job, i, outcome.reason);
    } else {
      const item = outcome.item;
      if (reader.size > MAX_CACHED_ITEM_FILE_BYTES) uncached++;
      // Opening the file made its path one flat copy; the item keeps a fresh join of the
      // folder's and the file's names instead, which shares the name the listing already holds
      // (measured at 10k files: 437 bytes kept an item, 459 with the copy).
      item.path = job.prefix + job.names[i];
      shareWithPrevious(item);
      job.items[i] = item;
      if (outcome.ignored.length > 0) {
        (job.ignored ??= [])[i] = outcome.ignored;
        addProblem(job, i, describeIgnored(outcome.ignored));
      }
    }
  };
  /** The cache's item for a file (built now, so the packed row is garbage at once). */
  const decodeEntry = (entry: string | unknown[], path: string): ItemSummary | string =>
    typeof entry === "string" ? entry : decodeMetadataRow(entry, 0, (index as MetadataIndex).strings, path);

  /** A folder's record for the next cache, made once. */
  const recordDir = (rel: string, mtime: number, clean: boolean, subdirs: string[]): ScannedDir => {
    let record = scannedByRel.get(rel);
    if (record === undefined) {
      record = { rel, mtime, clean, subdirs, parts: [] };
      scannedByRel.set(rel, record);
      scanned.push(record);
    }
    return record;
  };

  /** Files of one folder become a job that the caller's thread and the workers share. */
  const addJob = (
    record: ScannedDir,
    path: string,
    names: string[],
    known: Float64Array | null,
    cached: (ItemSummary | string | undefined)[] | null,
    cachedIgnored: (string[] | undefined)[] | undefined,
  ) => {
    const n = names.length;
    if (known !== null) toCheck += n;
    else toRead += n;
    stats.files += n;
    if (n === 0) return;
    const job: Job = {
      id: jobs.length,
      dir: path,
      prefix: path + sep,
      names,
      sizes: caching ? new Float64Array(n) : null,
      mtimes: caching ? new Float64Array(n) : null,
      items: new Array<ItemSummary | undefined>(n),
      reasons: undefined,
      ignored: undefined,
      counter: new Int32Array(new SharedArrayBuffer(4)),
      known,
      cached,
      cachedIgnored,
      remaining: n,
    };
    record.parts.push(job);
    jobs.push(job);
    outstanding += n;
    for (const worker of workers) worker.post(job);
  };

  // Folders whose own time (and every parent's) is as cached: their cached listing stands.
  const unchanged = new Map<CachedDir, number>();
  const dirMtime = (dir: CachedDir): number => {
    let mtime = unchanged.get(dir);
    if (mtime !== undefined) return mtime;
    const cut = dir.rel.lastIndexOf("/");
    const parent = dir.rel === "" ? undefined : index?.dirs.get(cut === -1 ? "" : dir.rel.slice(0, cut));
    mtime = NaN;
    try {
      mtime = fs.statSync(dirPath(dir.rel)).mtimeMs;
    } catch {
      mtime = NaN;
    }
    const same =
      dir.clean &&
      mtime === dir.mtime &&
      trusted(mtime) &&
      (dir.rel === "" || (parent !== undefined && dirMtime(parent) === parent.mtime));
    // NaN marks a folder that changed (or vanished): it is listed again.
    const answer = same ? mtime : -mtime - 1;
    unchanged.set(dir, answer);
    return answer;
  };
  const isUnchanged = (dir: CachedDir) => dirMtime(dir) === dir.mtime;
  /** Cached files of changed folders, kept by name until the folder is listed. */
  const stashed = new Map<CachedDir, Map<string, CachedFile>>();

  /** One segment of the cache: a job at once if its folder is unchanged, else kept for the listing. */
  const takeSegment = (segment: CachedSegment) => {
    const { dir, names, sizes, mtimes, entries, decoded } = segment;
    const n = names.length;
    const path = dirPath(dir.rel);
    const prefix = path + sep;
    if (isUnchanged(dir)) {
      const known = new Float64Array(2 * n).fill(NaN);
      const cached: (ItemSummary | string)[] = new Array(n);
      let cachedIgnored: (string[] | undefined)[] | undefined;
      for (let i = 0; i < n; i++) {
        const m = mtimes[i] as number;
        if (trusted(m)) {
          known[2 * i] = sizes[i] as number;
          known[2 * i + 1] = m;
        }
        const entry = entries[i] as string | unknown[];
        cached[i] = decoded?.[i] ?? decodeEntry(entry, prefix + names[i]);
        if (typeof entry !== "string") {
          const ignored = decodeMetadataIgnored(entry, 0);
          if (ignored) (cachedIgnored ??= [])[i] = ignored;
        }
      }
      addJob(recordDir(dir.rel, dir.mtime, true, dir.subdirs), path, names, known, cached, cachedIgnored);
      return;
    }
    let byName = stashed.get(dir);
    if (byName === undefined) stashed.set(dir, (byName = new Map()));
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as string | unknown[];
      const name = names[i] as string;
      byName.set(name, {
        size: sizes[i] as number,
        mtime: mtimes[i] as number,
        value: decoded?.[i] ?? decodeEntry(entry, prefix + name),
        ignored: typeof entry === "string" ? undefined : decodeMetadataIgnored(entry, 0),
      });
    }
  };

  /** Folders being listed: closed when the load ends, however it ends. */
  const openDirs = new Set<fs.Dir>();
  const closeDir = (handle: fs.Dir) => {
    openDirs.delete(handle);
    try {
      handle.closeSync();
    } catch {
      // Already closed or gone: nothing is left to release.
    }
  };
  /**
   * Lists one folder (unless the cache's listing of it stands), a slice at a time: answers
   * false when the slice ran out before the folder did. Listing costs ~0.7 µs an entry, so a
   * vault of 7,000 items in one call would add 5 ms to a slice.
   */
  const listDir = (task: DirTask): boolean => {
    const cachedDir: CachedDir | undefined = index?.dirs.get(task.rel);
    let subdirs: string[];
    if (task.handle === undefined && cachedDir !== undefined && isUnchanged(cachedDir)) {
      // Its files came with the cache's segments; only its folders are left to visit.
      recordDir(task.rel, cachedDir.mtime, true, cachedDir.subdirs);
      subdirs = cachedDir.subdirs;
    } else {
      const failed = (error: unknown) => {
        if (task.handle !== undefined) closeDir(task.handle);
        if (task.depth === 0) throw error;
        listingProblems.push({
          path: task.path,
          reason: `The folder could not be read: ${reader.describeError(error)}.`,
        });
        listingChanged = true;
        return true;
      };
      if (task.handle === undefined) {
        task.mtime = NaN;
        if (caching) {
          // Before the listing: a change made meanwhile leaves a newer time for the next start.
          try {
            task.mtime = fs.statSync(task.path).mtimeMs;
          } catch {
            task.mtime = NaN;
          }
        }
        try {
          task.handle = fs.opendirSync(task.path, { bufferSize: 256 });
        } catch (error) {
          return failed(error);
        }
        openDirs.add(task.handle);
        task.entries = [];
      }
      const handle = task.handle;
      const listed = task.entries as fs.Dirent[];
      try {
        // A folder of many thousand files takes several slices.
        for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
          listed.push(entry);
          if ((listed.length & 255) === 0) {
            endFirstSliceEarly(stats.files + listed.length);
            if (performance.now() >= sliceEnd) return false;
          }
        }
      } catch (error) {
        return failed(error);
      }
      closeDir(handle);
      if (listed.length > 0) keptShapes.entry = listed[0];
      const mtime = task.mtime as number;
      let entries = listed;
      let names: string[] = [];
      subdirs = [];
      let clean = true;
      // The usual vault folder holds item files only: sorting plain names natively is several
      // times faster than sorting entries with a comparator.
      let plain = true;
      for (let i = 0; i < entries.length && plain; i++) {
        const entry = entries[i] as fs.Dirent;
        plain = entry.isFile() && entry.name.endsWith(suffix) && !entry.name.startsWith(".");
      }
      if (plain) {
        names = entries.map((entry) => entry.name).sort();
        entries = [];
      } else entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const name = entry.name;
        // Hidden files (.DS_Store, editors' temporaries, our own partial writes) are not items.
        if (name.startsWith(".")) continue;
        const path = task.path + sep + name;
        let isFile = entry.isFile();
        let isDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          // What a link points to can change without its folder changing.
          clean = false;
          try {
            const target = fs.statSync(path);
            isFile = target.isFile();
            isDirectory = target.isDirectory();
          } catch {
            listingProblems.push({ path, reason: "A link that points nowhere; skipped." });
            continue;
          }
        }
        const named = name.endsWith(suffix);
        if (isDirectory && !named && task.depth < 3) {
          // Vault folders sit in the root (opbookmarks may nest them one level deeper, per account).
          subdirs.push(name);
        } else if (isFile && named) {
          names.push(name);
        } else {
          clean = false;
          listingProblems.push({
            path,
            reason: isDirectory
              ? named
                ? "A folder named like an item file; only files hold items."
                : "A folder nested deeper than vault folders go; not read."
              : `Not a 1Password item file (their names end in ${suffix}); skipped.`,
          });
        }
      }
      if (
        caching &&
        (cachedDir === undefined ||
          cachedDir.mtime !== mtime ||
          // A folder cached as not clean may list clean now: it holds files the cache left out.
          (cachedDir.clean && !clean) ||
          cachedDir.subdirs.join("/") !== subdirs.join("/"))
      ) {
        listingChanged = true;
      }
      const record = recordDir(task.rel, mtime, clean, subdirs);
      const byName = cachedDir === undefined ? undefined : stashed.get(cachedDir);
      // Taken: what is left in stashed at the end are folders that are gone.
      if (cachedDir !== undefined) stashed.delete(cachedDir);
      if (byName === undefined || names.length === 0) {
        addJob(record, task.path, names, null, null, undefined);
      } else {
        const n = names.length;
        const known = new Float64Array(2 * n).fill(NaN);
        const cached: (ItemSummary | string | undefined)[] = new Array(n);
        let cachedIgnored: (string[] | undefined)[] | undefined;
        for (let i = 0; i < n; i++) {
          const file = byName.get(names[i] as string);
          if (file === undefined) continue;
          cached[i] = file.value;
          if (file.ignored) (cachedIgnored ??= [])[i] = file.ignored;
          if (trusted(file.mtime)) {
            known[2 * i] = file.size;
            known[2 * i + 1] = file.mtime;
          }
        }
        addJob(record, task.path, names, known, cached, cachedIgnored);
      }
    }
    // Depth first, in name order, as a person reads the tree.
    tasks.unshift(
      ...subdirs.map((name) => ({
        path: task.path + sep + name,
        rel: task.rel ? task.rel + "/" + name : name,
        depth: task.depth + 1,
      })),
    );
    return true;
  };

  /** Claims and handles one chunk of files on this thread; false when none is left. */
  const claimChunk = (): boolean => {
    while (cursor < jobs.length) {
      const job = jobs[cursor] as Job;
      const n = job.names.length;
      const start = Atomics.add(job.counter, 0, MAIN_CHUNK);
      if (start >= n) {
        cursor++;
        continue;
      }
      const end = Math.min(start + MAIN_CHUNK, n);
      const known = job.known;
      for (let i = start; i < end; i++) {
        const path = job.prefix + job.names[i];
        if (known !== null) {
          const size = known[2 * i] as number;
          if (size === size) {
            const info = fs.statSync(path, { throwIfNoEntry: false });
            if (info !== undefined && info.size === size && info.mtimeMs === known[2 * i + 1]) {
              takeCached(job, i);
              continue;
            }
          }
        }
        stats.read++;
        takeOutcome(job, i, reader.load(path, caching));
      }
      job.remaining -= end - start;
      outstanding -= end - start;
      return true;
    }
    return false;
  };
  // Workers: each posts chunks of rows whose strings are numbers into its own table.
  interface WorkerHandle {
    post(job: Job): void;
    stop(): void;
  }
  const workers: WorkerHandle[] = [];
  let failure: unknown;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const takeChunk = (strings: string[], message: WorkerChunk) => {
    const job = jobs[message.job] as Job;
    for (const s of message.strings) strings.push(s);
    for (const i of message.hits) takeCached(job, i);
    const rows = JSON.parse(message.rows) as unknown[][];
    for (const row of rows) {
      const i = row[0] as number;
      if ((row[1] as number | null) !== null && (row[1] as number) > MAX_CACHED_ITEM_FILE_BYTES) uncached++;
      job.items[i] = decodeMetadataRow(row, 3, strings, job.prefix + job.names[i]);
      if (job.sizes && job.mtimes) {
        job.sizes[i] = (row[1] as number | null) ?? NaN;
        job.mtimes[i] = (row[2] as number | null) ?? NaN;
      }
      const ignored = decodeMetadataIgnored(row, 3);
      if (ignored) {
        (job.ignored ??= [])[i] = ignored;
        addProblem(job, i, describeIgnored(ignored));
      }
    }
    for (const [i, reason, size, mtime] of message.problems) {
      addProblem(job, i, reason);
      if (job.sizes && job.mtimes) {
        job.sizes[i] = size;
        job.mtimes[i] = mtime;
      }
    }
    stats.read += message.read;
    job.remaining -= message.end - message.start;
    outstanding -= message.end - message.start;
  };
  const startWorker = () => {
    const init: WorkerInit = {
      categories: METADATA_CATEGORIES,
      maxFileBytes: MAX_METADATA_FILE_BYTES,
      separator: sep,
      withStat: caching,
      chunkSize: WORKER_CHUNK,
    };
    // No inherited command-line options: the worker runs only its own source (a dev loader
    // such as tsx would otherwise be set up again in it).
    const worker = new Worker(buildMetadataWorkerSource(), { eval: true, workerData: init, execArgv: [] });
    const strings: string[] = [];
    let stopped = false;
    worker.on("message", (message: WorkerChunk) => {
      try {
        takeChunk(strings, message);
      } catch (error) {
        failure ??= error;
      }
      wakeUp();
    });
    worker.on("error", (error) => {
      failure ??= error;
      wakeUp();
    });
    worker.on("exit", () => {
      if (!stopped) failure ??= new Error(`The metadata reader stopped before reading ${root}.`);
      wakeUp();
    });
    const handle: WorkerHandle = {
      post(job) {
        const message: WorkerJob = {
          type: "job",
          id: job.id,
          dir: job.dir,
          names: job.names.join("/"),
          known: job.known,
          counter: job.counter,
        };
        worker.postMessage(message);
      },
      stop() {
        stopped = true;
        void worker.terminate();
      },
    };
    workers.push(handle);
    stats.workers++;
    for (const job of jobs) handle.post(job);
  };
  const wantedWorkers = options.workers ?? chooseMetadataWorkerCount();
  const considerWorkers = (now = false) => {
    if (workers.length > 0 || wantedWorkers === 0) return;
    if (
      !now &&
      options.workers === undefined &&
      toRead < WORKER_MIN_FILES_TO_READ &&
      toCheck < WORKER_MIN_FILES_TO_CHECK
    )
      return;
    for (let i = 0; i < wantedWorkers; i++) startWorker();
  };
  const assembler = new ItemAssembler();
  let assembled = 0;
  let assembledAt = 0;
  /**
   * Takes up to ASSEMBLE_CHUNK items of finished folders into the answer; false when none is
   * ready. A piece at a time within the slices: a folder of thousands of items would otherwise
   * add milliseconds to the slice it finishes in.
   */
  const assembleSome = (): boolean => {
    if (assembled >= jobs.length) return false;
    const job = jobs[assembled] as Job;
    if (job.remaining > 0) return false;
    const end = Math.min(assembledAt + ASSEMBLE_CHUNK, job.names.length);
    assembler.takeFiles(job, assembledAt, end);
    assembledAt = end;
    if (end === job.names.length) {
      assembled++;
      assembledAt = 0;
    }
    return true;
  };
  const onAbort = () => wakeUp();
  signal?.addEventListener("abort", onAbort, { once: true });

  try {
    if (options.workers !== undefined) considerWorkers();
    if (cacheFile !== null && useIndex !== false) {
      const found =
        useIndex === true ? await openMetadataIndex(cacheFile, root, suffix, signal) : { index: useIndex };
      if (found.index) {
        index = found.index;
        indexDone = false;
        stats.cache = "used";
        // Many files to check: the worker starts now and checks them as segments are read.
        if (options.workers === undefined && index.files >= WORKER_MIN_FILES_TO_CHECK) considerWorkers(true);
      } else if (found.discard) {
        stats.cache = "discarded";
        stats.cacheDiscardReason = found.discard;
      }
    }
    signal?.throwIfAborted();
    sliceStart = performance.now();
    sliceEnd = sliceStart + FIRST_SLICE_MS;
    for (;;) {
      let progressed = false;
      while (performance.now() < sliceEnd) {
        if (!indexDone) {
          // The cache's segments first: each one can set the workers going on its files.
          const segment = (index as MetadataIndex).next();
          if (segment === null) indexDone = true;
          else takeSegment(segment);
          considerWorkers();
          progressed = true;
          continue;
        }
        const task = tasks.shift();
        if (task !== undefined) {
          try {
            if (!listDir(task)) tasks.unshift(task);
          } catch (error) {
            const e = error as { code?: string; message?: string };
            if (e.code === "ENOENT" || e.code === "ENOTDIR")
              throw new MetadataRootMissingError(root, { cause: error });
            throw new Error(`Could not read the metadata folder ${root}: ${e.message ?? String(error)}`);
          }
          considerWorkers();
          endFirstSliceEarly(stats.files);
          progressed = true;
          continue;
        }
        if (!assembleSome() && !claimChunk()) break;
        progressed = true;
      }
      if (failure !== undefined) throw failure;
      signal?.throwIfAborted();
      if (indexDone && tasks.length === 0 && outstanding === 0 && assembled === jobs.length) break;
      // Nothing is left to read, only to assemble: the next slice does that.
      if (progressed || outstanding === 0) await yieldToLoop();
      // Nothing left to claim: the workers are finishing their chunks.
      else await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== undefined) throw failure;
      signal?.throwIfAborted();
      sliceStart = performance.now();
      sliceEnd = sliceStart + SLICE_MS;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    for (const worker of workers) worker.stop();
    for (const handle of openDirs) closeDir(handle);
  }

  const items = assembler.items;
  const problems = assembler.problems(listingProblems);

  let cacheWritten: Promise<{ error?: string }> = Promise.resolve({});
  const changed =
    stats.cache !== "used" ||
    listingChanged ||
    stats.fromCache + uncached !== stats.files ||
    ((index as MetadataIndex | null)?.files ?? 0) + uncached !== stats.files ||
    (index as MetadataIndex | null)?.dirs.size !== scanned.length ||
    stashed.size > 0;
  if (cacheFile !== null && changed) {
    // Written after the answer went out, in slices: nobody waits for it.
    const writing = Promise.resolve()
      .then(() =>
        writeMetadataIndex(cacheFile, root, startedAt, scanned, suffix, () => {
          if (performance.now() < sliceEnd) return undefined;
          return yieldToLoop().then(() => void (sliceEnd = performance.now() + SLICE_MS));
        }),
      )
      .then(
        () => ({}),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      );
    cacheWrites.add(writing);
    void writing.then(() => cacheWrites.delete(writing));
    cacheWritten = writing;
  }
  return { items, problems, stats, cacheWritten };
}
