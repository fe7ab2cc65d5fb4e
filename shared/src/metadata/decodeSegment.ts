// The stale-first answer: every item as the index cache last saw it, before any file is checked.
// Each cache segment is decoded once, into the stale answer and for the check that follows (which
// so hands back the same item objects for unchanged files). The answer is given only once every
// segment has been read and checked: a corrupt, foreign or other-version cache is never served.
import type { ItemSummary } from "../types.js";
import type { AssemblyFiles } from "./assembleItems.js";
import type { CachedSegment } from "./indexCacheFormat.js";
import { decodeMetadataIgnored, decodeMetadataRow, describeIgnored } from "./readMetadataFile.js";

/** Decodes a segment's entries into items (path set) and reasons, for the answer and the check. */
export function decodeSegment(segment: CachedSegment, prefix: string, strings: string[]): AssemblyFiles {
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
