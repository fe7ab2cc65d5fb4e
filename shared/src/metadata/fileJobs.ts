// The files to read or check, as jobs of one folder each, shared by the caller's thread and the
// workers through a counter per job: each side claims a chunk of files at a time. The board
// keeps what every file gave (item, reason, size and time for the cache) and how many are
// still out, and reads chunks itself on the caller's thread.
import * as fs from "node:fs";
import { sep } from "node:path";
import type { ItemSummary } from "../types.js";
import { MAX_CACHED_ITEM_FILE_BYTES, type ScannedDir, type ScannedFiles } from "./indexCacheFormat.js";
import {
  decodeMetadataIgnored,
  decodeMetadataRow,
  describeIgnored,
  type FileOutcome,
  type MetadataFileReader,
} from "./readMetadataFile.js";
import type { WorkerChunk } from "./runMetadataWorker.js";

/** Files the caller's thread claims at a time (about half a millisecond of reading). */
const MAIN_CHUNK = 32;

/** Some of a folder's item files, shared by the caller's thread and the workers. */
export interface Job extends ScannedFiles {
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

/** What the cache says of a folder's files, for a job that checks them before reading. */
export interface KnownFiles {
  known: Float64Array;
  cached: (ItemSummary | string | undefined)[];
  cachedIgnored: (string[] | undefined)[] | undefined;
}

/** Counts a load reports (see MetadataLoadStats). */
export interface JobCounts {
  files: number;
  read: number;
  fromCache: number;
}

export class JobBoard {
  readonly jobs: Job[] = [];
  /** Files claimed by nobody or not yet answered. */
  outstanding = 0;
  toRead = 0;
  toCheck = 0;
  /** Items read from files too big to cache: read every time, so no reason to rewrite the cache. */
  uncached = 0;
  /** The first job that may still have files to claim on this thread. */
  private cursor = 0;
  private previous: ItemSummary | undefined;

  constructor(
    private readonly counts: JobCounts,
    private readonly reader: MetadataFileReader,
    /** Keep each file's size and time, for the index cache. */
    private readonly caching: boolean,
  ) {}

  /** Files of one folder become a job that the caller's thread and the workers share. */
  add(record: ScannedDir, path: string, names: string[], cache: KnownFiles | null): void {
    const n = names.length;
    if (cache !== null) this.toCheck += n;
    else this.toRead += n;
    this.counts.files += n;
    if (n === 0) return;
    const caching = this.caching;
    const job: Job = {
      id: this.jobs.length,
      dir: path,
      prefix: path + sep,
      names,
      sizes: caching ? new Float64Array(n) : null,
      mtimes: caching ? new Float64Array(n) : null,
      items: new Array<ItemSummary | undefined>(n),
      reasons: undefined,
      ignored: undefined,
      counter: new Int32Array(new SharedArrayBuffer(4)),
      known: cache?.known ?? null,
      cached: cache?.cached ?? null,
      cachedIgnored: cache?.cachedIgnored,
      remaining: n,
    };
    record.parts.push(job);
    this.jobs.push(job);
    this.outstanding += n;
  }

  /** Claims and handles one chunk of files on this thread; false when none is left. */
  claimChunk(): boolean {
    const jobs = this.jobs;
    while (this.cursor < jobs.length) {
      const job = jobs[this.cursor] as Job;
      const n = job.names.length;
      const start = Atomics.add(job.counter, 0, MAIN_CHUNK);
      if (start >= n) {
        this.cursor++;
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
              this.takeCached(job, i);
              continue;
            }
          }
        }
        this.counts.read++;
        this.takeOutcome(job, i, this.reader.load(path, this.caching));
      }
      job.remaining -= end - start;
      this.outstanding -= end - start;
      return true;
    }
    return false;
  }

  /** A worker's chunk: rows whose strings are numbers into that worker's table `strings`. */
  takeWorkerChunk(strings: string[], message: WorkerChunk): void {
    const job = this.jobs[message.job] as Job;
    for (const s of message.strings) strings.push(s);
    for (const i of message.hits) this.takeCached(job, i);
    const rows = JSON.parse(message.rows) as unknown[][];
    for (const row of rows) {
      const i = row[0] as number;
      if ((row[1] as number | null) !== null && (row[1] as number) > MAX_CACHED_ITEM_FILE_BYTES)
        this.uncached++;
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
    this.counts.read += message.read;
    job.remaining -= message.end - message.start;
    this.outstanding -= message.end - message.start;
  }

  /** A file whose size and time are as cached: the cache's answer stands. */
  private takeCached(job: Job, i: number): void {
    this.counts.fromCache++;
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
  }

  /** A file read on this thread. */
  private takeOutcome(job: Job, i: number, outcome: FileOutcome): void {
    const reader = this.reader;
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
      if (reader.size > MAX_CACHED_ITEM_FILE_BYTES) this.uncached++;
      // Opening the file made its path one flat copy; the item keeps a fresh join of the
      // folder's and the file's names instead, which shares the name the listing already holds
      // (measured at 10k files: 437 bytes kept an item, 459 with the copy).
      item.path = job.prefix + job.names[i];
      this.shareWithPrevious(item);
      job.items[i] = item;
      if (outcome.ignored.length > 0) {
        (job.ignored ??= [])[i] = outcome.ignored;
        addProblem(job, i, describeIgnored(outcome.ignored));
      }
    }
  }

  /**
   * Vault, account and description repeat across thousands of items (JSON.parse shares only
   * strings of up to 10 characters): an item takes the previous item's copy of each where
   * equal, which covers a vault's run of items. Comparing is far cheaper than a lookup table,
   * which measured 3 µs an item (hashing every fresh string).
   */
  private shareWithPrevious(item: ItemSummary): void {
    const last = this.previous;
    this.previous = item;
    if (last === undefined) return;
    if (item.vaultId === last.vaultId) item.vaultId = last.vaultId;
    if (item.vaultName === last.vaultName) item.vaultName = last.vaultName;
    if (item.accountName === last.accountName) item.accountName = last.accountName;
    if (item.description === last.description) item.description = last.description;
    if (item.accountId === last.accountId) item.accountId = last.accountId;
  }
}

function addProblem(job: Job, i: number, reason: string): void {
  job.reasons ??= [];
  job.reasons[i] = reason;
}
