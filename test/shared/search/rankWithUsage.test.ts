// The usage blend, driven by scripted histories: favourites first when browsing, a daily item winning ties
// while typing, an old habit fading, and a better match never pushed below a habit.
import { describe, expect, it } from "vitest";
import {
  createSearchIndex,
  itemKey,
  rankWithUsage,
  type ItemSummary,
  type UsageTable,
} from "@op-bridge/shared";

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

const item = (title: string, extra: Partial<ItemSummary> = {}): ItemSummary => ({
  id: title
    .toUpperCase()
    .replace(/[^A-Z]/g, "")
    .padEnd(26, "X"),
  vaultId: "VAULTVAULTVAULTVAULTVAULT1",
  vaultName: "Personal",
  title,
  categoryId: "001",
  category: "Login",
  urls: [],
  source: "metadata",
  path: `/m/${title}`,
  ...extra,
});

const ITEMS = [
  item("GitHub"),
  item("GitHub Enterprise"),
  item("GitLab"),
  item("Gitea", { favorite: true }),
  item("Bank", { favorite: true }),
  item("My Git Server"),
  item("Zoom"),
];
const byTitle = (title: string) => ITEMS.find((i) => i.title === title) as ItemSummary;

/** Replays uses (title, days ago) into a usage table, as recordUse would store them. */
function history(uses: [string, number][]): UsageTable {
  const table: UsageTable = {};
  for (const [title, daysAgo] of uses) {
    const key = itemKey(byTitle(title));
    const at = NOW - daysAgo * DAY;
    const entry = table[key];
    table[key] = { count: (entry?.count ?? 0) + 1, lastUsed: Math.max(entry?.lastUsed ?? 0, at) };
  }
  return table;
}

const rank = (query: string, usage: UsageTable) =>
  rankWithUsage(createSearchIndex(ITEMS).search(query), query, usage, NOW).map((i) => i.title);

describe("rankWithUsage", () => {
  it("puts favourites first on an empty query, each group by usage", () => {
    const usage = history([
      ["Zoom", 0],
      ["Zoom", 1],
      ["Bank", 2],
    ]);
    expect(rank("", usage).slice(0, 4)).toEqual(["Bank", "Gitea", "Zoom", "GitHub"]);
    expect(rank("", {}).slice(0, 2)).toEqual(["Bank", "Gitea"]);
  });

  it("lets an item used every day win among equally good matches while typing", () => {
    const daily = history(Array.from({ length: 10 }, (_, d) => ["GitLab", d] as [string, number]));
    expect(rank("git", {}).slice(0, 4)).not.toEqual(rank("git", daily).slice(0, 4));
    expect(rank("git", daily)[0]).toBe("GitLab");
  });

  it("never lifts a habit above a better match", () => {
    // "My Git Server" matches "git" only at a later word; titles starting with "git" stay above it.
    const habit = history(Array.from({ length: 30 }, () => ["My Git Server", 0] as [string, number]));
    const ranked = rank("git", habit);
    expect(ranked.indexOf("My Git Server")).toBeGreaterThan(ranked.indexOf("GitHub Enterprise"));
    expect(rank("github", habit)).toEqual(rank("github", {}));
  });

  it("lets a recent use beat many uses months ago", () => {
    const usage = history([
      ...Array.from({ length: 8 }, () => ["GitHub", 120] as [string, number]),
      ["GitLab", 0],
      ["GitLab", 1],
    ]);
    const ranked = rank("git", usage);
    expect(ranked.indexOf("GitLab")).toBeLessThan(ranked.indexOf("GitHub"));
  });

  it("keeps the index's order where nobody used anything", () => {
    const hits = createSearchIndex(ITEMS).search("git");
    expect(rankWithUsage(hits, "git", {}, NOW)).toEqual(hits);
  });
});
