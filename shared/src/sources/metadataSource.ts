// The 1Password 7 metadata folder (or opbookmarks' copy for 1Password 8) as a source: read once or watched.
import { stat } from "node:fs/promises";
// The metadata folder's public API only: its insides are being split into steps.
import {
  defaultMetadataRoot,
  loadMetadata,
  MetadataRootMissingError,
  watchMetadata,
} from "../metadata/index.js";
import { strings } from "../strings.js";
import type { Source } from "./types.js";

export interface MetadataSourceOptions {
  /** The folder; default defaultMetadataRoot(). */
  root?: string;
  /** The index cache file (the host's support folder); false reads every file. */
  cacheFile?: string | false;
  /** Shown beside items and in problems; default "1Password 7 metadata". */
  label?: string;
  id?: string;
}

export function createMetadataSource(options: MetadataSourceOptions = {}): Source & { root: string } {
  const root = options.root?.trim() || defaultMetadataRoot();
  const cacheFile = options.cacheFile;
  return {
    id: options.id ?? "metadata",
    kind: "metadata",
    label: options.label ?? strings.metadataLabel,
    root,
    async load(signal) {
      await requireFolder(root);
      const { items, problems } = await loadMetadata(root, {
        signal,
        ...(cacheFile !== undefined ? { cacheFile } : {}),
      });
      return { items, fileProblems: problems };
    },
    watch(listener) {
      let watch: { close(): void } | undefined;
      let closed = false;
      requireFolder(root).then(
        () => {
          if (closed) return;
          // One read: the watch loads the folder first, then reads only what changes. With a cache, its
          // rows come first (stale) and the checked answer follows through the same callback.
          watch = watchMetadata(
            root,
            (result) =>
              listener.onResult({
                items: result.items,
                fileProblems: result.problems,
                // The first folders' items only: the folder is still loading.
                ...(result.partial ? { stale: true } : {}),
              }),
            {
              ...(cacheFile !== undefined ? { cacheFile } : {}),
              staleFirst: Boolean(cacheFile),
              onError: (error) => listener.onError(error),
            },
          );
        },
        (error: unknown) => {
          if (!closed) listener.onError(error);
        },
      );
      return {
        close() {
          closed = true;
          watch?.close();
        },
      };
    },
  };
}

/** A folder that is not there (or is a file) is the missing-folder error, with how to turn it on. */
async function requireFolder(root: string): Promise<void> {
  const info = await stat(root).catch((error: unknown) => {
    throw new MetadataRootMissingError(root, { cause: error });
  });
  if (!info.isDirectory()) throw new MetadataRootMissingError(root);
}
