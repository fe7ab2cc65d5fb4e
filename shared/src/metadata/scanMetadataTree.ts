// The body of the reader's worker thread: walks the metadata folder, reads and parses every item
// file with synchronous calls (the fastest way to read many small files, measured), reuses the
// index cache for files whose size and modification time did not change, and posts the results
// in batches. It becomes the worker's source text, so it refers only to its arguments.
import type * as Fs from "node:fs";
import type { ItemSummary } from "../types.js";
import type { CategoryTable, parseMetadataText } from "./parseMetadataText.js";
import type { MetadataProblem } from "./types.js";

export interface ScanParams {
  root: string;
  /** The index cache to read and update, or null to read every file. */
  cacheFile: string | null;
  categories: CategoryTable;
  maxFileBytes: number;
  batchSize: number;
  suffix: string;
  separator: string;
  /** This worker reads the files whose path hashes to `shard` of `shards` (several cores). */
  shard: number;
  shards: number;
}

export interface ScanStats {
  files: number;
  /** Files read and parsed. */
  read: number;
  /** Files answered from the cache without reading them. */
  fromCache: number;
  cache: "off" | "absent" | "used" | "discarded";
  cacheDiscardReason?: string;
}

export type ScanMessage =
  | { type: "batch"; items: ItemSummary[]; problems: MetadataProblem[] }
  | { type: "done"; stats: ScanStats }
  | { type: "cached"; error?: string }
  | { type: "failed"; message: string; code?: string };

/**
 * One file in memory: size, mtime, then the item, the reason it was skipped, or (from the cache
 * file, decoded only when used) its compact row; then values that were ignored.
 */
type CacheEntry = [number, number, ItemSummary | string | CacheRow, string[]?];

/**
 * A file in the cache file, compact (strings that repeat are indices into a table, -1 = none):
 * [dir#, name ("" = "<vault>_<item><suffix>"), size, mtime, reason] for a skipped file, or
 * [dir#, name, size, mtime, id, title, vaultId#, vaultName#, accountName#, description#,
 *  categoryId#, category#, categoryPlural#, urls, createdAt|null, modifiedAt|null, app#, accountId#, ignored|0].
 */
type CacheRow = unknown[];

export function scanMetadataTree(
  params: ScanParams,
  fs: typeof Fs,
  parse: typeof parseMetadataText,
  post: (message: ScanMessage) => void,
): void {
  const { root, cacheFile, categories, maxFileBytes, batchSize, suffix, separator, shard, shards } = params;
  const format = "op-bridge-metadata-index";
  const version = 2;
  const startedAt = Date.now();
  const stats: ScanStats = { files: 0, read: 0, fromCache: 0, cache: cacheFile ? "absent" : "off" };
  let cached: Map<string, CacheEntry> | null = null;
  let cacheStrings: string[] = [];
  let cacheStartedAt = 0;
  const fresh = new Map<string, CacheEntry>();
  const caching = cacheFile !== null;
  let changed = true;
  let items: ItemSummary[] = [];
  let problems: MetadataProblem[] = [];
  let buffer = Buffer.allocUnsafe(64 * 1024);

  // Helpers are object methods, not arrow functions: bundlers that keep function names wrap
  // named arrows in a helper call that would not exist in the worker's copy of this code.
  const h = {
    isText(v: unknown): v is string {
      return typeof v === "string";
    },
    isOptional(v: unknown, type: string): boolean {
      return v === undefined || v === null || typeof v === type;
    },
    /** A cache row of the right shape, whose string indices all point into the table. */
    isRow(v: unknown, strings: string[]): v is CacheRow {
      if (!Array.isArray(v)) return false;
      const count = strings.length;
      const c = {
        at(i: number, required: boolean): boolean {
          const x = v[i];
          return Number.isInteger(x) && (x as number) >= (required ? 0 : -1) && (x as number) < count;
        },
        time(x: unknown): boolean {
          return x === null || typeof x === "number";
        },
      };
      if (
        !c.at(0, true) ||
        typeof v[1] !== "string" ||
        typeof v[2] !== "number" ||
        typeof v[3] !== "number"
      ) {
        return false;
      }
      if (v.length === 5) return typeof v[4] === "string";
      return (
        v.length === 19 &&
        typeof v[4] === "string" &&
        typeof v[5] === "string" &&
        c.at(6, true) &&
        c.at(7, true) &&
        c.at(8, false) &&
        c.at(9, false) &&
        c.at(10, true) &&
        c.at(11, true) &&
        c.at(12, false) &&
        Array.isArray(v[13]) &&
        v[13].every(h.isText) &&
        c.time(v[14]) &&
        c.time(v[15]) &&
        c.at(16, true) &&
        (strings[v[16] as number] === "1password7" || strings[v[16] as number] === "1password8") &&
        c.at(17, false) &&
        (v[18] === 0 || (Array.isArray(v[18]) && v[18].every(h.isText)))
      );
    },
    /** The item of a cache row (checked by isRow). */
    decodeRow(row: CacheRow, path: string): ItemSummary {
      const c = {
        str(i: number): string | undefined {
          const x = row[i] as number;
          return x === -1 ? undefined : cacheStrings[x];
        },
      };
      return {
        id: row[4] as string,
        vaultId: c.str(6) as string,
        vaultName: c.str(7) as string,
        accountName: c.str(8),
        title: row[5] as string,
        description: c.str(9),
        categoryId: c.str(10) as string,
        category: c.str(11) as string,
        categoryPlural: c.str(12),
        urls: row[13] as string[],
        createdAt: (row[14] as number | null) ?? undefined,
        modifiedAt: (row[15] as number | null) ?? undefined,
        source: "metadata",
        path,
        app: c.str(16) as "1password7" | "1password8",
        accountId: c.str(17),
      };
    },
    /** Which worker owns a path: a cheap string hash, stable across runs. */
    owns(rel: string): boolean {
      if (shards === 1) return true;
      let hash = 2166136261;
      for (let i = 0; i < rel.length; i++) hash = Math.imul(hash ^ rel.charCodeAt(i), 16777619);
      return (hash >>> 0) % shards === shard;
    },
    /** A cache is used only when every part of it is well formed and it describes this root. */
    readCache(): void {
      if (!cacheFile) return;
      let text: string;
      try {
        text = fs.readFileSync(cacheFile, "utf8");
      } catch {
        return;
      }
      let discard = "";
      try {
        const data = JSON.parse(text) as Record<string, unknown>;
        if (typeof data !== "object" || data === null) discard = "not an index";
        else if (data.format !== format || data.version !== version) discard = "another format or version";
        else if (data.root !== root || data.shard !== shard || data.shards !== shards)
          discard = "written for another folder";
        else if (
          typeof data.startedAt !== "number" ||
          !Array.isArray(data.strings) ||
          !data.strings.every(h.isText) ||
          !Array.isArray(data.files)
        )
          discard = "incomplete";
        else {
          const strings = data.strings as string[];
          const index = new Map<string, CacheEntry>();
          for (const row of data.files as unknown[]) {
            if (!h.isRow(row, strings)) {
              discard = "a malformed entry";
              break;
            }
            const dir = strings[row[0] as number] as string;
            const name = (row[1] as string) || strings[row[6] as number] + "_" + (row[4] as string) + suffix;
            index.set(dir ? dir + "/" + name : name, [
              row[2] as number,
              row[3] as number,
              row.length === 5 ? (row[4] as string) : row,
            ]);
          }
          if (!discard) {
            cached = index;
            cacheStrings = strings;
            cacheStartedAt = data.startedAt;
          }
        }
      } catch {
        discard = "not valid JSON";
      }
      stats.cache = discard ? "discarded" : "used";
      if (discard) stats.cacheDiscardReason = discard;
    },
    flush(): void {
      if (items.length === 0 && problems.length === 0) return;
      post({ type: "batch", items, problems });
      items = [];
      problems = [];
    },
    // Two files with the same vault and item IDs are sorted out by the caller, which sees every worker's share.
    addItem(item: ItemSummary): void {
      items.push(item);
      if (items.length >= batchSize) h.flush();
    },
    describeError(error: unknown): string {
      const e = error as { code?: string; message?: string };
      if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
      if (e.code === "ENOENT") return "it was removed while being read";
      return e.code ?? e.message ?? String(error);
    },
    tooLarge(size: number): string {
      return `The file is ${(size / 1048576).toFixed(1)} MiB, over the ${maxFileBytes / 1048576} MiB a metadata file can be; it was not read.`;
    },
    record(rel: string, path: string, size: number, mtimeMs: number, parsed: ReturnType<typeof parse>): void {
      if ("reason" in parsed) {
        problems.push({ path, reason: parsed.reason });
        if (caching) fresh.set(rel, [size, mtimeMs, parsed.reason]);
        return;
      }
      if (caching) {
        fresh.set(
          rel,
          parsed.ignored.length ? [size, mtimeMs, parsed.item, parsed.ignored] : [size, mtimeMs, parsed.item],
        );
      }
      if (parsed.ignored.length) {
        problems.push({ path, reason: `Read, but these values were ignored: ${parsed.ignored.join("; ")}.` });
      }
      h.addItem(parsed.item);
    },
    /** Answers the file from the cache when its size and time match a trusted entry. */
    fromCache(rel: string, path: string, index: Map<string, CacheEntry>): boolean {
      const entry = index.get(rel);
      let stat: Fs.Stats | undefined;
      try {
        stat = fs.statSync(path);
      } catch {
        return false;
      }
      // Trusted only if the file was last changed before the scan that cached it began: a
      // change in the same instant could otherwise keep its size and time (as git's index does).
      const coarse = stat.mtimeMs % 1000 === 0 ? 1000 : 0;
      if (
        entry === undefined ||
        entry[0] !== stat.size ||
        entry[1] !== stat.mtimeMs ||
        stat.mtimeMs + coarse >= cacheStartedAt
      ) {
        return false;
      }
      stats.fromCache++;
      const value = entry[2];
      if (typeof value === "string") {
        problems.push({ path, reason: value });
        fresh.set(rel, entry);
        return true;
      }
      const row = Array.isArray(value) ? value : undefined;
      const item = row ? h.decodeRow(row, path) : (value as ItemSummary);
      const ignored = row ? (row[18] === 0 ? undefined : (row[18] as string[])) : entry[3];
      fresh.set(rel, ignored ? [entry[0], entry[1], item, ignored] : [entry[0], entry[1], item]);
      if (ignored)
        problems.push({ path, reason: `Read, but these values were ignored: ${ignored.join("; ")}.` });
      h.addItem(item);
      return true;
    },
    readItemFile(rel: string, path: string): void {
      stats.files++;
      if (cached !== null) {
        if (h.fromCache(rel, path, cached)) return;
        changed = true;
      }
      let fd = -1;
      try {
        fd = fs.openSync(path, "r");
        const stat = fs.fstatSync(fd);
        if (stat.size > maxFileBytes) {
          const reason = h.tooLarge(stat.size);
          problems.push({ path, reason });
          if (caching) fresh.set(rel, [stat.size, stat.mtimeMs, reason]);
          return;
        }
        if (buffer.length < stat.size) buffer = Buffer.allocUnsafe(Math.max(stat.size, buffer.length * 2));
        // Reads the size fstat gave (a short read only means the file shrank meanwhile).
        let length = 0;
        while (length < stat.size) {
          const n = fs.readSync(fd, buffer, length, stat.size - length, null);
          if (n === 0) break;
          length += n;
        }
        stats.read++;
        const text =
          length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe
            ? buffer.toString("utf16le", 2, length)
            : buffer.toString("utf8", 0, length);
        h.record(rel, path, stat.size, stat.mtimeMs, parse(text, path, categories));
      } catch (error) {
        problems.push({ path, reason: `The file could not be read: ${h.describeError(error)}.` });
      } finally {
        if (fd !== -1) fs.closeSync(fd);
      }
    },
    walk(dir: string, relDir: string, depth: number): void {
      let entries: Fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        if (depth === 0) throw error;
        if (h.owns(relDir)) {
          problems.push({ path: dir, reason: `The folder could not be read: ${h.describeError(error)}.` });
        }
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const name = entry.name;
        // Hidden files (.DS_Store, editors' temporaries, our own partial writes) are not items.
        if (name.startsWith(".")) continue;
        const path = dir + separator + name;
        const rel = relDir ? relDir + "/" + name : name;
        let isFile = entry.isFile();
        let isDirectory = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          try {
            const target = fs.statSync(path);
            isFile = target.isFile();
            isDirectory = target.isDirectory();
          } catch {
            if (h.owns(rel)) problems.push({ path, reason: "A link that points nowhere; skipped." });
            continue;
          }
        }
        const named = name.endsWith(suffix);
        if (isDirectory && !named && depth < 3) {
          // Vault folders sit in the root (opbookmarks may nest them one level deeper, per account).
          h.walk(path, rel, depth + 1);
          continue;
        }
        if (!h.owns(rel)) continue;
        if (isDirectory) {
          problems.push({
            path,
            reason: named
              ? "A folder named like an item file; only files hold items."
              : "A folder nested deeper than vault folders go; not read.",
          });
        } else if (isFile && named) {
          h.readItemFile(rel, path);
        } else {
          problems.push({
            path,
            reason: `Not a 1Password item file (their names end in ${suffix}); skipped.`,
          });
        }
      }
    },
    /** Written atomically: a reader sees the old index or the new one, never half of one. */
    writeCache(file: string): void {
      const slash = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
      if (slash > 0) fs.mkdirSync(file.slice(0, slash), { recursive: true });
      const strings: string[] = [];
      const numbers = new Map<string, number>();
      const c = {
        idx(value: string | undefined): number {
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
      const files: CacheRow[] = [];
      for (const [rel, [size, mtime, value, ignored]] of fresh) {
        const cut = rel.lastIndexOf("/");
        const dir = c.idx(cut === -1 ? "" : rel.slice(0, cut));
        const name = rel.slice(cut + 1);
        if (typeof value === "string") {
          files.push([dir, name, size, mtime, value]);
          continue;
        }
        const item = value as ItemSummary;
        files.push([
          dir,
          name === item.vaultId + "_" + item.id + suffix ? "" : name,
          size,
          mtime,
          item.id,
          item.title,
          c.idx(item.vaultId),
          c.idx(item.vaultName),
          c.idx(item.accountName),
          c.idx(item.description),
          c.idx(item.categoryId),
          c.idx(item.category),
          c.idx(item.categoryPlural),
          item.urls,
          item.createdAt ?? null,
          item.modifiedAt ?? null,
          c.idx(item.app ?? "1password7"),
          c.idx(item.accountId),
          ignored ?? 0,
        ]);
      }
      const tmp = file + "." + process.pid + "." + Math.random().toString(36).slice(2) + ".tmp";
      try {
        fs.writeFileSync(
          tmp,
          JSON.stringify({ format, version, root, shard, shards, startedAt, strings, files }),
        );
        fs.renameSync(tmp, file);
      } catch (error) {
        fs.rmSync(tmp, { force: true });
        throw error;
      }
    },
  };

  h.readCache();
  try {
    h.walk(root, "", 0);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    post({ type: "failed", message: e.message ?? String(error), code: e.code });
    return;
  }
  if (cached !== null) {
    changed = stats.fromCache !== stats.files;
    // Files gone since the cache was written also make it stale.
    if (!changed && (cached as Map<string, CacheEntry>).size !== stats.files) changed = true;
  }
  h.flush();
  post({ type: "done", stats });
  if (!cacheFile || !changed) {
    post({ type: "cached" });
    return;
  }
  // Written after the answer went out: nobody waits for it.
  try {
    h.writeCache(cacheFile);
    post({ type: "cached" });
  } catch (error) {
    post({ type: "cached", error: error instanceof Error ? error.message : String(error) });
  }
}
