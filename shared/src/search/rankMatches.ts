// Search, step three: scores the candidate items of a query and keeps the best `limit` in order.
// A result key packs score, title length and rank: score · 1e10 + length · 1e7 + rank (exact
// below 2^53), so one number comparison ranks two items.
import type { SearchData } from "./buildSearchData.js";
import { NO_MATCH, scoreExact, type FuzzyMatch } from "./scoreTokens.js";

const SCORE_UNIT = 1e10;
const LENGTH_UNIT = 1e7;
const WHOLE_TITLE_UNIT = 100_000;
// Up to this limit results go into a small sorted array; above it, all matches are sorted once.
const BOUNDED_LIMIT = 64;

/** A query split into tokens, with what each needs for scoring. */
export interface PreparedQuery {
  tokens: string[];
  /** The tokens joined: the whole query as normalized. */
  whole: string;
  /** Per token: its typo matches when it occurs nowhere verbatim, else undefined. */
  fuzzy: (FuzzyMatch | undefined)[];
  spaced: string[];
  otherTiers: (Int16Array | undefined)[];
  tokenMasks: number[];
  /** Letters every exactly matched token needs. */
  mask: number;
}

/** Which ranks to score: list[from..to) when a list is given, else the ranks from..to. */
export interface Candidates {
  list: ArrayLike<number> | undefined;
  from: number;
  to: number;
  /** Every match is among them (so they can narrow the next keystroke). */
  complete: boolean;
}

/** The rank keys of the best `limit` matches, best first, and every match when `complete`. */
export function rankMatches(
  data: SearchData,
  query: PreparedQuery,
  candidates: Candidates,
  limit: number,
): { keys: number[]; matched: number[] } {
  const { masks, titles, titleLengths } = data;
  const { tokens, whole, fuzzy, spaced, otherTiers, tokenMasks, mask } = query;
  const { list, from, to, complete } = candidates;
  const matched: number[] = [];
  const bounded = limit <= BOUNDED_LIMIT;
  const keys: number[] = [];
  for (let c = from; c < to; c++) {
    const rank = list ? (list[c] as number) : c;
    if (((masks[rank] as number) & mask) !== mask) continue;
    let points = 0;
    for (let t = 0; t < tokens.length; t++) {
      const f = fuzzy[t];
      const p = f
        ? (f.points.get(rank) ?? NO_MATCH)
        : scoreExact(
            data,
            tokens[t] as string,
            tokenMasks[t] as number,
            spaced[t] as string,
            otherTiers[t] as Int16Array,
            rank,
          );
      if (p === NO_MATCH) {
        points = NO_MATCH;
        break;
      }
      points += p;
    }
    if (points === NO_MATCH) continue;
    if (complete) matched.push(rank);
    const title = titles[rank] as string;
    // The whole query as the title, or as its start, beats any sum of token tiers.
    const wholeTitle = title === whole ? 0 : title.startsWith(whole) ? 1 : 2;
    const key =
      (wholeTitle * WHOLE_TITLE_UNIT + points) * SCORE_UNIT +
      (titleLengths[rank] as number) * LENGTH_UNIT +
      rank;
    if (bounded) insertBounded(keys, key, limit);
    else keys.push(key);
  }
  if (!bounded) {
    keys.sort((a, b) => a - b);
    if (keys.length > limit) keys.length = limit;
  }
  return { keys, matched };
}

/** The item a result key stands for. */
export function rankOfKey(key: number): number {
  return key % LENGTH_UNIT;
}

/** Keeps `keys` the `limit` smallest keys seen, ascending. */
function insertBounded(keys: number[], key: number, limit: number): void {
  if (keys.length === limit && key >= (keys[limit - 1] as number)) return;
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((keys[mid] as number) < key) low = mid + 1;
    else high = mid;
  }
  keys.splice(low, 0, key);
  if (keys.length > limit) keys.pop();
}
