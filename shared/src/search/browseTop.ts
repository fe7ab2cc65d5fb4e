// The rows of an empty query without building a search index: favourites first, then by frecency, then by
// title, as the index's browse order and rankWithUsage give them, but only the first `limit` of them, in one
// pass. A list's first rows then wait for its items only, never for an index of every word.
import type { ItemSummary } from "../types.js";
import { itemKey } from "./mergeItems.js";
import { normalizeText } from "./normalizeText.js";
import { frecencyScore, type UsageTable } from "./rankWithUsage.js";
import { compare } from "./searchText.js";

interface Ranked {
  item: ItemSummary;
  group: number;
  frecency: number;
  title: string;
  key: string;
}

const order = (a: Ranked, b: Ranked) =>
  a.group - b.group ||
  b.frecency - a.frecency ||
  compare(a.title, b.title) ||
  compare(a.item.title, b.item.title) ||
  compare(a.key, b.key);

/** The first `limit` items in browse order; every item is looked at once, only `limit` are kept sorted. */
export function browseTop(
  items: readonly ItemSummary[],
  usage: UsageTable,
  limit: number,
  now: number,
): ItemSummary[] {
  if (limit <= 0) return [];
  const kept: Ranked[] = [];
  const used = Object.keys(usage).length > 0;
  for (const item of items) {
    const key = itemKey(item);
    const ranked: Ranked = {
      item,
      group: item.favorite === true ? 0 : 1,
      frecency: used ? frecencyScore(usage, key, now) : 0,
      title: normalizeText(String(item.title ?? "")),
      key,
    };
    if (kept.length === limit && order(ranked, kept[limit - 1] as Ranked) >= 0) continue;
    kept.splice(insertionPoint(kept, ranked), 0, ranked);
    if (kept.length > limit) kept.pop();
  }
  return kept.map((ranked) => ranked.item);
}

function insertionPoint(kept: readonly Ranked[], ranked: Ranked): number {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(kept[middle] as Ranked, ranked) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
