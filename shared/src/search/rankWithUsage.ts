// Orders search hits with what the user opened or copied: favourites first on an empty query, and while
// typing a frequently and recently used item wins among equally good matches, never over a better one.
import type { ItemSummary } from "../types.js";
import { itemKey } from "./mergeItems.js";
import { normalizeText } from "./normalizeText.js";

/** How often and when (milliseconds since the epoch) an item was last used, by itemKey. */
export type UsageTable = Record<string, { count: number; lastUsed: number }>;

const DAY_MS = 86_400_000;
/** A use counts half after two weeks, a quarter after four: last month's habit fades, today's shows. */
export const USAGE_HALF_LIFE_DAYS = 14;

/** Uses weighted by age: each halves every USAGE_HALF_LIFE_DAYS; 0 for an item never used. */
export function frecencyScore(usage: UsageTable, key: string, now: number): number {
  const entry = usage[key];
  if (!entry) return 0;
  const ageDays = Math.max(0, now - entry.lastUsed) / DAY_MS;
  return entry.count * Math.pow(0.5, ageDays / USAGE_HALF_LIFE_DAYS);
}

/**
 * How well the title matches the query, coarsely: 0 the title starts with it, 1 a title word does,
 * 2 any other match the index found. Usage reorders items only within one tier.
 */
export function titleMatchTier(title: string, query: string): 0 | 1 | 2 {
  const normalizedQuery = normalizeText(query);
  const normalizedTitle = normalizeText(title);
  if (normalizedQuery === "" || normalizedTitle.startsWith(normalizedQuery)) return 0;
  if ((" " + normalizedTitle).includes(" " + normalizedQuery)) return 1;
  return 2;
}

/**
 * Re-orders `hits` (the search index's answer, best first). Empty query: favourites, then everything
 * else, each by frecency then the index's order. Otherwise: by match tier, then frecency, then the
 * index's order, so usage breaks ties and a better match stays above a habit.
 */
export function rankWithUsage(
  hits: readonly ItemSummary[],
  query: string,
  usage: UsageTable,
  now: number,
): ItemSummary[] {
  const browsing = normalizeText(query) === "";
  const keyed = hits.map((item, position) => ({
    item,
    position,
    group: browsing ? (item.favorite ? 0 : 1) : titleMatchTier(String(item.title ?? ""), query),
    frecency: frecencyScore(usage, itemKey(item), now),
  }));
  keyed.sort((a, b) => a.group - b.group || b.frecency - a.frecency || a.position - b.position);
  return keyed.map((k) => k.item);
}
