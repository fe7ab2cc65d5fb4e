// The first rows of an empty query without an index: the same items in the same order as the index's browse
// order blended with usage, cut to the page, for any mix of favourites, used items and look-alike titles.
import { describe, expect, it } from "vitest";
import {
  browseTop,
  createSearchIndex,
  itemKey,
  rankWithUsage,
  type ItemSummary,
  type UsageTable,
} from "@op-bridge/shared";

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;

/** A seeded list with repeated, accented and differently cased titles, some favourites, some used. */
function scripted(count: number, seed: number): { items: ItemSummary[]; usage: UsageTable } {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const words = ["GitHub", "github", "Bank", "Café", "cafe", "Zoom", "  Mail", "Ärzte", "VPN", ""];
  const items: ItemSummary[] = [];
  const usage: UsageTable = {};
  for (let i = 0; i < count; i++) {
    const item: ItemSummary = {
      id: `item${String(i).padStart(22, "0")}`,
      vaultId: `vault${i % 3}`,
      vaultName: "Vault",
      title: `${words[Math.floor(next() * words.length)]} ${next() < 0.5 ? "" : Math.floor(next() * 20)}`,
      categoryId: "001",
      category: "Login",
      urls: [],
      source: "metadata",
      ...(next() < 0.1 ? { favorite: true } : {}),
    };
    if (next() < 0.15)
      usage[itemKey(item)] = { count: 1 + Math.floor(next() * 5), lastUsed: NOW - next() * 60 * DAY };
    items.push(item);
  }
  return { items, usage };
}

const keys = (items: ItemSummary[]) => items.map(itemKey);

describe("browseTop", () => {
  it.each([
    [500, 1, 50],
    [2_000, 2, 200],
    [150, 3, 200],
  ])(
    "%i items (seed %i): the first %i rows equal the index's browse order with usage",
    (count, seed, limit) => {
      const { items, usage } = scripted(count, seed);
      const expected = rankWithUsage(createSearchIndex(items).search(""), "", usage, NOW).slice(0, limit);
      expect(keys(browseTop(items, usage, limit, NOW))).toEqual(keys(expected));
      // Without usage, favourites then titles.
      const plain = createSearchIndex(items).search("").slice(0, limit);
      expect(keys(browseTop(items, {}, limit, NOW))).toEqual(keys(plain));
    },
  );

  it("answers nothing for a page of 0 and every item for a page larger than the list", () => {
    const { items, usage } = scripted(30, 4);
    expect(browseTop(items, usage, 0, NOW)).toEqual([]);
    expect(browseTop(items, usage, 100, NOW)).toHaveLength(30);
  });
});
