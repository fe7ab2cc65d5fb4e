// Stale-first loading: with an index cache for this folder, the first answer is the cache's, at
// once and before any file is checked; the check of every file then runs and its answer
// reaches the caller through onUpdate with what changed (the update path watchMetadata uses).
// Without a usable cache (none, another folder's, another version's, corrupt) it is a plain load.
import { stat } from "node:fs/promises";
import { diffMetadataInSlices } from "./diffMetadata.js";
import {
  loadMetadataWithDetails,
  loadWithStaleAnswer,
  resolveCacheFile,
  type MetadataLoadDetails,
} from "./loadMetadata.js";
import { defaultMetadataRoot } from "./paths.js";
import type { LoadMetadataOptions, LoadMetadataResult, MetadataUpdate } from "./types.js";

export interface OpenMetadataOptions extends LoadMetadataOptions {
  /**
   * Called once with the checked answer when it differs from the stale one (items added,
   * removed or edited, a vault gone, problems); not called when the cache was right.
   */
  onUpdate?: (update: MetadataUpdate) => void;
  /** The check failed (the folder is gone, unreadable…); the stale answer was all there is. */
  onError?: (error: Error) => void;
  /** Worker threads for the check, as loadMetadataWithDetails takes them (tests). */
  workers?: number;
}

export interface OpenedMetadata extends LoadMetadataResult {
  /** True when these items come from the cache unchecked: the check is running. */
  stale: boolean;
  /**
   * The checked answer with its stats: the same as this one when not stale. Rejects as
   * loadMetadata does (also reported to onError); nothing is left unhandled if unused.
   */
  checked: Promise<MetadataLoadDetails>;
}

/**
 * Items of root, from the cache first when it has a usable one (see the file comment). Rejects
 * like loadMetadata when there is no cache to answer from and the load fails.
 */
export async function openMetadata(
  root: string = defaultMetadataRoot(),
  options: OpenMetadataOptions = {},
): Promise<OpenedMetadata> {
  const { signal } = options;
  signal?.throwIfAborted();
  // A folder that is gone is said so at once, never answered from its old cache.
  const present = await stat(root).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!present || resolveCacheFile(options.cacheFile) === null) return plainLoad(root, options);
  // One load: it answers the cache's items once every segment is read (the worker checks files
  // meanwhile), then goes on checking every file.
  let answerStale!: (answer: LoadMetadataResult | undefined) => void;
  const staleAnswer = new Promise<LoadMetadataResult | undefined>((resolve) => (answerStale = resolve));
  const loaded = loadWithStaleAnswer(root, options, answerStale);
  // Settled without a stale answer: there was no usable cache, the checked answer is the first.
  loaded.then(
    () => answerStale(undefined),
    () => answerStale(undefined),
  );
  const stale = await staleAnswer;
  if (stale === undefined) {
    const details = await loaded;
    return { items: details.items, problems: details.problems, stale: false, checked: loaded };
  }
  const { onUpdate, onError } = options;
  // Settles once onUpdate has had the changes: a caller awaiting it sees them delivered.
  const checked = loaded.then(
    async (details) => {
      if (signal?.aborted || onUpdate === undefined) return details;
      const changes = await diffMetadataInSlices(stale, details, signal);
      if (changes.any) onUpdate({ items: details.items, problems: details.problems, changes });
      return details;
    },
    (error: unknown) => {
      if (!signal?.aborted) onError?.(error instanceof Error ? error : new Error(String(error)));
      throw error;
    },
  );
  checked.catch(() => {
    // Reported to onError above; nothing is left unhandled when the caller does not await it.
  });
  return { ...stale, stale: true, checked };
}

async function plainLoad(root: string, options: OpenMetadataOptions): Promise<OpenedMetadata> {
  const details = await loadMetadataWithDetails(root, options);
  return {
    items: details.items,
    problems: details.problems,
    stale: false,
    checked: Promise.resolve(details),
  };
}
