// Searches the shared index as the user types: throttled, filtered by the dropdown, capped for huge lists.
import { useEffect, useMemo, useState } from "react";
import { browseTop, createSearchIndex, rankWithUsage, type SearchIndex } from "@op-bridge/shared";
import type { ItemSummary } from "@op-bridge/shared";
import { normalizeCategoryId } from "../api/categoryIcons";
import type { FrecencyTable } from "../api/frecency";

/** Rendering 50k List.Items would exhaust Raycast's memory: show this many and say so. */
export const RESULT_LIMIT = 200;
const THROTTLE_MS = 40;

export function matchesFilter(item: ItemSummary, filter: string): boolean {
  if (filter === "all" || filter === "") return true;
  const [kind, ...rest] = filter.split(":");
  const value = rest.join(":");
  if (kind === "account") return (item.accountName ?? "") === value;
  if (kind === "vault") return item.vaultId === value;
  if (kind === "category") return normalizeCategoryId(item.categoryId) === value;
  return true;
}

/** The index of `items`, built on first use: an empty query (the first rows) never needs it. */
function lazyIndex(items: ItemSummary[]): () => SearchIndex {
  let index: SearchIndex | undefined;
  return () => (index ??= createSearchIndex(items));
}

export function useSearch(items: ItemSummary[], searchText: string, filter: string, frecency: FrecencyTable) {
  const index = useMemo(() => lazyIndex(items), [items]);
  const [query, setQuery] = useState(searchText);
  useEffect(() => {
    // Keystrokes in quick succession cost one search: only the last text is searched.
    const timer = setTimeout(() => setQuery(searchText), THROTTLE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);
  useEffect(() => {
    // Built once the rows are out, so the first keystroke finds it ready.
    const timer = setTimeout(index, 0);
    return () => clearTimeout(timer);
  }, [index]);

  return useMemo(() => {
    const filtered = filter === "all" ? items : items.filter((item) => matchesFilter(item, filter));
    if (query.trim() === "") {
      // Browsing: favourites, then what is used most and lately, then by title; the first page only.
      return {
        results: browseTop(filtered, frecency, RESULT_LIMIT, Date.now()),
        total: filtered.length,
        query,
      };
    }
    const hits =
      filter === "all"
        ? index().search(query.trim(), { limit: RESULT_LIMIT })
        : index()
            .search(query.trim())
            .filter((item) => matchesFilter(item, filter));
    // While typing, usage breaks ties between equally good matches.
    const ordered = rankWithUsage(hits, query, frecency, Date.now());
    return { results: ordered.slice(0, RESULT_LIMIT), total: ordered.length, query };
  }, [items, index, query, filter, frecency]);
}
