// Launcher search over item summaries: exact, prefix and substring matches first from precomputed
// normalized text, with fuse.js finding typo'd words in the index's vocabulary only when needed.
// Three steps, one module each: buildSearchData (once), scoreTokens (per token and item),
// rankMatches (per query). This file picks the candidates each keystroke scores.
import type { ItemSummary } from "../types.js";
import { buildSearchData, type SearchData } from "./buildSearchData.js";
import { normalizeText } from "./normalizeText.js";
import { rankMatches, rankOfKey, type Candidates, type PreparedQuery } from "./rankMatches.js";
import { findTitleRun, TokenMatcher } from "./scoreTokens.js";
import { maskOf } from "./searchText.js";

export interface SearchOptions {
  /** At most this many results; all matches when absent. */
  limit?: number;
}

export interface SearchIndex {
  /** Best matches first; an empty query answers every item, favourites first, then by title. */
  search(query: string, options?: SearchOptions): ItemSummary[];
  readonly size: number;
}

// Very long input (a pasted paragraph) is cut rather than searched in full.
const MAX_QUERY_CHARS = 200;
const MAX_TOKENS = 8;

/** Builds the index once; each keystroke then scans compact precomputed strings. */
export function createSearchIndex(items: readonly ItemSummary[]): SearchIndex {
  const data = buildSearchData(items);
  const matcher = new TokenMatcher(data);
  // The launcher case: each keystroke extends an earlier query, whose matches are then a superset.
  let previous: { query: string; matches: Int32Array } | undefined;
  let last: { query: string; limit: number; results: ItemSummary[] } | undefined;

  const search = (query: string, options: SearchOptions = {}): ItemSummary[] => {
    const { count } = data;
    const requested = options.limit;
    const limit =
      requested === undefined || !Number.isFinite(requested) ? count : Math.max(0, Math.floor(requested));
    if (limit === 0 || count === 0) return [];
    const normalized = normalizeText(String(query ?? "").slice(0, MAX_QUERY_CHARS));
    if (normalized === "") return data.browseOrder.slice(0, limit);
    const tokens = normalized.split(" ").slice(0, MAX_TOKENS);
    const whole = tokens.join(" ");
    // A trailing space or different punctuation leaves the query the same.
    if (last && last.query === whole && last.limit === limit) return last.results.slice();

    const prepared = prepareQuery(matcher, tokens, whole);
    const allExact = prepared.fuzzy.every((f) => f === undefined);
    const candidates = chooseCandidates(data, prepared, allExact, limit, previous);
    const { keys, matched } = rankMatches(data, prepared, candidates, limit);
    // A run of title matches is not every match, so it cannot narrow the next keystroke.
    if (allExact && candidates.complete) previous = { query: whole, matches: Int32Array.from(matched) };
    const results = keys.map((key) => data.ordered[rankOfKey(key)] as ItemSummary);
    last = { query: whole, limit, results };
    return results.slice();
  };

  return {
    search,
    get size() {
      return data.count;
    },
  };
}

/** A token found verbatim somewhere is matched exactly; otherwise fuse.js looks for typos. */
function prepareQuery(matcher: TokenMatcher, tokens: string[], whole: string): PreparedQuery {
  const fuzzy = tokens.map((token) => (matcher.isAnywhere(token) ? undefined : matcher.fuzzy(token)));
  const tokenMasks = tokens.map((token) => maskOf(token));
  return {
    tokens,
    whole,
    fuzzy,
    spaced: tokens.map((token) => " " + token),
    otherTiers: tokens.map((token, t) => (fuzzy[t] ? undefined : matcher.otherTiers(token))),
    tokenMasks,
    mask: tokenMasks.reduce((m, tokenMask, t) => (fuzzy[t] ? m : m | tokenMask), 0),
  };
}

/**
 * Which ranks to score: the items whose title starts with the whole query when they alone fill
 * the limit (they outrank every other item); else the matches of an earlier query this one
 * extends; else the smallest typo match set; else every item.
 */
function chooseCandidates(
  data: SearchData,
  query: PreparedQuery,
  allExact: boolean,
  limit: number,
  previous: { query: string; matches: Int32Array } | undefined,
): Candidates {
  let list: ArrayLike<number> | undefined;
  if (allExact) {
    const [runFrom, runTo] = findTitleRun(data, query.whole);
    if (runTo - runFrom >= limit) return { list: undefined, from: runFrom, to: runTo, complete: false };
    if (previous && query.whole.startsWith(previous.query)) list = previous.matches;
  } else {
    for (const f of query.fuzzy) {
      if (f && (!list || f.ranks.length < list.length)) list = f.ranks;
    }
  }
  return list
    ? { list, from: 0, to: list.length, complete: true }
    : { list, from: 0, to: data.count, complete: true };
}
