// Reads a whole metadata folder without stalling the caller. Measured on 2 cores: synchronous
// reads beat parallel async ones several times over, and a worker thread takes ~20 ms to start.
// So the caller's thread lists the folders and reads files itself in slices of a few ms (a
// small folder is done before a worker could start); for a big one a worker joins, claiming
// chunks of the same file lists through shared counters and sending compact rows back.
//
// The steps, one module each: reconcileCache (the index cache against the folder as it is),
// listFolders, fileJobs (reading and checking files in chunks), readerWorkers, assembleItems,
// writeIndexCache. This file runs them in slices and answers.
import * as fs from "node:fs";
import { ItemAssembler } from "./assembleItems.js";
import { METADATA_CATEGORIES } from "./categories.js";
import { MetadataRootMissingError } from "./errors.js";
import { JobBoard, type Job } from "./fileJobs.js";
import { MetadataIndexDiscarded } from "./indexCacheFormat.js";
import { FolderLister } from "./listFolders.js";
import { parseMetadataText } from "./parseMetadataText.js";
import { defaultMetadataCacheFile, defaultMetadataRoot, METADATA_FILE_SUFFIX } from "./paths.js";
import { openMetadataIndex } from "./readIndexCache.js";
import { createMetadataFileReader } from "./readMetadataFile.js";
import { chooseMetadataWorkerCount, ReaderWorkers } from "./readerWorkers.js";
import { CacheReconciler } from "./reconcileCache.js";
import { ScanRecord } from "./scanRecord.js";
import { LoadSlices, yieldToLoop } from "./slices.js";
import type { LoadMetadataOptions, LoadMetadataResult } from "./types.js";
import { scheduleCacheWrite } from "./writeIndexCache.js";

export { buildMetadataWorkerSource, chooseMetadataWorkerCount } from "./readerWorkers.js";
export { waitForMetadataCacheWrites } from "./writeIndexCache.js";

/** Files larger than this are not metadata (the real ones are well under 1 KiB). */
export const MAX_METADATA_FILE_BYTES = 1024 * 1024;

/** Items of a finished folder taken into the answer at a time (a fraction of a millisecond). */
const ASSEMBLE_CHUNK = 256;
/** Items enough for a list's first page: onFirstItems waits for at least this many. */
const FIRST_ITEMS = 200;
/**
 * A worker pays off past this many files to read: it is online after ~20 ms and slow until its
 * code is compiled, and every item it reads still costs the caller a decode, while the caller
 * reads ~130 files/ms by itself. Measured on 2 cores: 10k files 80 ms alone against 85-115 ms
 * with a worker, even at 20k; 50k files 430 ms alone, 325-340 ms with it.
 */
const WORKER_MIN_FILES_TO_READ = 20_000;
/** …or this many files to check against the cache (a stat costs a third of a read). */
const WORKER_MIN_FILES_TO_CHECK = 8000;

/**
 * One parsed file per set of keys, kept between loads. V8 compiles the reader for the object
 * shapes that JSON.parse gives, and once no object of a shape is left, a full garbage
 * collection drops the shape and throws that compiled code away: the next load ran slow code
 * until compiled again (1,000 files after a full collection: 10.4-11.3 ms instead of 7.7).
 * Metadata only, a few small objects. (listFolders keeps a folder entry for the same reason.)
 */
const keptRecords: unknown[] = [];

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

/** loadMetadata's options, plus `workers` (see loadMetadataWithDetails). */
type LoadOptions = LoadMetadataOptions & { workers?: number };

/**
 * With a usable cache, called with the cache's answer once every segment is read, before any
 * file is checked (the stale-first answer; see openMetadata). Not called without one.
 */
export type OnStaleAnswer = (answer: LoadMetadataResult) => void;

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
 * loadMetadata, also answering how many files were read or taken from the cache.
 * `workers`: 0 reads on the caller's thread only, n starts n workers at once (tests);
 * left out, workers join only when the folder is big enough for them to pay off.
 */
export async function loadMetadataWithDetails(
  root: string = defaultMetadataRoot(),
  options: LoadOptions = {},
): Promise<MetadataLoadDetails> {
  return loadWithStaleAnswer(root, options);
}

/** The load, handing the cache's answer to onStale before checking (see OnStaleAnswer). */
export async function loadWithStaleAnswer(
  root: string,
  options: LoadOptions,
  onStale?: OnStaleAnswer,
): Promise<MetadataLoadDetails> {
  // No separate check that root is a folder: listing it answers that (MetadataRootMissingError).
  options.signal?.throwIfAborted();
  try {
    return await new MetadataLoad(root, options, true, onStale).run();
  } catch (error) {
    if (!(error instanceof MetadataIndexDiscarded)) throw error;
    // Found malformed part-way: every file is read again, and the cache rewritten.
    const details = await new MetadataLoad(root, options, false).run();
    details.stats.cache = "discarded";
    details.stats.cacheDiscardReason = error.reason;
    return details;
  }
}

/** One load of one folder: its state, and the loop that runs its steps in slices. */
class MetadataLoad {
  private readonly startedAt = Date.now();
  private readonly cacheFile: string | null;
  private readonly stats: MetadataLoadStats;
  private readonly slices = new LoadSlices();
  private readonly reader = createMetadataFileReader(
    fs,
    parseMetadataText,
    METADATA_CATEGORIES,
    MAX_METADATA_FILE_BYTES,
    keptRecords,
  );
  private readonly scan = new ScanRecord();
  private readonly board: JobBoard;
  private readonly workers: ReaderWorkers;
  private readonly assembler = new ItemAssembler();
  private reconciler: CacheReconciler | null = null;
  private lister!: FolderLister;
  /**
   * The stale-first answer, and how many jobs the cache's segments made: while every file of
   * those jobs is found as cached and nothing else turns up, the checked answer is that very
   * answer, so the items are not taken (keyed by ID) a second time.
   */
  private staleResult: LoadMetadataResult | undefined;
  private jobsFromCache = 0;
  /** Jobs fully taken into the answer, and how far into the next one. */
  private assembled = 0;
  private assembledAt = 0;
  private firstItemsAnswered = false;

  constructor(
    private readonly root: string,
    private readonly options: LoadOptions,
    private readonly useIndex: boolean,
    private onStale?: OnStaleAnswer,
  ) {
    this.cacheFile = resolveCacheFile(options.cacheFile);
    const caching = this.cacheFile !== null;
    this.stats = { files: 0, read: 0, fromCache: 0, cache: caching ? "absent" : "off", workers: 0 };
    this.board = new JobBoard(this.stats, this.reader, caching);
    this.workers = new ReaderWorkers(root, this.board, MAX_METADATA_FILE_BYTES, caching);
  }

  async run(): Promise<MetadataLoadDetails> {
    const { signal } = this.options;
    const onAbort = () => this.workers.wakeUp();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      if (this.options.workers !== undefined) this.considerWorkers();
      await this.openCache();
      signal?.throwIfAborted();
      this.lister = new FolderLister(
        this.root,
        METADATA_FILE_SUFFIX,
        this.board,
        this.scan,
        this.slices,
        this.reconciler,
        this.cacheFile !== null,
        (error) => this.reader.describeError(error),
      );
      await this.runSlices();
    } finally {
      signal?.removeEventListener("abort", onAbort);
      this.workers.stop();
      this.lister?.close();
    }
    const { items, problems } = this.staleStillHolds()
      ? (this.staleResult as LoadMetadataResult)
      : { items: this.assembler.items, problems: this.assembler.problems(this.scan.problems) };
    return { items, problems, stats: this.stats, cacheWritten: this.writeCacheIfChanged() };
  }

  /** Opens the index cache (or takes the one given); many files to check start the workers. */
  private async openCache(): Promise<void> {
    const { cacheFile, useIndex, options } = this;
    if (cacheFile === null || useIndex === false) return;
    const found = await openMetadataIndex(cacheFile, this.root, METADATA_FILE_SUFFIX, options.signal);
    if (found.index) {
      const stale = this.onStale ? new ItemAssembler() : null;
      this.reconciler = new CacheReconciler(this.root, found.index, this.board, this.scan, stale);
      this.stats.cache = "used";
      // Many files to check: the worker starts now and checks them as segments are read.
      if (options.workers === undefined && found.index.files >= WORKER_MIN_FILES_TO_CHECK)
        this.considerWorkers(true);
    } else if ("discard" in found && found.discard) {
      this.stats.cache = "discarded";
      this.stats.cacheDiscardReason = found.discard;
    }
  }

  /** Starts the workers once the files to read or check are enough for them to pay off. */
  private considerWorkers(now = false): void {
    const wanted = this.options.workers ?? chooseMetadataWorkerCount();
    if (this.workers.count > 0 || wanted === 0) return;
    const { board } = this;
    if (
      !now &&
      this.options.workers === undefined &&
      board.toRead < WORKER_MIN_FILES_TO_READ &&
      board.toCheck < WORKER_MIN_FILES_TO_CHECK
    )
      return;
    this.workers.start(wanted);
    this.stats.workers = this.workers.count;
  }

  /** The loop: work until the slice ends, let the host run, again until everything is done. */
  private async runSlices(): Promise<void> {
    const { signal } = this.options;
    const { slices, board, workers } = this;
    slices.beginFirst();
    for (;;) {
      // At least one step a slice: a thread starved for longer than a slice (a loaded machine)
      // still moves on, and "nothing to do" is known, not assumed.
      let idle = false;
      do {
        if (!this.step()) {
          idle = true;
          break;
        }
      } while (!slices.due());
      if (workers.failure !== undefined) throw workers.failure;
      signal?.throwIfAborted();
      if (this.finished()) break;
      // Nothing left to claim on this thread: the workers are finishing their chunks. (Waiting
      // for them with work still unclaimed here would wait for a message that never comes.)
      if (idle && board.outstanding > 0 && workers.count > 0) await workers.waitForNews();
      else await yieldToLoop();
      if (workers.failure !== undefined) throw workers.failure;
      signal?.throwIfAborted();
      slices.beginNext();
    }
  }

  /** One piece of work, in order of priority; false when none can be done now. */
  private step(): boolean {
    const { reconciler } = this;
    // The workers' share first: they wait for it, and each piece is small.
    if (this.workers.postNext()) return true;
    if (reconciler !== null && !reconciler.done) {
      // The cache's segments first: each one can set the workers going on its files.
      reconciler.takeNextSegment();
      this.considerWorkers();
      this.slices.endFirstEarly(this.stats.files);
      if (reconciler.done) this.answerStale(reconciler);
      return true;
    }
    if (!this.lister.done) {
      this.listNext();
      this.considerWorkers();
      this.slices.endFirstEarly(this.stats.files);
      return true;
    }
    return (!this.staleStillHolds() && this.assembleSome()) || this.board.claimChunk();
  }

  /**
   * True while the checked answer is the stale one: only the cache's unchanged folders, every
   * file as cached, no problem found by the listing. Once false it stays false (what it counts
   * only grows), and the items are then assembled from the first job on.
   */
  private staleStillHolds(): boolean {
    const { stats, reconciler } = this;
    return (
      this.staleResult !== undefined &&
      reconciler !== null &&
      !reconciler.changedFolders &&
      stats.read === 0 &&
      this.board.jobs.length === this.jobsFromCache &&
      this.scan.problems.length === 0
    );
  }

  /** Every segment read and checked: the cache's answer goes out, once. */
  private answerStale(reconciler: CacheReconciler): void {
    const onStale = this.onStale;
    const stale = reconciler.staleAnswer;
    this.onStale = undefined;
    if (!onStale || !stale) return;
    this.staleResult = { items: stale.items, problems: stale.problems([]) };
    this.jobsFromCache = this.board.jobs.length;
    onStale(this.staleResult);
  }

  private listNext(): void {
    try {
      this.lister.listNext();
    } catch (error) {
      const e = error as { code?: string; message?: string };
      if (e.code === "ENOENT" || e.code === "ENOTDIR")
        throw new MetadataRootMissingError(this.root, { cause: error });
      throw new Error(`Could not read the metadata folder ${this.root}: ${e.message ?? String(error)}`);
    }
  }

  private finished(): boolean {
    return (
      (this.reconciler === null || this.reconciler.done) &&
      this.lister.done &&
      this.board.outstanding === 0 &&
      (this.assembled === this.board.jobs.length || this.staleStillHolds())
    );
  }

  /**
   * Takes up to ASSEMBLE_CHUNK items of finished folders into the answer; false when none is
   * ready. A piece at a time within the slices: a folder of thousands of items would otherwise
   * add milliseconds to the slice it finishes in.
   */
  private assembleSome(): boolean {
    const { jobs } = this.board;
    if (this.assembled >= jobs.length) return false;
    const job = jobs[this.assembled] as Job;
    if (job.remaining > 0) return false;
    const end = Math.min(this.assembledAt + ASSEMBLE_CHUNK, job.names.length);
    this.assembler.takeFiles(job, this.assembledAt, end);
    this.assembledAt = end;
    if (end === job.names.length) {
      this.assembled++;
      this.assembledAt = 0;
      this.answerFirstItems();
    }
    return true;
  }

  /** Without a cache, a first page of items goes out once a folder is done and others are not. */
  private answerFirstItems(): void {
    const { onFirstItems } = this.options;
    if (onFirstItems === undefined || this.firstItemsAnswered || this.reconciler !== null) return;
    const more = !this.lister.done || this.assembled < this.board.jobs.length;
    if (!more || this.assembler.items.length < FIRST_ITEMS) return;
    this.firstItemsAnswered = true;
    onFirstItems([...this.assembler.items]);
  }

  /** Writes the cache after the answer, unless it already says exactly what this load found. */
  private writeCacheIfChanged(): Promise<{ error?: string }> {
    const { cacheFile, stats, scan, reconciler, board } = this;
    if (cacheFile === null) return Promise.resolve({});
    const index = reconciler?.index;
    const changed =
      stats.cache !== "used" ||
      index === undefined ||
      scan.listingChanged ||
      stats.fromCache + board.uncached !== stats.files ||
      index.files + board.uncached !== stats.files ||
      index.dirs.size !== scan.dirs.length ||
      (reconciler?.foldersLeft ?? 0) > 0;
    if (!changed) return Promise.resolve({});
    return scheduleCacheWrite(
      cacheFile,
      this.root,
      this.startedAt,
      scan.dirs,
      METADATA_FILE_SUFFIX,
      this.slices.pause,
    );
  }
}
