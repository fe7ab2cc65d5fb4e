// What a load saw of the folder tree, for the next index cache: each folder once (in the order
// they were reached), whether any listing differs from the cache's, and the listing's problems.
import type { ScannedDir } from "./indexCacheFormat.js";
import type { MetadataProblem } from "./types.js";

export class ScanRecord {
  readonly dirs: ScannedDir[] = [];
  /** Files and folders that are not items, folders that could not be read. */
  readonly problems: MetadataProblem[] = [];
  /** A folder's listing differs from the cache's (or one could not be read). */
  listingChanged = false;
  private readonly byRel = new Map<string, ScannedDir>();

  /** A folder's record for the next cache, made once. */
  dir(rel: string, mtime: number, clean: boolean, subdirs: string[]): ScannedDir {
    let record = this.byRel.get(rel);
    if (record === undefined) {
      record = { rel, mtime, clean, subdirs, parts: [] };
      this.byRel.set(rel, record);
      this.dirs.push(record);
    }
    return record;
  }
}
