// The worker threads that help read a big folder: each takes every job of the board, claims
// chunks of its files through the job's shared counter, and posts each chunk back as compact
// rows, which the board takes in. A worker pays off only for big folders (see loadMetadata).
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
  post(job: Job): void;
  stop(): void;
}

export class ReaderWorkers {
  /** The first thing that went wrong in a worker (thrown by the load at its next step). */
  failure: unknown;
  private readonly handles: WorkerHandle[] = [];
  private wake: (() => void) | undefined;

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

  /** Starts n workers; each takes every job so far and every job added later. */
  start(n: number): void {
    for (let i = 0; i < n; i++) this.startOne();
    this.board.onJob = (job) => {
      for (const handle of this.handles) handle.post(job);
    };
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
    this.handles.push(handle);
    for (const job of this.board.jobs) handle.post(job);
  }
}
