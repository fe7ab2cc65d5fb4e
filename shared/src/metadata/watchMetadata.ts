// Keeps a metadata folder's items current: file system events for added, changed and removed
// files are gathered for a moment and only those files are read again.
import { watch, type FSWatcher } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import type { ItemSummary } from "../types.js";
import { METADATA_CATEGORIES } from "./categories.js";
import { loadMetadata, MAX_METADATA_FILE_BYTES } from "./loadMetadata.js";
import { parseMetadataText } from "./parseMetadataText.js";
import { METADATA_FILE_SUFFIX } from "./paths.js";
import { diffMetadata } from "./diffMetadata.js";
import { openMetadata } from "./openMetadata.js";
import type { LoadMetadataResult, MetadataChanges, MetadataProblem } from "./types.js";

export interface WatchMetadataOptions {
  /** How long to gather events before reading (ms); 1Password rewrites many files at once. */
  debounceMs?: number;
  cacheFile?: string | false;
  /** Watcher and read failures; the watch goes on where it can. */
  onError?: (error: Error) => void;
  /**
   * Calls onChange with the index cache's items first, before any file is checked (`stale`
   * set on that result), then again once every file is checked if anything differs. Without a
   * usable cache the first call is the checked answer, as without this option.
   */
  staleFirst?: boolean;
}

/** What onChange receives: the current items and problems, and how it got them. */
export interface MetadataSnapshot extends LoadMetadataResult {
  /** From the cache, unchecked: a checked answer follows if anything changed. */
  stale?: boolean;
  /** What changed since the previous call, where known (after a stale answer). */
  changes?: MetadataChanges;
}

export interface MetadataWatch {
  close(): void;
}

// macOS and Windows watch a whole tree with one watcher; Linux needs one per folder.
const RECURSIVE = process.platform === "darwin" || process.platform === "win32";

/**
 * Loads root, calls onChange with the result, then again after every batch of changes.
 * The first call comes after the initial load; close() stops everything.
 */
export function watchMetadata(
  root: string,
  onChange: (result: MetadataSnapshot) => void,
  options: WatchMetadataOptions = {},
): MetadataWatch {
  const debounceMs = options.debounceMs ?? 200;
  const report = (error: unknown) => {
    if (closed) return;
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
  const controller = new AbortController();
  const items = new Map<string, ItemSummary>();
  const problems = new Map<string, string>();
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let loaded = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;

  const schedule = () => {
    if (closed || !loaded) return;
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };

  const watchFolder = (dir: string) => {
    if (closed || watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { recursive: RECURSIVE, persistent: false }, (_event, name) => {
        pending.add(name ? join(dir, name.toString()) : dir);
        schedule();
      });
      watcher.on("error", (error) => {
        watcher.close();
        watchers.delete(dir);
        // A vault folder going away is an ordinary change; the root going away is worth telling.
        if (dir === root) report(error);
        else pending.add(dir);
        schedule();
      });
      watchers.set(dir, watcher);
    } catch (error) {
      report(error);
    }
  };

  const forget = (path: string) => {
    const prefix = path + sep;
    for (const map of [items, problems] as const) {
      for (const key of map.keys()) if (key === path || key.startsWith(prefix)) map.delete(key);
    }
    for (const [dir, watcher] of watchers) {
      if (dir !== root && (dir === path || dir.startsWith(prefix))) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };

  const readOne = async (path: string): Promise<void> => {
    const name = basename(path);
    const depth = relative(root, path).split(sep).length;
    if (name.startsWith(".")) return;
    let info;
    try {
      info = await stat(path);
    } catch {
      forget(path);
      return;
    }
    forget(path);
    if (info.isDirectory()) {
      if (name.endsWith(METADATA_FILE_SUFFIX)) {
        problems.set(path, "A folder named like an item file; only files hold items.");
        return;
      }
      if (depth > 3) return;
      if (!RECURSIVE) watchFolder(path);
      for (const entry of await readdir(path)) await readOne(join(path, entry));
      return;
    }
    if (!name.endsWith(METADATA_FILE_SUFFIX)) {
      problems.set(path, `Not a 1Password item file (their names end in ${METADATA_FILE_SUFFIX}); skipped.`);
      return;
    }
    if (info.size > MAX_METADATA_FILE_BYTES) {
      problems.set(
        path,
        `The file is ${(info.size / 1048576).toFixed(1)} MiB, over the ${MAX_METADATA_FILE_BYTES / 1048576} MiB a metadata file can be; it was not read.`,
      );
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path, { signal: controller.signal });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT") return;
      if (code === "ABORT_ERR") throw error;
      problems.set(path, `The file could not be read: ${code === "EACCES" ? "permission denied" : code}.`);
      return;
    }
    const text =
      bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe
        ? bytes.toString("utf16le", 2)
        : bytes.toString("utf8");
    const parsed = parseMetadataText(text, path, METADATA_CATEGORIES);
    if ("reason" in parsed) problems.set(path, parsed.reason);
    else {
      items.set(path, parsed.item);
      if (parsed.ignored.length) {
        problems.set(path, `Read, but these values were ignored: ${parsed.ignored.join("; ")}.`);
      }
    }
  };

  /** Replaces everything known with a whole answer (a load's, or the check after a stale one). */
  const replaceAll = (result: LoadMetadataResult) => {
    items.clear();
    problems.clear();
    for (const item of result.items) if (item.path) items.set(item.path, item);
    for (const problem of result.problems) problems.set(problem.path, problem.reason);
  };

  const emit = (extra?: { stale?: boolean; changes?: MetadataChanges }) => {
    const seen = new Map<string, string>();
    const list: ItemSummary[] = [];
    const problemList: MetadataProblem[] = [];
    for (const [path, reason] of problems) problemList.push({ path, reason });
    for (const [path, item] of items) {
      const key = item.vaultId.toLowerCase() + "/" + item.id.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) {
        problemList.push({
          path,
          reason: `Skipped: item ${item.id} of vault ${item.vaultId} is already read from ${other}.`,
        });
        continue;
      }
      seen.set(key, path);
      list.push(item);
    }
    if (!closed) onChange({ items: list, problems: problemList, ...extra });
  };

  const flush = async (): Promise<void> => {
    if (flushing) {
      // One flush at a time; what arrives meanwhile waits for the next.
      await flushing;
      if (pending.size > 0) schedule();
      return;
    }
    const paths = [...pending].sort();
    pending.clear();
    if (paths.length === 0 || closed) return;
    flushing = (async () => {
      try {
        for (const path of paths) {
          if (path === root) continue;
          await readOne(path);
        }
        emit();
      } catch (error) {
        if (!controller.signal.aborted) report(error);
      }
    })();
    await flushing;
    flushing = undefined;
  };

  const start = async () => {
    // Watch before loading, so nothing that changes during the load is missed.
    watchFolder(root);
    if (!RECURSIVE) {
      for (const entry of await readdir(root, { withFileTypes: true })) {
        if (entry.isDirectory() && !entry.name.startsWith(".")) watchFolder(join(root, entry.name));
      }
    }
    const loadOptions = { signal: controller.signal, cacheFile: options.cacheFile };
    if (options.staleFirst) {
      const opened = await openMetadata(root, loadOptions);
      replaceAll(opened);
      emit(opened.stale ? { stale: true } : undefined);
      if (opened.stale) {
        // Changes seen meanwhile wait for the checked answer (loaded is still false).
        const checked = await opened.checked;
        const changes = diffMetadata(opened, checked);
        replaceAll(checked);
        if (changes.any) emit({ changes });
      }
    } else replaceAll(await loadMetadata(root, loadOptions));
    loaded = true;
    if (!options.staleFirst) emit();
    if (pending.size > 0) schedule();
  };
  start().catch((error: unknown) => {
    if (!controller.signal.aborted) report(error);
  });

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      controller.abort();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
