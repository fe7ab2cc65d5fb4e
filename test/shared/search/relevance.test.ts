// The relevance set at 20,000 generated items: every query finds its item, and fuse.js with its
// default options (computed on the same items) does no better.
import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import { createSearchIndex } from "@op-bridge/shared";
import { generateSearchItems, PLANTED_ITEMS } from "../../fixtures/search/generate.js";
import { hits, RELEVANCE_QUERIES } from "../../fixtures/search/relevance.js";

const items = generateSearchItems(20_000);
const index = createSearchIndex(items);

describe("relevance set", () => {
  it("has 30+ queries of every kind, each aimed at a planted item", () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(RELEVANCE_QUERIES.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(
      ["abbreviation", "diacritics", "exact", "host", "multi-token", "prefix", "punctuation", "typo"].sort(),
    );
    const planted = new Set(PLANTED_ITEMS.map((p) => p.id));
    for (const q of RELEVANCE_QUERIES) expect(planted.has(q.expect), q.expect).toBe(true);
  });

  it("generates the same 20,000 items every time, the targets among look-alikes", () => {
    expect(items).toHaveLength(20_000);
    expect(generateSearchItems(20_000)).toEqual(items);
    expect(items.filter((i) => i.title.startsWith("GitHub")).length).toBeGreaterThan(50);
  });

  it.each(RELEVANCE_QUERIES.map((q) => [q.query, q] as const))("%s", (_, q) => {
    const results = index.search(q.query, { limit: 10 });
    const shown = results.slice(0, 3).map((i) => `${i.title} (${i.vaultName}, ${i.id})`);
    expect(hits(results, q), `top ${q.top} for "${q.query}": ${shown.join("; ")}`).toBe(true);
  });

  it("is at least as good as fuse.js with default options on the same items", () => {
    const fuse = new Fuse(items, { keys: ["title", "vaultName", "accountName", "category", "urls"] });
    let ours = 0;
    let theirs = 0;
    for (const q of RELEVANCE_QUERIES) {
      if (hits(index.search(q.query, { limit: 10 }), q)) ours++;
      if (
        hits(
          fuse.search(q.query, { limit: 10 }).map((r) => r.item),
          q,
        )
      )
        theirs++;
    }
    expect(ours).toBe(RELEVANCE_QUERIES.length);
    expect(ours).toBeGreaterThanOrEqual(theirs);
  }, 120_000);
});

describe("generated vaults", () => {
  it.each([1_000, 50_000])("hold every planted item at %i items", (size) => {
    const generated = generateSearchItems(size);
    expect(generated).toHaveLength(size);
    const ids = new Set(generated.map((i) => i.id));
    for (const planted of PLANTED_ITEMS) expect(ids.has(planted.id), planted.id).toBe(true);
  });
});
