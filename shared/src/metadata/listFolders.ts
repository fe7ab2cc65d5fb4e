// Lists the metadata folder tree depth first, in name order, as a person reads it: vault
// folders in the root (and one level deeper for opbookmarks' accounts), item files in them.
// A big folder is listed across several slices; a folder the cache's listing stands for is not
// listed at all. Each folder's item files become one job on the board.
import * as fs from "node:fs";
import { sep } from "node:path";
import type { JobBoard } from "./fileJobs.js";
import type { CachedDir } from "./indexCacheFormat.js";
import type { CacheReconciler } from "./reconcileCache.js";
import type { LoadSlices } from "./slices.js";
import type { ScanRecord } from "./scanRecord.js";

/** A folder still to list. */
interface DirTask {
  path: string;
  rel: string;
  depth: number;
  /** While listed across slices: the open folder and the entries so far. */
  handle?: fs.Dir;
  entries?: fs.Dirent[];
  mtime?: number;
}

/** A folder's entries sorted out: item files, vault folders, and whether nothing else is there. */
interface SortedEntries {
  names: string[];
  subdirs: string[];
  clean: boolean;
}

/**
 * One folder entry kept between loads: V8 compiles the listing code for fs.Dirent's shape, and
 * once no object of a shape is left a full garbage collection throws that code away.
 */
const kept: { entry?: fs.Dirent } = {};

export class FolderLister {
  private readonly tasks: DirTask[];
  /** Folders being listed: closed when the load ends, however it ends. */
  private readonly openDirs = new Set<fs.Dir>();

  constructor(
    root: string,
    private readonly suffix: string,
    private readonly board: JobBoard,
    private readonly scan: ScanRecord,
    private readonly slices: LoadSlices,
    private readonly cache: CacheReconciler | null,
    /** Take each folder's time before listing it (for the index cache). */
    private readonly caching: boolean,
    private readonly describeError: (error: unknown) => string,
  ) {
    this.tasks = [{ path: root, rel: "", depth: 0 }];
  }

  get done(): boolean {
    return this.tasks.length === 0;
  }

  /**
   * Lists the next folder, or part of it if the slice runs out first; false when none is left.
   * Throws what listing the root threw (its caller names the folder).
   */
  listNext(): boolean {
    const task = this.tasks.shift();
    if (task === undefined) return false;
    if (!this.list(task)) this.tasks.unshift(task);
    return true;
  }

  /** Closes folders left open by a load that ended early. */
  close(): void {
    for (const handle of this.openDirs) this.closeDir(handle);
  }

  /**
   * Lists one folder (unless the cache's listing of it stands), a slice at a time: answers
   * false when the slice ran out before the folder did. Listing costs ~0.7 µs an entry, so a
   * vault of 7,000 items in one call would add 5 ms to a slice.
   */
  private list(task: DirTask): boolean {
    const cachedDir: CachedDir | undefined = this.cache?.index.dirs.get(task.rel);
    let subdirs: string[];
    if (task.handle === undefined && cachedDir !== undefined && this.cache?.isUnchanged(cachedDir)) {
      // Its files came with the cache's segments; only its folders are left to visit.
      this.scan.dir(task.rel, cachedDir.mtime, true, cachedDir.subdirs);
      subdirs = cachedDir.subdirs;
    } else {
      const listed = this.readEntries(task);
      if (listed === "later") return false;
      if (listed === "failed") return true;
      const sorted = this.sortEntries(task, listed);
      subdirs = sorted.subdirs;
      this.takeFolder(task, cachedDir, sorted);
    }
    // Depth first, in name order, as a person reads the tree.
    this.tasks.unshift(
      ...subdirs.map((name) => ({
        path: task.path + sep + name,
        rel: task.rel ? task.rel + "/" + name : name,
        depth: task.depth + 1,
      })),
    );
    return true;
  }

  /** The folder's entries, "later" when the slice ran out, "failed" when reported as a problem. */
  private readEntries(task: DirTask): fs.Dirent[] | "later" | "failed" {
    if (task.handle === undefined) {
      task.mtime = NaN;
      if (this.caching) {
        // Before the listing: a change made meanwhile leaves a newer time for the next start.
        try {
          task.mtime = fs.statSync(task.path).mtimeMs;
        } catch {
          task.mtime = NaN;
        }
      }
      try {
        task.handle = fs.opendirSync(task.path, { bufferSize: 256 });
      } catch (error) {
        return this.failed(task, error);
      }
      this.openDirs.add(task.handle);
      task.entries = [];
    }
    const handle = task.handle;
    const listed = task.entries as fs.Dirent[];
    const filesBefore = this.board.toRead + this.board.toCheck;
    try {
      // A folder of many thousand files takes several slices.
      for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
        listed.push(entry);
        if ((listed.length & 255) === 0) {
          this.slices.endFirstEarly(filesBefore + listed.length);
          if (this.slices.due()) return "later";
        }
      }
    } catch (error) {
      return this.failed(task, error);
    }
    this.closeDir(handle);
    if (listed.length > 0) kept.entry = listed[0];
    return listed;
  }

  /** Sorts a folder's entries into item files and vault folders, reporting everything else. */
  private sortEntries(task: DirTask, listed: fs.Dirent[]): SortedEntries {
    const suffix = this.suffix;
    let entries = listed;
    let names: string[] = [];
    const subdirs: string[] = [];
    let clean = true;
    // The usual vault folder holds item files only: sorting plain names natively is several
    // times faster than sorting entries with a comparator.
    let plain = true;
    for (let i = 0; i < entries.length && plain; i++) {
      const entry = entries[i] as fs.Dirent;
      plain = entry.isFile() && entry.name.endsWith(suffix) && !entry.name.startsWith(".");
    }
    if (plain) {
      names = entries.map((entry) => entry.name).sort();
      entries = [];
    } else entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      // Hidden files (.DS_Store, editors' temporaries, our own partial writes) are not items.
      if (name.startsWith(".")) continue;
      const path = task.path + sep + name;
      let isFile = entry.isFile();
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        // What a link points to can change without its folder changing.
        clean = false;
        try {
          const target = fs.statSync(path);
          isFile = target.isFile();
          isDirectory = target.isDirectory();
        } catch {
          this.scan.problems.push({ path, reason: "A link that points nowhere; skipped." });
          continue;
        }
      }
      const named = name.endsWith(suffix);
      if (isDirectory && !named && task.depth < 3) {
        // Vault folders sit in the root (opbookmarks may nest them one level deeper, per account).
        subdirs.push(name);
      } else if (isFile && named) {
        names.push(name);
      } else {
        clean = false;
        this.scan.problems.push({
          path,
          reason: isDirectory
            ? named
              ? "A folder named like an item file; only files hold items."
              : "A folder nested deeper than vault folders go; not read."
            : `Not a 1Password item file (their names end in ${suffix}); skipped.`,
        });
      }
    }
    return { names, subdirs, clean };
  }

  /** Records a listed folder for the next cache and makes its files a job. */
  private takeFolder(task: DirTask, cachedDir: CachedDir | undefined, sorted: SortedEntries): void {
    const { names, subdirs, clean } = sorted;
    const mtime = task.mtime as number;
    if (
      this.caching &&
      (cachedDir === undefined ||
        cachedDir.mtime !== mtime ||
        // A folder cached as not clean may list clean now: it holds files the cache left out.
        (cachedDir.clean && !clean) ||
        cachedDir.subdirs.join("/") !== subdirs.join("/"))
    ) {
      this.scan.listingChanged = true;
    }
    const record = this.scan.dir(task.rel, mtime, clean, subdirs);
    const known =
      cachedDir === undefined || this.cache === null ? null : this.cache.knownFor(cachedDir, names);
    this.board.add(record, task.path, names, known);
  }

  /** A folder that could not be listed: the root's failure is thrown, a vault's reported. */
  private failed(task: DirTask, error: unknown): "failed" {
    if (task.handle !== undefined) this.closeDir(task.handle);
    if (task.depth === 0) throw error;
    this.scan.problems.push({
      path: task.path,
      reason: `The folder could not be read: ${this.describeError(error)}.`,
    });
    this.scan.listingChanged = true;
    return "failed";
  }

  private closeDir(handle: fs.Dir): void {
    this.openDirs.delete(handle);
    try {
      handle.closeSync();
    } catch {
      // Already closed or gone: nothing is left to release.
    }
  }
}
