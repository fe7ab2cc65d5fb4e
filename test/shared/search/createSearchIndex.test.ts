// What a person typing into the launcher notices: the item they mean comes first, typos and
// accents and punctuation do not matter, and the same query always answers the same list.
import { describe, expect, it } from "vitest";
import { createSearchIndex, type ItemSummary } from "@op-bridge/shared";

let next = 0;
function item(title: string, extra: Partial<ItemSummary> = {}): ItemSummary {
  next++;
  return {
    id: `item${String(next).padStart(4, "0")}`,
    vaultId: "vaultpersonal",
    vaultName: "Personal",
    title,
    categoryId: "001",
    category: "Login",
    urls: [],
    source: "metadata",
    ...extra,
  };
}

const titlesOf = (results: ItemSummary[]) => results.map((r) => r.title);

const aws = item("AWS", {
  vaultId: "vaultwork",
  vaultName: "Work",
  accountName: "Acme Corp",
  urls: ["https://console.aws.amazon.com/"],
});
const awsPersonal = item("AWS", { urls: ["https://aws.amazon.com/"] });
const github = item("GitHub", { urls: ["https://github.com/login"] });
const gitlab = item("GitLab", { urls: ["https://gitlab.com/"] });
const cafe = item("Café Lumière", { urls: ["https://cafelumiere.fr/"] });
const license = item("Driver's License", { categoryId: "103", category: "Driver License" });
const wifi = item("Wi-Fi at Grandma's", { categoryId: "003", category: "Secure Note" });
const bank = item("Bank of America", { favorite: true, urls: ["https://www.bankofamerica.com/"] });
const notes = item("Meeting notes", { categoryId: "003", category: "Secure Note", tags: ["acme"] });
const digitsOnly = item("2024 taxes", { categoryId: "006", category: "Document" });
const everyone = [aws, awsPersonal, github, gitlab, cafe, license, wifi, bank, notes, digitsOnly];

describe("createSearchIndex", () => {
  const index = createSearchIndex(everyone);

  it("knows how many items it holds", () => {
    expect(index.size).toBe(everyone.length);
    expect(createSearchIndex([]).size).toBe(0);
  });

  it("matches each token in the title, vault, account, category or URL host", () => {
    expect(index.search("work aws")).toEqual([aws]);
    expect(index.search("acme aws")).toEqual([aws]);
    expect(index.search("personal aws")).toEqual([awsPersonal]);
    expect(index.search("note grandma")).toEqual([wifi]);
    expect(index.search("console.aws")).toEqual([aws]);
    expect(index.search("acme meeting")).toEqual([notes]);
  });

  it("finds a title through a typo", () => {
    expect(index.search("githbu")[0]).toBe(github);
    expect(index.search("gthub")[0]).toBe(github);
  });

  it("folds diacritics both ways", () => {
    expect(index.search("cafe lumiere")).toEqual([cafe]);
    expect(index.search("CAFÉ")).toEqual([cafe]);
    const plain = createSearchIndex([item("Cafe Noir")]);
    expect(titlesOf(plain.search("café"))).toEqual(["Cafe Noir"]);
  });

  it("ignores punctuation in titles and queries", () => {
    expect(index.search("drivers license")).toEqual([license]);
    expect(index.search("driver's")).toEqual([license]);
    expect(index.search("wifi")).toEqual([wifi]);
    expect(index.search("wi-fi")).toEqual([wifi]);
    expect(index.search("github.com")[0]).toBe(github);
  });

  it("puts title-prefix matches before matches elsewhere", () => {
    const items = [
      item("Notes about GitHub", { urls: ["https://github.com/"] }),
      item("Legit Hub"),
      item("Git"),
      item("GitHub Enterprise"),
    ];
    expect(titlesOf(createSearchIndex(items).search("git"))).toEqual([
      "Git",
      "GitHub Enterprise",
      "Notes about GitHub",
      "Legit Hub",
    ]);
  });

  it("finds titles by their initials", () => {
    expect(index.search("boa")[0]).toBe(bank);
  });

  it("answers every item for an empty or blank query: favourites first, then by title", () => {
    const all = index.search("");
    expect(all[0]).toBe(bank);
    expect(titlesOf(all.slice(1))).toEqual([...titlesOf(everyone.filter((i) => i !== bank))].sort(byFolded));
    expect(index.search("   \t ")).toEqual(all);
    expect(index.search("?!.")).toEqual(all);
  });

  it("returns at most `limit` results, the best ones", () => {
    const items = Array.from({ length: 200 }, (_, i) => item(`Server ${i}`));
    const servers = createSearchIndex(items);
    expect(servers.search("server", { limit: 5 })).toHaveLength(5);
    expect(servers.search("server", { limit: 5 })).toEqual(servers.search("server").slice(0, 5));
    expect(servers.search("server", { limit: 150 })).toEqual(servers.search("server").slice(0, 150));
    expect(servers.search("", { limit: 3 })).toHaveLength(3);
    expect(servers.search("server", { limit: 0 })).toEqual([]);
    expect(servers.search("server 12", { limit: 1 })[0]?.title).toBe("Server 12");
  });

  it("answers the same list for the same query, whatever the input order or history", () => {
    const many = Array.from({ length: 300 }, (_, i) => item(`Login ${i % 7}`, { id: `dup${i}` }));
    const forward = createSearchIndex(many);
    const backward = createSearchIndex([...many].reverse());
    const first = forward.search("login 3", { limit: 20 });
    forward.search("log");
    forward.search("login 3 x");
    expect(forward.search("login 3", { limit: 20 })).toEqual(first);
    expect(backward.search("login 3", { limit: 20 })).toEqual(first);
    expect(new Set(first.map((i) => i.title))).toEqual(new Set(["Login 3"]));
  });

  it("narrows correctly as the query is typed, and widens again on backspace", () => {
    const fresh = createSearchIndex(everyone);
    const typed = ["g", "gi", "git", "gitl", "gitla", "gitlab", "gitla", "git", "g"].map((q) =>
      fresh.search(q),
    );
    const direct = ["g", "gi", "git", "gitl", "gitla", "gitlab", "gitla", "git", "g"].map((q) =>
      createSearchIndex(everyone).search(q),
    );
    expect(typed).toEqual(direct);
    expect(typed[5]).toEqual([gitlab]);
  });

  it("finds nothing for text no item has", () => {
    expect(index.search("zzqqxx")).toEqual([]);
    expect(index.search("q")).toEqual([]);
  });

  it("copes with very long queries", () => {
    expect(index.search("github ".repeat(500))).toEqual(index.search("github"));
    expect(index.search("x".repeat(10_000))).toEqual([]);
  });

  it("copes with items missing optional fields", () => {
    const bare = {
      id: "bare",
      vaultId: "v",
      vaultName: "",
      title: "",
      categoryId: "",
      category: "",
      urls: [],
      source: "connect",
    } as ItemSummary;
    const loose = { ...item("Loose ends"), urls: undefined } as unknown as ItemSummary;
    const odd = item("Odd URLs", { urls: ["not a url", "", "ssh://bastion.acme.io:22"], tags: [] });
    const tolerant = createSearchIndex([bare, loose, odd]);
    expect(tolerant.search("loose")).toEqual([loose]);
    expect(tolerant.search("bastion")).toEqual([odd]);
    expect(tolerant.search("")).toHaveLength(3);
  });

  it("answers nothing from an empty index", () => {
    const empty = createSearchIndex([]);
    expect(empty.search("")).toEqual([]);
    expect(empty.search("github", { limit: 10 })).toEqual([]);
  });

  it("matches digits and items whose title is only digits and words", () => {
    expect(index.search("2024")).toEqual([digitsOnly]);
    expect(index.search("taxes 2024")).toEqual([digitsOnly]);
  });
});

function byFolded(a: string, b: string): number {
  const fold = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/['’]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0;
}
