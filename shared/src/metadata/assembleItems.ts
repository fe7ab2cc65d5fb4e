// Builds the answer from finished folders, in listing order: an item lives in one file, and a
// second file with the same vault and item IDs is reported instead of listed twice. Taking
// folders in listing order (while workers still read later ones) keeps the first path listed,
// every time. Used by the full load and by the answer straight from the cache.
import type { ItemSummary } from "../types.js";
import type { MetadataProblem } from "./types.js";

/** Files of one folder with what each gave (a load's job, or a cache segment decoded). */
export interface AssemblyFiles {
  /** The folder's path and a separator. */
  prefix: string;
  names: string[];
  items: (ItemSummary | undefined)[];
  reasons: (string | undefined)[] | undefined;
}

export class ItemAssembler {
  readonly items: ItemSummary[] = [];
  private readonly fileProblems: MetadataProblem[] = [];
  private readonly duplicates: MetadataProblem[] = [];
  /** Item IDs taken so far per vault (lower case), each with its path. */
  private readonly seen = new Map<string, Map<string, string>>();
  // Items come in runs of one vault: the last vault's table is kept at hand.
  private lastVault: string | undefined;
  private lastIds = new Map<string, string>();

  /** Takes files start..end of a folder: their problems, and their items unless duplicates. */
  takeFiles(files: AssemblyFiles, start: number, end: number): void {
    const { reasons, items, names, prefix } = files;
    for (let i = start; i < end; i++) {
      if (reasons !== undefined && reasons[i] !== undefined) {
        this.fileProblems.push({ path: prefix + names[i], reason: reasons[i] as string });
      }
      const item = items[i];
      if (item !== undefined) this.take(item);
    }
  }

  /** Takes one item (its path set), unless its vault already has an item of its ID. */
  take(item: ItemSummary): void {
    if (item.vaultId !== this.lastVault) {
      this.lastVault = item.vaultId;
      const key = item.vaultId.toLowerCase();
      const ids = this.seen.get(key);
      if (ids === undefined) this.seen.set(key, (this.lastIds = new Map()));
      else this.lastIds = ids;
    }
    const id = item.id.toLowerCase();
    const other = this.lastIds.get(id);
    if (other === undefined) {
      this.lastIds.set(id, item.path as string);
      this.items.push(item);
    } else {
      this.duplicates.push({
        path: item.path as string,
        reason: `Skipped: item ${item.id} of vault ${item.vaultId} is already read from ${other}.`,
      });
    }
  }

  /** Every problem in the order people read them: the listing's, the files', then duplicates. */
  problems(listing: MetadataProblem[]): MetadataProblem[] {
    const all = listing;
    for (const p of this.fileProblems) all.push(p);
    for (const d of this.duplicates) all.push(d);
    return all;
  }
}
