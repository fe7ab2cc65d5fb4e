// Reads a whole metadata folder without blocking the caller: a worker thread does the file I/O
// and parsing (synchronous reads there beat parallel async reads several times over), and
// sends the results back in batches small enough to take in between other work.
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
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

const BATCH_SIZE = 250;

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

/**
 * How many workers share a load: one core stays free for the caller (otherwise its event loop
 * waits for a core and stalls), the rest read, up to three (more only contend for the disk).
 */
export function chooseMetadataWorkerCount(): number {
  return Math.max(1, Math.min(3, availableParallelism() - 1));
}

/** The cache file of one worker's share: the file itself for the first, numbered siblings for the rest. */
export function metadataCacheShardFile(cacheFile: string, shard: number): string {
  return shard === 0 ? cacheFile : `${cacheFile}.${shard}`;
}

/** loadMetadata, also answering how many files were read or taken from the cache. */
export async function loadMetadataWithDetails(
  root: string = defaultMetadataRoot(),
  options: LoadMetadataOptions & { workers?: number } = {},
): Promise<MetadataLoadDetails> {
  const { signal } = options;
  signal?.throwIfAborted();
  await checkMetadataRoot(root);
  signal?.throwIfAborted();
  const cacheFile = resolveCacheFile(options.cacheFile);
  const shards = options.workers ?? chooseMetadataWorkerCount();
  const source = buildMetadataWorkerSource();
  const items: ItemSummary[] = [];
  const problems: MetadataProblem[] = [];
  // An item lives in one file; a second file with the same vault and item IDs is reported.
  // Batches are merged as they arrive, so no long step is left for the end.
  const byKey = new Map<string, number>();
  const takeBatch = (batch: ItemSummary[], batchProblems: MetadataProblem[]) => {
    for (const problem of batchProblems) problems.push(problem);
    for (const item of batch) {
      const key = item.vaultId.toLowerCase() + "/" + item.id.toLowerCase();
      const at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, items.length);
        items.push(item);
        continue;
      }
      // Workers finish in any order: the lowest path wins, so the answer is always the same.
      const kept = items[at] as ItemSummary;
      const [winner, loser] = (kept.path ?? "") <= (item.path ?? "") ? [kept, item] : [item, kept];
      items[at] = winner;
      problems.push({
        path: loser.path ?? "",
        reason: `Skipped: item ${loser.id} of vault ${loser.vaultId} is already read from ${winner.path}.`,
      });
    }
  };
  const runs = Array.from({ length: shards }, (_, shard) =>
    runWorker(
      source,
      {
        root,
        cacheFile: cacheFile === null ? null : metadataCacheShardFile(cacheFile, shard),
        categories: METADATA_CATEGORIES,
        maxFileBytes: MAX_METADATA_FILE_BYTES,
        batchSize: BATCH_SIZE,
        suffix: METADATA_FILE_SUFFIX,
        separator: sep,
        shard,
        shards,
      },
      signal,
      takeBatch,
    ),
  );
  const cacheWritten = Promise.all(runs.map((run) => run.cacheWritten)).then((results) => ({
    error: results.find((r) => r.error)?.error,
  }));
  try {
    const stats = await Promise.all(runs.map((run) => run.answer));
    const statuses = new Set(stats.map((s) => s.cache));
    return {
      items,
      problems,
      cacheWritten,
      stats: {
        files: stats.reduce((n, s) => n + s.files, 0),
        read: stats.reduce((n, s) => n + s.read, 0),
        fromCache: stats.reduce((n, s) => n + s.fromCache, 0),
        cache: statuses.has("discarded")
          ? "discarded"
          : statuses.size === 1
            ? (stats[0]?.cache ?? "off")
            : statuses.has("absent")
              ? "absent"
              : "used",
        cacheDiscardReason: stats.find((s) => s.cacheDiscardReason)?.cacheDiscardReason,
      },
    };
  } catch (error) {
    for (const run of runs) run.stop();
    throw error;
  }
}

interface WorkerRun {
  answer: Promise<ScanStats>;
  cacheWritten: Promise<{ error?: string }>;
  stop(): void;
}

/** Starts one worker on its share of the files and gathers its batches. */
function runWorker(
  source: string,
  params: ScanParams,
  signal: AbortSignal | undefined,
  onBatch: (items: ItemSummary[], problems: MetadataProblem[]) => void,
): WorkerRun {
  const worker = new Worker(source, { eval: true, workerData: params });
  let settleCache!: (value: { error?: string }) => void;
  const cacheWritten = new Promise<{ error?: string }>((resolve) => (settleCache = resolve));
  cacheWriters.set(cacheWritten, worker);
  void cacheWritten.then(() => cacheWriters.delete(cacheWritten));
  const stop = () => {
    void worker.terminate();
    settleCache({ error: "stopped" });
  };

  const answer = new Promise<ScanStats>((resolve, reject) => {
    let done = false;
    const onAbort = () => {
      stop();
      if (!done) {
        done = true;
        reject(signal?.reason);
      }
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const finish = () => signal?.removeEventListener("abort", onAbort);

    worker.on("message", (message: ScanMessage) => {
      switch (message.type) {
        case "batch":
          onBatch(message.items, message.problems);
          break;
        case "done":
          done = true;
          // The cache write that follows needs nobody waiting: let the process exit meanwhile.
          worker.unref();
          resolve(message.stats);
          break;
        case "cached":
          finish();
          settleCache({ error: message.error });
          break;
        case "failed": {
          done = true;
          finish();
          settleCache({ error: message.message });
          if (message.code === "ENOENT" || message.code === "ENOTDIR") {
            reject(new MetadataRootMissingError(params.root));
          } else {
            reject(new Error(`Could not read the metadata folder ${params.root}: ${message.message}`));
          }
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
        reject(
          signal?.aborted
            ? signal.reason
            : new Error(`The metadata reader stopped before reading ${params.root}.`),
        );
      }
    });
  });
  return { answer, cacheWritten, stop };
}
