// Writes the index cache in slices: each segment is encoded between pauses, and the file is
// written a segment at a time (a 50k-item cache joined and converted in one call stalled the
// caller for over 100 ms). A reader sees the old cache or the new one, never half of one.
import { open, rename, rm } from "node:fs/promises";
import { PRIVATE_FILE_MODE, preparePrivateFolder } from "./indexCachePrivacy.js";
import {
  INDEX_FORMAT,
  INDEX_VERSION,
  MAX_CACHED_ITEM_FILE_BYTES,
  SEGMENT_FILES,
  type ScannedDir,
} from "./indexCacheFormat.js";
import { encodeMetadataRow } from "./readMetadataFile.js";

type Pause = () => Promise<void> | undefined;

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
    const record: unknown[] = [dir.rel, dir.mtime, dir.clean ? 1 : 0, dir.subdirs];
    dirs.push(record);
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
      if (sizes === null || mtimes === null) {
        record[2] = 0;
        continue;
      }
      for (let i = 0; i < part.names.length; i++) {
        const size = sizes[i] as number;
        const name = part.names[i] as string;
        const item = part.items[i];
        // Files that could not be read are not remembered, nor items of huge files (cached, they
        // would cost more than reading them again): the next start reads them again, so their
        // folder is listed again rather than taken from the cache.
        if (size !== size || (item !== undefined && size > MAX_CACHED_ITEM_FILE_BYTES)) {
          record[2] = 0;
          continue;
        }
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
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      root,
      startedAt,
      files,
      strings,
      dirs,
      segments: segments.length,
    }),
  );
  await preparePrivateFolder(file);
  const tmp = file + "." + process.pid + "." + Math.random().toString(36).slice(2) + ".tmp";
  try {
    const handle = await open(tmp, "w", PRIVATE_FILE_MODE);
    try {
      // A segment per write: each is a small conversion, and the caller runs between writes.
      await handle.write(header, null, "latin1");
      for (const segment of segments) await handle.write("\n" + segment, null, "latin1");
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Index cache writes still in flight after their load answered. */
const cacheWrites = new Set<Promise<unknown>>();

/** Waits for index cache writes still in flight (a second start right after a first, tests, benchmarks). */
export async function waitForMetadataCacheWrites(): Promise<void> {
  while (cacheWrites.size > 0) await Promise.all([...cacheWrites]);
}

/**
 * Writes the index cache after the answer went out, in the caller's slices: nobody waits for
 * it. Settles once written, with the error if it could not be; never rejects.
 */
export function scheduleCacheWrite(
  file: string,
  root: string,
  startedAt: number,
  scanned: ScannedDir[],
  suffix: string,
  pause: Pause,
): Promise<{ error?: string }> {
  const writing = Promise.resolve()
    .then(() => writeMetadataIndex(file, root, startedAt, scanned, suffix, pause))
    .then(
      () => ({}),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
  cacheWrites.add(writing);
  void writing.then(() => cacheWrites.delete(writing));
  return writing;
}
