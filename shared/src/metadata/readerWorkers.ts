// The worker threads that help read a big folder: each takes every job of the board (posted a
// piece at a time between the caller's other steps), claims chunks of its files through the
// job's shared counter, and posts each chunk back as compact rows, which the board takes in. A worker pays off only for big folders (see loadMetadata).
import { availableParallelism } from "node:os";
import { sep } from "node:path";
import { Worker } from "node:worker_threads";
import { METADATA_CATEGORIES } from "./categories.js";
import type { Job, JobBoard } from "./fileJobs.js";
import { parseMetadataText } from "./parseMetadataText.js";
import { createMetadataFileReader, encodeMetadataRow } from "./readMetadataFile.js";
import { runMetadataWorker, type WorkerChunk, type WorkerInit, type WorkerJob } from "./runMetadataWorker.js";

/** Files a worker claims at a time: one message back per chunk. */
const WORKER_CHUNK = 256;
/**
 * File names a job message carries at most: a vault folder of 7,000 names joined and cloned in
 * one message cost the caller's thread 5-8 ms, and all jobs posted at once when the workers
 * start cost 20 ms; a piece of this size is well under a millisecond.
 */
const NAMES_PER_MESSAGE = 1024;

let workerSource: string | undefined;

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

/**
 * How many workers a big load may use: one core stays for the caller (which lists, reads and
 * builds the items), the rest read, up to three (more only contend for the disk).
 */
export function chooseMetadataWorkerCount(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}

interface WorkerHandle {
  post(message: WorkerJob): void;
  stop(): void;
}

export class ReaderWorkers {
  /** The first thing that went wrong in a worker (thrown by the load at its next step). */
  failure: unknown;
  private readonly handles: WorkerHandle[] = [];
  private wake: (() => void) | undefined;
  /** The job whose names are being posted, and how many of them are posted already. */
  private postingJob = 0;
  private postedNames = 0;

  constructor(
    private readonly root: string,
    private readonly board: JobBoard,
    private readonly maxFileBytes: number,
    /** Workers take each file's size and time too (for the index cache). */
    private readonly withStat: boolean,
  ) {}

  get count(): number {
    return this.handles.length;
  }

  /** Starts n workers; postNext then hands them every job of the board, a piece at a time. */
  start(n: number): void {
    for (let i = 0; i < n; i++) this.startOne();
  }

  /**
   * Posts the next piece (up to NAMES_PER_MESSAGE names) of the board's jobs to every worker;
   * false when every job so far is posted. Jobs this thread has claimed whole are skipped.
   */
  postNext(): boolean {
    const jobs = this.board.jobs;
    if (this.handles.length === 0) return false;
    while (this.postingJob < jobs.length) {
      const job = jobs[this.postingJob] as Job;
      const n = job.names.length;
      if (this.postedNames === 0 && Atomics.load(job.counter, 0) >= n) {
        this.postingJob++;
        continue;
      }
      const start = this.postedNames;
      const end = Math.min(start + NAMES_PER_MESSAGE, n);
      const last = end === n;
      const message: WorkerJob = {
        type: "job",
        id: job.id,
        dir: job.dir,
        names: job.names.slice(start, end).join("/"),
        last,
        // The last piece brings what the worker needs to claim files: it takes the job only whole.
        known: last ? job.known : null,
        counter: last ? job.counter : null,
      };
      for (const handle of this.handles) handle.post(message);
      if (last) {
        this.postingJob++;
        this.postedNames = 0;
      } else this.postedNames = end;
      return true;
    }
    return false;
  }

  /** Resolves when a worker answers a chunk, fails, or wakeUp is called (an abort). */
  waitForNews(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  stop(): void {
    for (const handle of this.handles) handle.stop();
  }

  private startOne(): void {
    const init: WorkerInit = {
      categories: METADATA_CATEGORIES,
      maxFileBytes: this.maxFileBytes,
      separator: sep,
      withStat: this.withStat,
      chunkSize: WORKER_CHUNK,
    };
    // No inherited command-line options: the worker runs only its own source (a dev loader
    // such as tsx would otherwise be set up again in it).
    const worker = new Worker(buildMetadataWorkerSource(), { eval: true, workerData: init, execArgv: [] });
    const strings: string[] = [];
    let stopped = false;
    worker.on("message", (message: WorkerChunk) => {
      try {
        this.board.takeWorkerChunk(strings, message);
      } catch (error) {
        this.failure ??= error;
      }
      this.wakeUp();
    });
    worker.on("error", (error) => {
      this.failure ??= error;
      this.wakeUp();
    });
    worker.on("exit", () => {
      if (!stopped) this.failure ??= new Error(`The metadata reader stopped before reading ${this.root}.`);
      this.wakeUp();
    });
    const handle: WorkerHandle = {
      post(message) {
        worker.postMessage(message);
      },
      stop() {
        stopped = true;
        void worker.terminate();
      },
    };
    this.handles.push(handle);
  }
}
