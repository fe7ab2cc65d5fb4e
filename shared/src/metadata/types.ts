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
}
