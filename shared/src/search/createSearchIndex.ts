// Launcher search over item summaries: exact, prefix and substring matches first from precomputed
// normalized text, with fuse.js finding typo'd words in the index's vocabulary only when needed.
import Fuse from "fuse.js";
import type { ItemSummary } from "../types.js";
import { itemKey } from "./mergeItems.js";
import { extractHost, normalizeText } from "./normalizeText.js";

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
// Typos are looked for only in tokens this long; shorter ones would match nearly anything.
const MIN_FUZZY_TOKEN = 3;
// fuse.js scores errors / pattern length here: 0.34 allows one typo in 3–5 letters, two in 6+.
const FUZZY_THRESHOLD = 0.34;
// Up to this limit results go into a small sorted array; above it, all matches are sorted once.
const BOUNDED_LIMIT = 64;

// Per-token match tiers, best first, 100 points each (fuzzy tiers add fuse's score, 0–34).
const TITLE_START = 0;
const TITLE_WORD = 100;
const TITLE_INITIALS = 200;
const OTHER_WORD = 300;
const TITLE_INSIDE = 400;
const OTHER_INSIDE = 500;
const FUZZY_TITLE = 600;
const FUZZY_OTHER = 700;
const NO_MATCH = -1;

// A result key packs score, title length and rank: score · 1e10 + length · 1e7 + rank (exact below 2^53).
const SCORE_UNIT = 1e10;
const LENGTH_UNIT = 1e7;
const WHOLE_TITLE_UNIT = 100_000;

/** The items a mistyped token finds: rank → points, and the ranks in order. */
interface FuzzyMatch {
  points: Map<number, number>;
  ranks: Int32Array;
}

/** Builds the index once; each keystroke then scans compact precomputed strings. */
export function createSearchIndex(items: readonly ItemSummary[]): SearchIndex {
  const count = items.length;
  // Items in title order (then key): rank breaks every tie the same way on every run, and the
  // items whose title starts with a prefix form one run of ranks.
  const prepared = items.map((item) => ({
    item,
    title: normalizeText(String(item.title ?? "")),
    key: itemKey(item),
  }));
  prepared.sort(
    (a, b) => compare(a.title, b.title) || compare(a.item.title, b.item.title) || compare(a.key, b.key),
  );
  const ordered = prepared.map((p) => p.item);

  const titles: string[] = new Array(count);
  const titleWords: string[] = new Array(count); // " " + title: " " + token finds a word start
  const compactTitles: string[] = new Array(count); // "wifi" finds "wi fi"
  const initials: string[] = new Array(count); // "boa" finds "bank of america"
  const titleLengths = new Uint16Array(count);
  // Which letters and digits an item has anywhere: one AND rules most items out before any string work.
  const masks = new Int32Array(count);
  const titleMasks = new Int32Array(count);
  // Vault, account, category, URL hosts and tags repeat across items: each distinct text once.
  const otherIds = new Int32Array(count);
  const otherTexts: string[] = []; // " " + normalized text, per distinct other-text
  const otherMasks: number[] = [];
  const ranksByOther: number[][] = [];
  const otherIdByRaw = new Map<string, number>();
  // Word → the ranks whose title has it, and the other-texts that have it.
  const vocabulary = new Map<string, { title: number[]; other: number[] }>();
  const pieces = new Set<string>();

  const addWord = (word: string, id: number, where: "title" | "other") => {
    pieces.add(word);
    if (word.length < MIN_FUZZY_TOKEN || isDigits(word)) return;
    let entry = vocabulary.get(word);
    if (!entry) vocabulary.set(word, (entry = { title: [], other: [] }));
    const list = entry[where];
    if (list[list.length - 1] !== id) list.push(id);
  };

  for (let rank = 0; rank < count; rank++) {
    const { item, title } = prepared[rank] as (typeof prepared)[number];
    const hosts = (Array.isArray(item.urls) ? item.urls : [])
      .map((url) => (typeof url === "string" ? extractHost(url) : undefined))
      .filter((host): host is string => !!host);
    const raw = [
      item.vaultName,
      item.accountName,
      item.category,
      item.categoryPlural,
      ...hosts,
      ...(Array.isArray(item.tags) ? item.tags : []),
    ]
      .filter((part) => typeof part === "string" && part.length > 0)
      .join(" ");
    let otherId = otherIdByRaw.get(raw);
    if (otherId === undefined) {
      const other = normalizeText(raw);
      otherId = otherTexts.push(" " + other) - 1;
      otherMasks.push(maskOf(other));
      ranksByOther.push([]);
      otherIdByRaw.set(raw, otherId);
      for (const word of other.split(" ")) addWord(word, otherId, "other");
    }
    otherIds[rank] = otherId;
    (ranksByOther[otherId] as number[]).push(rank);

    const words = title.split(" ");
    titles[rank] = title;
    titleWords[rank] = " " + title;
    compactTitles[rank] = words.join("");
    initials[rank] = words.length > 1 ? words.map((w) => w[0] ?? "").join("") : "";
    titleLengths[rank] = Math.min(title.length, 999);
    titleMasks[rank] = maskOf(title);
    masks[rank] = (titleMasks[rank] as number) | (otherMasks[otherId] as number);
    for (const word of words) addWord(word, rank, "title");
    pieces.add(compactTitles[rank] as string);
    pieces.add(initials[rank] as string);
  }

  // One string of every distinct word answers "is this token anywhere at all?" in one search.
  const vocabularyText = "\n" + [...pieces].join("\n") + "\n";
  const fuse = new Fuse([...vocabulary.keys()], {
    includeScore: true,
    ignoreLocation: true,
    threshold: FUZZY_THRESHOLD,
    useExtendedSearch: false,
    isCaseSensitive: true, // already lower-cased
    shouldSort: false,
  });

  // Per-token work that later keystrokes repeat ("work" while "work aws" is typed) is kept.
  const anywhereCache = new BoundedCache<boolean>();
  const otherTierCache = new BoundedCache<Int16Array>();
  const fuzzyCache = new BoundedCache<FuzzyMatch>();

  const isAnywhere = (token: string): boolean =>
    anywhereCache.get(token, () => vocabularyText.includes(token));

  // The tier of a token in each distinct other-text: OTHER_WORD, OTHER_INSIDE or NO_MATCH.
  const findOtherTiers = (token: string): Int16Array =>
    otherTierCache.get(token, () => {
      const spaced = " " + token;
      const tiers = new Int16Array(otherTexts.length);
      otherTexts.forEach((text, id) => {
        tiers[id] = text.includes(spaced) ? OTHER_WORD : text.includes(token) ? OTHER_INSIDE : NO_MATCH;
      });
      return tiers;
    });

  // Item rank → best points of the vocabulary words fuse.js finds for a mistyped token.
  const findFuzzy = (token: string): FuzzyMatch =>
    fuzzyCache.get(token, () => {
      const points = new Map<number, number>();
      if (token.length < MIN_FUZZY_TOKEN) return { points, ranks: new Int32Array(0) };
      for (const result of fuse.search(token)) {
        const entry = vocabulary.get(result.item);
        if (!entry) continue;
        const extra = Math.round((result.score ?? 0) * 100);
        const award = (rank: number, value: number) => {
          const best = points.get(rank);
          if (best === undefined || value < best) points.set(rank, value);
        };
        for (const rank of entry.title) award(rank, FUZZY_TITLE + extra);
        for (const otherId of entry.other) {
          for (const rank of ranksByOther[otherId] as number[]) award(rank, FUZZY_OTHER + extra);
        }
      }
      return { points, ranks: Int32Array.from(points.keys()).sort() };
    });

  // Points of an exact token in one item, or NO_MATCH.
  const scoreExact = (
    token: string,
    tokenMask: number,
    spaced: string,
    otherTiers: Int16Array,
    rank: number,
  ): number => {
    // Most items lack some letter of the token in their title: then only the other fields can match.
    if (((titleMasks[rank] as number) & tokenMask) !== tokenMask)
      return otherTiers[otherIds[rank] as number] as number;
    const at = (titles[rank] as string).indexOf(token);
    if (at === 0) return TITLE_START;
    if (at > 0 && (titleWords[rank] as string).includes(spaced)) return TITLE_WORD;
    if (token.length > 1 && (initials[rank] as string).startsWith(token)) return TITLE_INITIALS;
    const other = otherTiers[otherIds[rank] as number] as number;
    if (other === OTHER_WORD) return OTHER_WORD;
    if (at > 0 || (compactTitles[rank] as string).includes(token)) return TITLE_INSIDE;
    return other;
  };

  // Ranks whose title starts with `prefix`: [from, to).
  const findTitleRun = (prefix: string): [number, number] => {
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
  };

  // Empty query: favourites first, then title order.
  const browseOrder = [
    ...ordered.filter((i) => i.favorite === true),
    ...ordered.filter((i) => i.favorite !== true),
  ];

  // The launcher case: each keystroke extends an earlier query, whose matches are then a superset.
  let previous: { query: string; matches: Int32Array } | undefined;
  let last: { query: string; limit: number; results: ItemSummary[] } | undefined;

  const search = (query: string, options: SearchOptions = {}): ItemSummary[] => {
    const requested = options.limit;
    const limit =
      requested === undefined || !Number.isFinite(requested) ? count : Math.max(0, Math.floor(requested));
    if (limit === 0 || count === 0) return [];
    const normalized = normalizeText(String(query ?? "").slice(0, MAX_QUERY_CHARS));
    if (normalized === "") return browseOrder.slice(0, limit);
    const tokens = normalized.split(" ").slice(0, MAX_TOKENS);
    const whole = tokens.join(" ");
    // A trailing space or different punctuation leaves the query the same.
    if (last && last.query === whole && last.limit === limit) return last.results.slice();

    // A token found verbatim somewhere is matched exactly; otherwise fuse.js looks for typos.
    const fuzzy = tokens.map((token) => (isAnywhere(token) ? undefined : findFuzzy(token)));
    const allExact = fuzzy.every((f) => f === undefined);
    const spaced = tokens.map((token) => " " + token);
    const otherTiers = tokens.map((token, t) => (fuzzy[t] ? undefined : findOtherTiers(token)));
    const tokenMasks = tokens.map((token) => maskOf(token));
    const mask = tokenMasks.reduce((m, tokenMask, t) => (fuzzy[t] ? m : m | tokenMask), 0);

    // Which ranks to score: the items whose title starts with the whole query when they alone fill
    // the limit (they outrank every other item); else the matches of an earlier query this one
    // extends; else the smallest typo match set; else every item.
    let list: ArrayLike<number> | undefined;
    let from = 0;
    let to = count;
    let complete = true;
    if (allExact) {
      const [runFrom, runTo] = findTitleRun(whole);
      if (runTo - runFrom >= limit) {
        from = runFrom;
        to = runTo;
        complete = false;
      } else if (previous && whole.startsWith(previous.query)) {
        list = previous.matches;
      }
    } else {
      for (const f of fuzzy) {
        if (f && (!list || f.ranks.length < list.length)) list = f.ranks;
      }
    }
    if (list) {
      from = 0;
      to = list.length;
    }

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
    // A run of title matches is not every match, so it cannot narrow the next keystroke.
    if (allExact && complete) previous = { query: whole, matches: Int32Array.from(matched) };
    const results = keys.map((key) => ordered[key % LENGTH_UNIT] as ItemSummary);
    last = { query: whole, limit, results };
    return results.slice();
  };

  return {
    search,
    get size() {
      return count;
    },
  };
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

/** Bit i for letter a+i (0–25), bit 26+d%5 for digit d, bit 31 for anything else. */
function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) continue;
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else if (code >= 48 && code <= 57) mask |= 1 << (26 + ((code - 48) % 5));
    else mask |= 1 << 31;
  }
  return mask;
}

function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index in sorted[low..high) whose value is not below `value`. */
function lowerBound(sorted: readonly string[], value: string, low: number, high: number): number {
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < value) low = mid + 1;
    else high = mid;
  }
  return low;
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
