// Shapes of what loading the metadata answers.
import type { ItemSummary } from "../types.js";

/** A file that was skipped (or partly ignored), with a reason a person understands. */
export interface MetadataProblem {
  path: string;
  reason: string;
}

/** Every item that could be read, and every file that could not. */
export interface LoadMetadataResult {
  items: ItemSummary[];
  problems: MetadataProblem[];
}

export interface LoadMetadataOptions {
  signal?: AbortSignal;
  /** The index cache file; defaults to defaultMetadataCacheFile(); false reads every file. */
  cacheFile?: string | false;
  /**
   * Without a usable cache: called once with the items of the first folders read, as soon as there
   * are enough for a first page and other folders are still being read, so a list shows its first
   * rows before the whole folder is read. Not called when the cache answers first.
   */
  onFirstItems?: (items: readonly ItemSummary[]) => void;
}

/** What changed from one answer to the next (see openMetadata and watchMetadata's staleFirst). */
export interface MetadataChanges {
  added: ItemSummary[];
  removed: ItemSummary[];
  /** The new summaries of items whose file now says something else. */
  edited: ItemSummary[];
  /** Vault IDs that had items before and have none now. */
  vaultsGone: string[];
  problemsChanged: boolean;
  /** Anything at all (items or problems). */
  any: boolean;
}

/** An answer that replaces the previous one, with what changed. */
export interface MetadataUpdate extends LoadMetadataResult {
  changes: MetadataChanges;
}
