// Reconciles the index cache with the folder as it is now. A folder whose time (and every
// parent's) is as cached keeps its cached listing: its files become jobs straight from the
// cache's segments, each still checked by size and time. A changed folder is listed again,
// and what the cache knew of its files is kept by name until then.
import * as fs from "node:fs";
import { sep } from "node:path";
import type { ItemSummary } from "../types.js";
import type { ItemAssembler } from "./assembleItems.js";
import { decodeSegment } from "./decodeSegment.js";
import type { JobBoard, KnownFiles } from "./fileJobs.js";
import type { CachedDir, CachedSegment, MetadataIndex } from "./indexCacheFormat.js";
import { folderPath } from "./paths.js";
import { decodeMetadataIgnored, decodeMetadataRow } from "./readMetadataFile.js";
import type { ScanRecord } from "./scanRecord.js";

/** What the cache knows of a changed folder's files, by name. */
interface CachedFile {
  size: number;
  mtime: number;
  value: ItemSummary | string;
  ignored: string[] | undefined;
}

export class CacheReconciler {
  /** Every segment has been taken. */
  done = false;
  /** A cached folder had changed (its files wait for the listing): the cache is not the whole answer. */
  changedFolders = false;
  /** Folders' current times where checked: the time if unchanged, else a negative mark. */
  private readonly checked = new Map<CachedDir, number>();
  /** Cached files of changed folders, kept by name until the folder is listed. */
  private readonly stashed = new Map<CachedDir, Map<string, CachedFile>>();

  constructor(
    private readonly root: string,
    readonly index: MetadataIndex,
    private readonly board: JobBoard,
    private readonly scan: ScanRecord,
    /** Builds the stale-first answer from every segment as it is taken (see decodeSegment). */
    readonly staleAnswer: ItemAssembler | null = null,
  ) {}

  /**
   * Trusted only if changed before the scan that cached it began: a change in the same
   * instant could otherwise keep its size and time (as git's index does).
   */
  trusted(mtime: number): boolean {
    return mtime + (mtime % 1000 === 0 ? 1000 : 0) < this.index.startedAt;
  }

  /** Cached folders the load never listed (gone, or under a folder that is). */
  get foldersLeft(): number {
    return this.stashed.size;
  }

  /** True while a folder and every parent have their cached times. */
  isUnchanged(dir: CachedDir): boolean {
    return this.dirMtime(dir) === dir.mtime;
  }

  /** Takes the cache's next segment (its files a job at once if its folder is unchanged). */
  takeNextSegment(): void {
    const segment = this.index.next();
    if (segment === null) this.done = true;
    else this.takeSegment(segment);
  }

  /** What the cache knew of a changed folder's files, by their listed names (null: nothing). */
  knownFor(dir: CachedDir, names: string[]): KnownFiles | null {
    const byName = this.stashed.get(dir);
    // Taken: what is left in stashed at the end are folders that are gone.
    this.stashed.delete(dir);
    if (byName === undefined || names.length === 0) return null;
    const n = names.length;
    const known = new Float64Array(2 * n).fill(NaN);
    const cached: (ItemSummary | string | undefined)[] = new Array(n);
    let cachedIgnored: (string[] | undefined)[] | undefined;
    for (let i = 0; i < n; i++) {
      const file = byName.get(names[i] as string);
      if (file === undefined) continue;
      cached[i] = file.value;
      if (file.ignored) (cachedIgnored ??= [])[i] = file.ignored;
      if (this.trusted(file.mtime)) {
        known[2 * i] = file.size;
        known[2 * i + 1] = file.mtime;
      }
    }
    return { known, cached, cachedIgnored };
  }

  private dirMtime(dir: CachedDir): number {
    let mtime = this.checked.get(dir);
    if (mtime !== undefined) return mtime;
    const cut = dir.rel.lastIndexOf("/");
    const parent = dir.rel === "" ? undefined : this.index.dirs.get(cut === -1 ? "" : dir.rel.slice(0, cut));
    try {
      mtime = fs.statSync(folderPath(this.root, dir.rel)).mtimeMs;
    } catch {
      mtime = NaN;
    }
    const same =
      dir.clean &&
      mtime === dir.mtime &&
      this.trusted(mtime) &&
      (dir.rel === "" || (parent !== undefined && this.dirMtime(parent) === parent.mtime));
    // NaN marks a folder that changed (or vanished): it is listed again.
    const answer = same ? mtime : -mtime - 1;
    this.checked.set(dir, answer);
    return answer;
  }

  /** The cache's item for a file (built now, so the packed row is garbage at once). */
  private decodeEntry(entry: string | unknown[], path: string): ItemSummary | string {
    return typeof entry === "string" ? entry : decodeMetadataRow(entry, 0, this.index.strings, path);
  }

  /** One segment of the cache: a job at once if its folder is unchanged, else kept for the listing. */
  private takeSegment(segment: CachedSegment): void {
    const path = folderPath(this.root, segment.dir.rel);
    const prefix = path + sep;
    if (this.staleAnswer !== null) {
      const files = decodeSegment(segment, prefix, this.index.strings);
      this.staleAnswer.takeFiles(files, 0, files.names.length);
    }
    const { dir, names, sizes, mtimes, entries, decoded } = segment;
    const n = names.length;
    if (this.isUnchanged(dir)) {
      const known = new Float64Array(2 * n).fill(NaN);
      const cached: (ItemSummary | string)[] = new Array(n);
      let cachedIgnored: (string[] | undefined)[] | undefined;
      for (let i = 0; i < n; i++) {
        const m = mtimes[i] as number;
        if (this.trusted(m)) {
          known[2 * i] = sizes[i] as number;
          known[2 * i + 1] = m;
        }
        const entry = entries[i] as string | unknown[];
        cached[i] = decoded?.[i] ?? this.decodeEntry(entry, prefix + names[i]);
        if (typeof entry !== "string") {
          const ignored = decodeMetadataIgnored(entry, 0);
          if (ignored) (cachedIgnored ??= [])[i] = ignored;
        }
      }
      const record = this.scan.dir(dir.rel, dir.mtime, true, dir.subdirs);
      this.board.add(record, path, names, { known, cached, cachedIgnored });
      return;
    }
    this.changedFolders = true;
    let byName = this.stashed.get(dir);
    if (byName === undefined) this.stashed.set(dir, (byName = new Map()));
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as string | unknown[];
      const name = names[i] as string;
      byName.set(name, {
        size: sizes[i] as number,
        mtime: mtimes[i] as number,
        value: decoded?.[i] ?? this.decodeEntry(entry, prefix + name),
        ignored: typeof entry === "string" ? undefined : decodeMetadataIgnored(entry, 0),
      });
    }
  }
}
