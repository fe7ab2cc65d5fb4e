// The stale-first answer: every item as the index cache last saw it, before any file is checked.
// The whole cache is read and checked first (a corrupt, foreign or other-version cache is never
// served), in slices; the decoded segments are kept for the check that follows, so it decodes
// nothing twice and hands back the same item objects for unchanged files.
import { sep } from "node:path";
import type { ItemSummary } from "../types.js";
import { ItemAssembler } from "./assembleItems.js";
import { MetadataIndexDiscarded, type CachedSegment, type MetadataIndex } from "./indexCacheFormat.js";
import { folderPath, METADATA_FILE_SUFFIX } from "./paths.js";
import { decodeMetadataIgnored, decodeMetadataRow, describeIgnored } from "./readMetadataFile.js";
import { openMetadataIndex } from "./readIndexCache.js";
import { SliceClock } from "./slices.js";
import type { LoadMetadataResult } from "./types.js";

export interface CachedAnswer extends LoadMetadataResult {
  /** The same cache, to be read again by the check: its segments come already decoded. */
  index: MetadataIndex;
  /** Files the cache holds. */
  files: number;
}

/** Decodes a segment's entries into items (path set) and reasons, for the answer and the check. */
export function decodeSegment(segment: CachedSegment, prefix: string, strings: string[]) {
  const { names, entries } = segment;
  const n = names.length;
  const decoded: (ItemSummary | string)[] = new Array(n);
  const items: (ItemSummary | undefined)[] = new Array(n);
  let reasons: (string | undefined)[] | undefined;
  for (let i = 0; i < n; i++) {
    const entry = entries[i] as string | unknown[];
    if (typeof entry === "string") {
      decoded[i] = entry;
      (reasons ??= [])[i] = entry;
      continue;
    }
    const item = decodeMetadataRow(entry, 0, strings, prefix + names[i]);
    decoded[i] = item;
    items[i] = item;
    const ignored = decodeMetadataIgnored(entry, 0);
    if (ignored) (reasons ??= [])[i] = describeIgnored(ignored);
  }
  segment.decoded = decoded;
  return { prefix, names, items, reasons };
}

/** An index that hands out segments already read, once each (then lets go of them). */
function replay(index: MetadataIndex, segments: (CachedSegment | undefined)[]): MetadataIndex {
  let at = 0;
  return {
    startedAt: index.startedAt,
    strings: index.strings,
    dirs: index.dirs,
    files: index.files,
    next() {
      if (at >= segments.length) return null;
      const segment = segments[at] as CachedSegment;
      segments[at++] = undefined;
      return segment;
    },
  };
}

/**
 * Answers root's items from the index cache alone, or says why it cannot (no cache, or one
 * discarded: then nothing of it is served).
 */
export async function answerFromCache(
  root: string,
  cacheFile: string,
  signal?: AbortSignal,
): Promise<{ answer?: CachedAnswer; discard?: string }> {
  const found = await openMetadataIndex(cacheFile, root, METADATA_FILE_SUFFIX, signal);
  if (!found.index) return { discard: found.discard };
  const index = found.index;
  const assembler = new ItemAssembler();
  const segments: CachedSegment[] = [];
  const clock = new SliceClock();
  try {
    for (let segment = index.next(); segment !== null; segment = index.next()) {
      const files = decodeSegment(segment, folderPath(root, segment.dir.rel) + sep, index.strings);
      assembler.takeFiles(files, 0, files.names.length);
      segments.push(segment);
      await clock.pauseIfDue(signal);
    }
  } catch (error) {
    if (error instanceof MetadataIndexDiscarded) return { discard: error.reason };
    throw error;
  }
  return {
    answer: {
      items: assembler.items,
      problems: assembler.problems([]),
      index: replay(index, segments),
      files: index.files,
    },
  };
}
