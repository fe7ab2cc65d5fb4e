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

/** What the cache keeps of one file: size, mtime, then the item (without path) or the reason it was skipped. */
type CacheEntry = [number, number, ItemSummary | string, string[]?];

export function scanMetadataTree(
  params: ScanParams,
  fs: typeof Fs,
  parse: typeof parseMetadataText,
  post: (message: ScanMessage) => void,
): void {
  const { root, cacheFile, categories, maxFileBytes, batchSize, suffix, separator, shard, shards } = params;
  const format = "op-bridge-metadata-index";
  const version = 1;
  const startedAt = Date.now();
  const stats: ScanStats = { files: 0, read: 0, fromCache: 0, cache: cacheFile ? "absent" : "off" };
  let cached: Record<string, CacheEntry> | null = null;
  let cacheStartedAt = 0;
  const fresh: Record<string, CacheEntry> = {};
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
    isCachedItem(v: unknown): boolean {
      if (typeof v !== "object" || v === null) return false;
      const o = v as Record<string, unknown>;
      return (
        h.isText(o.id) &&
        h.isText(o.vaultId) &&
        h.isText(o.vaultName) &&
        h.isText(o.title) &&
        h.isText(o.categoryId) &&
        h.isText(o.category) &&
        o.source === "metadata" &&
        Array.isArray(o.urls) &&
        o.urls.every(h.isText) &&
        h.isOptional(o.accountName, "string") &&
        h.isOptional(o.description, "string") &&
        h.isOptional(o.categoryPlural, "string") &&
        h.isOptional(o.createdAt, "number") &&
        h.isOptional(o.modifiedAt, "number") &&
        h.isOptional(o.accountId, "string") &&
        (o.app === "1password7" || o.app === "1password8")
      );
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
          typeof data.entries !== "object" ||
          data.entries === null
        )
          discard = "incomplete";
        else {
          const entries = data.entries as Record<string, unknown>;
          for (const key in entries) {
            const e = entries[key];
            if (
              !Array.isArray(e) ||
              typeof e[0] !== "number" ||
              typeof e[1] !== "number" ||
              !(typeof e[2] === "string" || h.isCachedItem(e[2])) ||
              !(e[3] === undefined || (Array.isArray(e[3]) && e[3].every(h.isText)))
            ) {
              discard = `malformed entry for ${key}`;
              break;
            }
          }
          if (!discard) {
            cached = entries as Record<string, CacheEntry>;
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
        if (caching) fresh[rel] = [size, mtimeMs, parsed.reason];
        return;
      }
      // The same object is cached: by the time the cache is written it has been posted (cloned),
      // and its path is dropped then, since the path follows from the entry's key.
      if (caching) {
        fresh[rel] = parsed.ignored.length
          ? [size, mtimeMs, parsed.item, parsed.ignored]
          : [size, mtimeMs, parsed.item];
      }
      if (parsed.ignored.length) {
        problems.push({ path, reason: `Read, but these values were ignored: ${parsed.ignored.join("; ")}.` });
      }
      h.addItem(parsed.item);
    },
    /** Answers the file from the cache when its size and time match a trusted entry. */
    fromCache(rel: string, path: string, index: Record<string, CacheEntry>): boolean {
      const entry = index[rel];
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
      fresh[rel] = entry;
      const value = entry[2];
      if (typeof value === "string") {
        problems.push({ path, reason: value });
      } else {
        if (entry[3])
          problems.push({ path, reason: `Read, but these values were ignored: ${entry[3].join("; ")}.` });
        value.path = path;
        h.addItem(value);
      }
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
          if (caching) fresh[rel] = [stat.size, stat.mtimeMs, reason];
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
      for (const key in fresh) {
        const value = (fresh[key] as CacheEntry)[2];
        if (typeof value !== "string") value.path = undefined;
      }
      const tmp = file + "." + process.pid + "." + Math.random().toString(36).slice(2) + ".tmp";
      try {
        fs.writeFileSync(
          tmp,
          JSON.stringify({ format, version, root, shard, shards, startedAt, entries: fresh }),
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
    if (!changed) for (const key in cached as Record<string, CacheEntry>) if (!(key in fresh)) changed = true;
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
