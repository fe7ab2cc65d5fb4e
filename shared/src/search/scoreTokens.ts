// Search, step two: how well one token matches one item, as a tier (lower is better). Exact
// tokens are scored from the precomputed strings; a token found nowhere verbatim is looked up
// as a typo in the vocabulary with fuse.js. Per-token work that later keystrokes repeat ("work"
// while "work aws" is typed) is kept.
import { MIN_FUZZY_TOKEN, type SearchData } from "./buildSearchData.js";
import { lowerBound } from "./searchText.js";

// Per-token match tiers, best first, 100 points each (fuzzy tiers add fuse's score, 0–34).
export const TITLE_START = 0;
export const TITLE_WORD = 100;
export const TITLE_INITIALS = 200;
export const OTHER_WORD = 300;
export const TITLE_INSIDE = 400;
export const OTHER_INSIDE = 500;
export const FUZZY_TITLE = 600;
export const FUZZY_OTHER = 700;
export const NO_MATCH = -1;

/** The items a mistyped token finds: rank → points, and the ranks in order. */
export interface FuzzyMatch {
  points: Map<number, number>;
  ranks: Int32Array;
}

/** A memo that forgets everything once it grows past a bound (queries are typed, then left). */
class BoundedCache<T> {
  readonly #entries = new Map<string, T>();
  get(key: string, compute: () => T): T {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = compute();
      if (this.#entries.size >= 512) this.#entries.clear();
      this.#entries.set(key, value);
    }
    return value;
  }
}

/** Token-level lookups over one index's data, remembered across keystrokes. */
export class TokenMatcher {
  readonly #anywhere = new BoundedCache<boolean>();
  readonly #otherTiers = new BoundedCache<Int16Array>();
  readonly #fuzzy = new BoundedCache<FuzzyMatch>();

  constructor(private readonly data: SearchData) {}

  /** True when the token occurs verbatim in some title or other-text. */
  isAnywhere(token: string): boolean {
    return this.#anywhere.get(token, () => this.data.vocabularyText.includes(token));
  }

  /** The tier of a token in each distinct other-text: OTHER_WORD, OTHER_INSIDE or NO_MATCH. */
  otherTiers(token: string): Int16Array {
    return this.#otherTiers.get(token, () => {
      const spaced = " " + token;
      const texts = this.data.otherTexts;
      const tiers = new Int16Array(texts.length);
      texts.forEach((text, id) => {
        tiers[id] = text.includes(spaced) ? OTHER_WORD : text.includes(token) ? OTHER_INSIDE : NO_MATCH;
      });
      return tiers;
    });
  }

  /** Item rank → best points of the vocabulary words fuse.js finds for a mistyped token. */
  fuzzy(token: string): FuzzyMatch {
    return this.#fuzzy.get(token, () => {
      const points = new Map<number, number>();
      if (token.length < MIN_FUZZY_TOKEN) return { points, ranks: new Int32Array(0) };
      const { fuse, vocabulary, ranksByOther } = this.data;
      const award = (rank: number, value: number) => {
        const best = points.get(rank);
        if (best === undefined || value < best) points.set(rank, value);
      };
      for (const result of fuse.search(token)) {
        const entry = vocabulary.get(result.item);
        if (!entry) continue;
        const extra = Math.round((result.score ?? 0) * 100);
        for (const rank of entry.title) award(rank, FUZZY_TITLE + extra);
        for (const otherId of entry.other) {
          for (const rank of ranksByOther[otherId] as number[]) award(rank, FUZZY_OTHER + extra);
        }
      }
      return { points, ranks: Int32Array.from(points.keys()).sort() };
    });
  }
}

/** Points of an exact token in the item of this rank, or NO_MATCH. */
export function scoreExact(
  data: SearchData,
  token: string,
  tokenMask: number,
  spaced: string,
  otherTiers: Int16Array,
  rank: number,
): number {
  // Most items lack some letter of the token in their title: then only the other fields can match.
  if (((data.titleMasks[rank] as number) & tokenMask) !== tokenMask)
    return otherTiers[data.otherIds[rank] as number] as number;
  const at = (data.titles[rank] as string).indexOf(token);
  if (at === 0) return TITLE_START;
  if (at > 0 && (data.titleWords[rank] as string).includes(spaced)) return TITLE_WORD;
  if (token.length > 1 && (data.initials[rank] as string).startsWith(token)) return TITLE_INITIALS;
  const other = otherTiers[data.otherIds[rank] as number] as number;
  if (other === OTHER_WORD) return OTHER_WORD;
  if (at > 0 || (data.compactTitles[rank] as string).includes(token)) return TITLE_INSIDE;
  return other;
}

/** Ranks whose title starts with `prefix`: [from, to). */
export function findTitleRun(data: SearchData, prefix: string): [number, number] {
  const { titles, count } = data;
  const from = lowerBound(titles, prefix, 0, count);
  // Gallop, then bisect, to the run's end: cheap for the short runs of long prefixes.
  let end = from;
  let step = 1;
  while (end + step <= count && (titles[end + step - 1] as string).startsWith(prefix)) {
    end += step;
    step *= 2;
  }
  let top = Math.min(count, end + step);
  while (end < top) {
    const mid = (end + top) >>> 1;
    if ((titles[mid] as string).startsWith(prefix)) end = mid + 1;
    else top = mid;
  }
  return [from, end];
}
