// Search, step one: the index's data, built once. Items in title order, compact normalized
// strings and letter masks per item, each distinct vault/account/category/host text once, and
// the vocabulary of words that fuse.js searches for typos.
import Fuse from "fuse.js";
import type { ItemSummary } from "../types.js";
import { itemKey } from "./mergeItems.js";
import { extractHost, normalizeText } from "./normalizeText.js";
import { compare, isDigits, maskOf } from "./searchText.js";

// Typos are looked for only in tokens this long; shorter ones would match nearly anything.
export const MIN_FUZZY_TOKEN = 3;
// fuse.js scores errors / pattern length here: 0.34 allows one typo in 3–5 letters, two in 6+.
const FUZZY_THRESHOLD = 0.34;

/** A word of the vocabulary: the ranks whose title has it, and the other-texts that have it. */
export interface VocabularyEntry {
  title: number[];
  other: number[];
}

/** Everything a keystroke reads, per item by rank (its place in title order). */
export interface SearchData {
  count: number;
  /** Items by rank. */
  ordered: ItemSummary[];
  titles: string[];
  /** " " + title: " " + token finds a word start. */
  titleWords: string[];
  /** "wifi" finds "wi fi". */
  compactTitles: string[];
  /** "boa" finds "bank of america". */
  initials: string[];
  titleLengths: Uint16Array;
  /** Which letters and digits an item has anywhere: one AND rules most items out before any string work. */
  masks: Int32Array;
  titleMasks: Int32Array;
  /** Per rank, its other-text (vault, account, category, URL hosts, tags). */
  otherIds: Int32Array;
  /** " " + normalized text, per distinct other-text. */
  otherTexts: string[];
  ranksByOther: number[][];
  vocabulary: Map<string, VocabularyEntry>;
  /** One string of every distinct word answers "is this token anywhere at all?" in one search. */
  vocabularyText: string;
  fuse: Fuse<string>;
  /** Empty query: favourites first, then title order. */
  browseOrder: ItemSummary[];
}

/** The other fields of an item as one raw text: vault, account, category, URL hosts, tags. */
function otherText(item: ItemSummary): string {
  const hosts = (Array.isArray(item.urls) ? item.urls : [])
    .map((url) => (typeof url === "string" ? extractHost(url) : undefined))
    .filter((host): host is string => !!host);
  return [
    item.vaultName,
    item.accountName,
    item.category,
    item.categoryPlural,
    ...hosts,
    ...(Array.isArray(item.tags) ? item.tags : []),
  ]
    .filter((part) => typeof part === "string" && part.length > 0)
    .join(" ");
}

/** Builds the index's data from items (any order; ties are broken the same way every run). */
export function buildSearchData(items: readonly ItemSummary[]): SearchData {
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
  const titleWords: string[] = new Array(count);
  const compactTitles: string[] = new Array(count);
  const initials: string[] = new Array(count);
  const titleLengths = new Uint16Array(count);
  const masks = new Int32Array(count);
  const titleMasks = new Int32Array(count);
  // Vault, account, category, URL hosts and tags repeat across items: each distinct text once.
  const otherIds = new Int32Array(count);
  const otherTexts: string[] = [];
  const otherMasks: number[] = [];
  const ranksByOther: number[][] = [];
  const otherIdByRaw = new Map<string, number>();
  const vocabulary = new Map<string, VocabularyEntry>();
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
    const raw = otherText(item);
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

  const fuse = new Fuse([...vocabulary.keys()], {
    includeScore: true,
    ignoreLocation: true,
    threshold: FUZZY_THRESHOLD,
    useExtendedSearch: false,
    isCaseSensitive: true, // already lower-cased
    shouldSort: false,
  });
  return {
    count,
    ordered,
    titles,
    titleWords,
    compactTitles,
    initials,
    titleLengths,
    masks,
    titleMasks,
    otherIds,
    otherTexts,
    ranksByOther,
    vocabulary,
    vocabularyText: "\n" + [...pieces].join("\n") + "\n",
    fuse,
    browseOrder: [
      ...ordered.filter((i) => i.favorite === true),
      ...ordered.filter((i) => i.favorite !== true),
    ],
  };
}
