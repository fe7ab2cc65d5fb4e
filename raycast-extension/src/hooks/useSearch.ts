// Searches the shared index as the user types: throttled, filtered by the dropdown, capped for huge lists.
import { useEffect, useMemo, useState } from "react";
import { createSearchIndex, rankWithUsage } from "@op-bridge/shared";
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

export function useSearch(items: ItemSummary[], searchText: string, filter: string, frecency: FrecencyTable) {
  const index = useMemo(() => createSearchIndex(items), [items]);
  const [query, setQuery] = useState(searchText);
  useEffect(() => {
    // Keystrokes in quick succession cost one search: only the last text is searched.
    const timer = setTimeout(() => setQuery(searchText), THROTTLE_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  return useMemo(() => {
    const filtering = filter !== "all";
    // An empty query needs every item so frecent ones can come first; a query only the top hits.
    const hits =
      filtering || query.trim() === ""
        ? index.search(query.trim())
        : index.search(query.trim(), { limit: RESULT_LIMIT });
    const filtered = filtering ? hits.filter((item) => matchesFilter(item, filter)) : hits;
    // Favourites first when browsing; while typing, usage breaks ties between equally good matches.
    const ordered = rankWithUsage(filtered, query, frecency, Date.now());
    return { results: ordered.slice(0, RESULT_LIMIT), total: ordered.length, query };
  }, [index, query, filter, frecency]);
}
