// The body of the reader's worker thread: it takes lists of item files from the caller, claims
// chunks of them through shared counters (the caller claims from the same counters between its
// other work), checks or reads and parses each file, and posts each chunk back as compact rows.
// It becomes the worker's source text, so it refers only to its arguments.
import type * as Fs from "node:fs";
import type { ItemSummary } from "../types.js";
import type { CategoryTable, parseMetadataText } from "./parseMetadataText.js";
import type { createMetadataFileReader, encodeMetadataRow } from "./readMetadataFile.js";

export interface WorkerInit {
  categories: CategoryTable;
  maxFileBytes: number;
  separator: string;
  /** Take size and time of every file read (for the index cache). */
  withStat: boolean;
  chunkSize: number;
}

/** A piece of one folder's item files, as the caller posts it (a big folder takes several). */
export interface WorkerJob {
  type: "job";
  id: number;
  dir: string;
  /** The piece's file names joined with "/" (which no name contains): one string is cheap to pass. */
  names: string;
  /** The job's last piece: it brings `known` and `counter`, and the worker then takes the job. */
  last: boolean;
  /** Cached size and time per file (NaN where there is none to trust), or null. */
  known: Float64Array | null;
  /** Index of the next unclaimed file, shared with the caller (with the last piece). */
  counter: Int32Array | null;
}

/**
 * One chunk done: `rows` is JSON of [index, size, mtime, ...15 packed item fields] per item,
 * `problems` holds [index, reason, size, mtime] per file that gave none (size NaN: not cached).
 */
export interface WorkerChunk {
  type: "chunk";
  job: number;
  start: number;
  end: number;
  hits: number[];
  rows: string;
  /** Strings new to the worker's table since its last message, in order. */
  strings: string[];
  problems: [number, string, number, number][];
  read: number;
}

interface Port {
  on(event: "message", listener: (message: WorkerJob) => void): void;
  postMessage(message: WorkerChunk): void;
}

export function runMetadataWorker(
  init: WorkerInit,
  fs: typeof Fs,
  parse: typeof parseMetadataText,
  createReader: typeof createMetadataFileReader,
  encodeRow: typeof encodeMetadataRow,
  port: Port,
): void {
  const reader = createReader(fs, parse, init.categories, init.maxFileBytes);
  const sep = init.separator;
  const jobs: {
    id: number;
    dir: string;
    names: string[];
    known: Float64Array | null;
    counter: Int32Array;
  }[] = [];
  /** Names of jobs whose last piece has not come yet. */
  const pieces = new Map<number, string[]>();
  let next = 0;
  let size = Math.min(16, init.chunkSize);
  const numbers = new Map<string, number>();
  let fresh: string[] = [];
  // Helpers are object methods, not arrow functions: bundlers that keep function names wrap
  // named arrows in a helper call that would not exist in the worker's copy of this code.
  const h = {
    index(value: string | undefined): number {
      if (value === undefined) return -1;
      let n = numbers.get(value);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(value, n);
        fresh.push(value);
      }
      return n;
    },
    run(): void {
      while (next < jobs.length) {
        const job = jobs[next] as (typeof jobs)[number];
        const start = Atomics.add(job.counter, 0, size);
        if (start >= job.names.length) {
          next++;
          continue;
        }
        h.chunk(job, start, Math.min(start + size, job.names.length));
        // Small chunks while this code is still slow (not yet compiled), so the caller never
        // waits long for the last of them; bigger ones after, for fewer messages.
        size = Math.min(init.chunkSize, size * 2);
      }
    },
    chunk(job: (typeof jobs)[number], start: number, end: number): void {
      const rows: unknown[][] = [];
      const hits: number[] = [];
      const problems: [number, string, number, number][] = [];
      let read = 0;
      for (let i = start; i < end; i++) {
        const path = job.dir + sep + job.names[i];
        const known = job.known;
        if (known !== null) {
          const size = known[2 * i] as number;
          if (size === size) {
            const stat = fs.statSync(path, { throwIfNoEntry: false });
            if (stat !== undefined && stat.size === size && stat.mtimeMs === known[2 * i + 1]) {
              hits.push(i);
              continue;
            }
          }
        }
        read++;
        const outcome = reader.load(path, init.withStat);
        if ("unreadable" in outcome) problems.push([i, outcome.unreadable, NaN, NaN]);
        else if ("reason" in outcome) problems.push([i, outcome.reason, reader.size, reader.mtime]);
        else {
          const row: unknown[] = [i, reader.size, reader.mtime];
          encodeRow(row, outcome.item as ItemSummary, outcome.ignored, h);
          rows.push(row);
        }
      }
      const strings = fresh;
      fresh = [];
      // NaN does not survive JSON: sizes of files read without fstat go as null.
      port.postMessage({
        type: "chunk",
        job: job.id,
        start,
        end,
        hits,
        rows: JSON.stringify(rows),
        strings,
        problems,
        read,
      });
    },
  };
  port.on("message", (message) => {
    const earlier = pieces.get(message.id);
    const names = message.names.split("/");
    if (earlier !== undefined) for (const name of names) earlier.push(name);
    if (!message.last) {
      if (earlier === undefined) pieces.set(message.id, names);
      return;
    }
    pieces.delete(message.id);
    jobs.push({
      id: message.id,
      dir: message.dir,
      names: earlier ?? names,
      known: message.known,
      counter: message.counter as Int32Array,
    });
    h.run();
  });
}
