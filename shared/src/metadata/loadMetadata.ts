// Reads a whole metadata folder without blocking the caller: a worker thread does the file I/O
// and parsing (synchronous reads there beat parallel async reads several times over), and
// sends the results back in batches small enough to take in between other work.
import { stat } from "node:fs/promises";
import { sep } from "node:path";
import { Worker } from "node:worker_threads";
import type { ItemSummary } from "../types.js";
import { METADATA_CATEGORIES } from "./categories.js";
import { MetadataRootMissingError } from "./errors.js";
import { parseMetadataText } from "./parseMetadataText.js";
import { defaultMetadataCacheFile, defaultMetadataRoot, METADATA_FILE_SUFFIX } from "./paths.js";
import { scanMetadataTree, type ScanMessage, type ScanParams, type ScanStats } from "./scanMetadataTree.js";
import type { LoadMetadataOptions, LoadMetadataResult, MetadataProblem } from "./types.js";

/** Files larger than this are not metadata (the real ones are well under 1 KiB). */
export const MAX_METADATA_FILE_BYTES = 1024 * 1024;

const BATCH_SIZE = 2000;

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
    `const scan = (${scanMetadataTree.toString()});`,
    'scan(workerData, require("node:fs"), parse, (message) => parentPort.postMessage(message));',
  ].join("\n");
  return workerSource;
}

/** What loadMetadata answers, plus how it got there (for tests, benchmarks and logs). */
export interface MetadataLoadDetails extends LoadMetadataResult {
  stats: ScanStats;
  /** Settles once the index cache is written (or found unchanged); never rejects. */
  cacheWritten: Promise<{ error?: string }>;
}

/** Workers still writing the index cache after their load answered (unreferenced meanwhile). */
const cacheWriters = new Map<Promise<unknown>, Worker>();

/** Waits for index cache writes still in flight (a second start right after a first, tests, benchmarks). */
export async function waitForMetadataCacheWrites(): Promise<void> {
  while (cacheWriters.size > 0) {
    // Waiting on them must keep the process alive until they finish.
    for (const worker of cacheWriters.values()) worker.ref();
    await Promise.all([...cacheWriters.keys()]);
  }
}

function resolveCacheFile(cacheFile: string | false | undefined): string | null {
  if (cacheFile === false) return null;
  return cacheFile ?? defaultMetadataCacheFile();
}

/** Rejects with MetadataRootMissingError unless root is a folder. */
export async function checkMetadataRoot(root: string): Promise<void> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new MetadataRootMissingError(root);
  } catch (error) {
    if (error instanceof MetadataRootMissingError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new MetadataRootMissingError(root, { cause: error });
    throw error;
  }
}

/**
 * Reads every item of a metadata folder. Bad files never stop the load: each lands in
 * `problems` with its path and why. A missing folder rejects with MetadataRootMissingError;
 * an aborted signal stops the worker and rejects with the signal's reason.
 */
export async function loadMetadata(
  root: string = defaultMetadataRoot(),
  options: LoadMetadataOptions = {},
): Promise<LoadMetadataResult> {
  const { items, problems } = await loadMetadataWithDetails(root, options);
  return { items, problems };
}

/** loadMetadata, also answering how many files were read or taken from the cache. */
export async function loadMetadataWithDetails(
  root: string = defaultMetadataRoot(),
  options: LoadMetadataOptions = {},
): Promise<MetadataLoadDetails> {
  const { signal } = options;
  signal?.throwIfAborted();
  await checkMetadataRoot(root);
  signal?.throwIfAborted();

  const params: ScanParams = {
    root,
    cacheFile: resolveCacheFile(options.cacheFile),
    categories: METADATA_CATEGORIES,
    maxFileBytes: MAX_METADATA_FILE_BYTES,
    batchSize: BATCH_SIZE,
    suffix: METADATA_FILE_SUFFIX,
    separator: sep,
  };
  const worker = new Worker(buildMetadataWorkerSource(), { eval: true, workerData: params });

  let settleCache!: (value: { error?: string }) => void;
  const cacheWritten = new Promise<{ error?: string }>((resolve) => (settleCache = resolve));
  cacheWriters.set(cacheWritten, worker);
  void cacheWritten.then(() => cacheWriters.delete(cacheWritten));

  return new Promise<MetadataLoadDetails>((resolve, reject) => {
    const items: ItemSummary[] = [];
    const problems: MetadataProblem[] = [];
    let done = false;
    const onAbort = () => {
      void worker.terminate();
      settleCache({ error: "aborted" });
      if (!done) reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const finish = () => signal?.removeEventListener("abort", onAbort);

    worker.on("message", (message: ScanMessage) => {
      switch (message.type) {
        case "batch":
          for (const item of message.items) items.push(item);
          for (const problem of message.problems) problems.push(problem);
          break;
        case "done":
          done = true;
          // The cache write that follows needs nobody waiting: let the process exit meanwhile.
          worker.unref();
          resolve({ items, problems, stats: message.stats, cacheWritten });
          break;
        case "cached":
          finish();
          settleCache({ error: message.error });
          break;
        case "failed": {
          done = true;
          finish();
          settleCache({ error: message.message });
          const error = new Error(`Could not read the metadata folder ${root}: ${message.message}`);
          if (message.code === "ENOENT" || message.code === "ENOTDIR")
            reject(new MetadataRootMissingError(root));
          else reject(error);
          break;
        }
      }
    });
    worker.on("error", (error) => {
      finish();
      settleCache({ error: error.message });
      if (!done) {
        done = true;
        reject(error);
      }
    });
    worker.on("exit", () => {
      finish();
      settleCache({});
      if (!done) {
        done = true;
        if (signal?.aborted) reject(signal.reason);
        else reject(new Error(`The metadata reader stopped before reading ${root}.`));
      }
    });
  });
}
