// Keeps a metadata folder's items current: file system events for added, changed and removed
// files are gathered for a moment and only those paths are read again (folderWatchers watches,
// metadataState reads and keeps what is known; this file gathers events and reports).
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { diffMetadataInSlices } from "./diffMetadata.js";
import { FolderWatchers, RECURSIVE_WATCH } from "./folderWatchers.js";
import { loadMetadata, MAX_METADATA_FILE_BYTES } from "./loadMetadata.js";
import { MetadataState } from "./metadataState.js";
import { openMetadata } from "./openMetadata.js";
import type { ItemSummary } from "../types.js";
import type { LoadMetadataResult, MetadataChanges } from "./types.js";

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
  /** Without a cache, the first folders' items only: the whole answer follows. */
  partial?: boolean;
  /** What changed since the previous call, where known (after a stale answer). */
  changes?: MetadataChanges;
}

export interface MetadataWatch {
  close(): void;
}

/**
 * Loads root, calls onChange with the result, then again after every batch of changes.
 * The first call comes after the initial load (or, with staleFirst, from the cache before it);
 * close() stops everything.
 */
export function watchMetadata(
  root: string,
  onChange: (result: MetadataSnapshot) => void,
  options: WatchMetadataOptions = {},
): MetadataWatch {
  const watch = new MetadataWatcher(root, onChange, options);
  watch.start().catch((error: unknown) => watch.report(error));
  return { close: () => watch.close() };
}

class MetadataWatcher {
  private readonly controller = new AbortController();
  private readonly watchers: FolderWatchers;
  private readonly state: MetadataState;
  private readonly pending = new Set<string>();
  /** The first answer is out: events from now on are read after the debounce. */
  private loaded = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly root: string,
    private readonly onChange: (result: MetadataSnapshot) => void,
    private readonly options: WatchMetadataOptions,
  ) {
    this.watchers = new FolderWatchers(
      root,
      (path) => {
        this.pending.add(path);
        this.schedule();
      },
      (error) => this.report(error),
    );
    this.state = new MetadataState(
      root,
      MAX_METADATA_FILE_BYTES,
      (dir) => {
        if (!RECURSIVE_WATCH) this.watchers.watch(dir);
      },
      (path) => this.watchers.forget(path),
    );
  }

  report(error: unknown): void {
    if (this.closed || this.controller.signal.aborted) return;
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  async start(): Promise<void> {
    // Watch before loading, so nothing that changes during the load is missed.
    this.watchers.watch(this.root);
    if (!RECURSIVE_WATCH) {
      for (const entry of await readdir(this.root, { withFileTypes: true })) {
        if (entry.isDirectory() && !entry.name.startsWith("."))
          this.watchers.watch(join(this.root, entry.name));
      }
    }
    const loadOptions = { signal: this.controller.signal, cacheFile: this.options.cacheFile };
    // A whole answer goes out as the load gave it (one item per ID already); the state takes it
    // into its maps only once a changed path is read.
    if (this.options.staleFirst) {
      // Without a cache, the first folders' items go out while the others are read.
      const onFirstItems = (items: readonly ItemSummary[]) => {
        if (!this.closed) this.onChange({ items: [...items], problems: [], partial: true });
      };
      const opened = await openMetadata(this.root, { ...loadOptions, onFirstItems });
      this.state.replaceAll(opened);
      this.emit(opened, opened.stale ? { stale: true } : undefined);
      if (opened.stale) {
        // Changes seen meanwhile wait for the checked answer (loaded is still false).
        const checked = await opened.checked;
        const changes = await diffMetadataInSlices(opened, checked, this.controller.signal);
        this.state.replaceAll(checked);
        if (changes.any) this.emit(checked, { changes });
      }
    } else {
      const loaded = await loadMetadata(this.root, loadOptions);
      this.state.replaceAll(loaded);
      this.emit(loaded);
    }
    this.loaded = true;
    if (this.pending.size > 0) this.schedule();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.controller.abort();
    this.watchers.close();
  }

  private schedule(): void {
    if (this.closed || !this.loaded) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? 200);
  }

  /** Reports `answer`, or the state's answer after changed paths were read. */
  private emit(answer?: LoadMetadataResult, extra?: { stale?: boolean; changes?: MetadataChanges }): void {
    if (this.closed) return;
    const { items, problems } = answer ?? this.state.answer();
    this.onChange({ items, problems, ...extra });
  }

  private async flush(): Promise<void> {
    if (this.flushing) {
      // One flush at a time; what arrives meanwhile waits for the next.
      await this.flushing;
      if (this.pending.size > 0) this.schedule();
      return;
    }
    const paths = [...this.pending].sort();
    this.pending.clear();
    if (paths.length === 0 || this.closed) return;
    this.flushing = (async () => {
      try {
        for (const path of paths) {
          if (path === this.root) continue;
          await this.state.readPath(path, this.controller.signal);
        }
        this.emit();
      } catch (error) {
        this.report(error);
      }
    })();
    await this.flushing;
    this.flushing = undefined;
  }
}
