import { mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultMetadataCacheFile,
  defaultMetadataRoot,
  loadMetadata,
  loadMetadataWithDetails,
  METADATA_CATEGORIES,
  MetadataRootMissingError,
  waitForMetadataCacheWrites,
} from "../../../shared/src/metadata/index.js";
import {
  generateMetadataRecords,
  metadataFileName,
  writeMetadataTree,
  type MetadataRecord,
} from "../../fixtures/metadata/generate.js";
import { makeTempDir } from "./helpers.js";

const VAULT = "2qi2kzbzxrm5ijfire7wfbb23e";
const SEED_EXAMPLE = {
  accountName: "Smith Family",
  categoryPluralName: "Logins",
  categorySingularName: "Login",
  categoryUUID: "001",
  createdAt: 1527615745,
  itemDescription: "Login from Personal",
  itemTitle: "Apple ID",
  modifiedAt: 1527615745,
  vaultUUID: VAULT,
  uuid: "cxmvcuuzwrgfpni6r4j3fgtxb4",
  vaultName: "Personal",
  websiteURLs: ["https://appleid.apple.com", "https://icloud.com", "https://itunes.com/"],
};

async function writeItem(root: string, name: string, content: string | Buffer): Promise<string> {
  const path = join(root, VAULT, name);
  await mkdir(join(root, VAULT), { recursive: true });
  await writeFile(path, content);
  return path;
}

const itemName = (id: string) => `${VAULT}_${id}.onepassword-item-metadata`;

describe("loadMetadata", () => {
  it("maps every documented key of the seed's example onto an ItemSummary", async () => {
    const root = await makeTempDir();
    const path = await writeItem(root, itemName(SEED_EXAMPLE.uuid), JSON.stringify(SEED_EXAMPLE, null, "\t"));
    const { items, problems } = await loadMetadata(root, { cacheFile: false });
    expect(problems).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: "cxmvcuuzwrgfpni6r4j3fgtxb4",
      vaultId: VAULT,
      vaultName: "Personal",
      accountName: "Smith Family",
      title: "Apple ID",
      description: "Login from Personal",
      categoryId: "001",
      category: "Login",
      categoryPlural: "Logins",
      urls: SEED_EXAMPLE.websiteURLs,
      createdAt: 1527615745,
      modifiedAt: 1527615745,
      source: "metadata",
      path,
      app: "1password7",
    });
    expect(items[0]?.accountId).toBeUndefined();
  });

  it("has all 18 built-in categories and falls back to the file's names for unknown ones", async () => {
    expect(Object.keys(METADATA_CATEGORIES)).toHaveLength(18);
    expect(METADATA_CATEGORIES["108"]).toEqual({
      singular: "Social Security Number",
      plural: "Social Security Numbers",
    });
    const root = await makeTempDir();
    await writeItem(
      root,
      itemName("aaaaaaaaaaaaaaaaaaaaaaaaaa"),
      JSON.stringify({
        ...SEED_EXAMPLE,
        uuid: "aaaaaaaaaaaaaaaaaaaaaaaaaa",
        categoryUUID: "777",
        categorySingularName: "Crypto Wallet",
        categoryPluralName: "Crypto Wallets",
      }),
    );
    // The built-in table wins over a file's own (localised) names for known categories.
    await writeItem(
      root,
      itemName("bbbbbbbbbbbbbbbbbbbbbbbbbb"),
      JSON.stringify({
        ...SEED_EXAMPLE,
        uuid: "bbbbbbbbbbbbbbbbbbbbbbbbbb",
        categoryUUID: "109",
        categorySingularName: "WLAN-Router",
      }),
    );
    const { items } = await loadMetadata(root, { cacheFile: false });
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get("aaaaaaaaaaaaaaaaaaaaaaaaaa")).toMatchObject({
      categoryId: "777",
      category: "Crypto Wallet",
      categoryPlural: "Crypto Wallets",
    });
    expect(byId.get("bbbbbbbbbbbbbbbbbbbbbbbbbb")).toMatchObject({
      category: "Wireless Router",
      categoryPlural: "Wireless Routers",
    });
  });

  it("reads a generated tree with every category, keyed by vault and item", async () => {
    const root = await makeTempDir();
    const records = generateMetadataRecords(300, { seed: 3 });
    await writeMetadataTree(root, records);
    // The same item ID in another vault is another item.
    const twin: MetadataRecord = {
      ...records[0]!,
      vaultUUID: "zzzzzzzzzzzzzzzzzzzzzzzzzz",
      vaultName: "Other",
    };
    await writeMetadataTree(root, [twin]);
    const { items, problems } = await loadMetadata(root, { cacheFile: false });
    expect(problems).toEqual([]);
    expect(items).toHaveLength(301);
    expect(new Set(items.map((i) => i.categoryId)).size).toBe(18);
    expect(items.filter((i) => i.id === records[0]!.uuid)).toHaveLength(2);
  });

  it("reports a second file for the same vault and item instead of listing the item twice", async () => {
    const root = await makeTempDir();
    await writeItem(root, itemName(SEED_EXAMPLE.uuid), JSON.stringify(SEED_EXAMPLE));
    const copy = await writeItem(root, "copy.onepassword-item-metadata", JSON.stringify(SEED_EXAMPLE));
    const { items, problems } = await loadMetadata(root, { cacheFile: false });
    expect(items).toHaveLength(1);
    expect(problems).toEqual([{ path: copy, reason: expect.stringMatching(/already read from .*cxmvcuuz/) }]);
  });

  it("skips each kind of bad file with a reason and still reads the good ones", async () => {
    const root = await makeTempDir();
    const good = await writeItem(root, itemName(SEED_EXAMPLE.uuid), JSON.stringify(SEED_EXAMPLE));
    const bom = await writeItem(
      root,
      itemName("bom00000000000000000000000"),
      "\uFEFF" +
        JSON.stringify({ ...SEED_EXAMPLE, uuid: "bom00000000000000000000000", itemTitle: "With BOM" }),
    );
    const bad: Record<string, [string | Buffer, RegExp]> = {
      "malformed.onepassword-item-metadata": ['{"uuid": "x", ', /not valid JSON/],
      "empty.onepassword-item-metadata": ["", /empty/],
      "blank.onepassword-item-metadata": ["  \n", /empty/],
      "array.onepassword-item-metadata": ["[1,2]", /holds a list, not the JSON object/],
      "nouuid.onepassword-item-metadata": [
        JSON.stringify({ ...SEED_EXAMPLE, uuid: undefined }),
        /"uuid" is missing/,
      ],
      "novault.onepassword-item-metadata": [
        JSON.stringify({ ...SEED_EXAMPLE, vaultUUID: undefined }),
        /"vaultUUID" is missing/,
      ],
      "notitle.onepassword-item-metadata": [
        JSON.stringify({ ...SEED_EXAMPLE, itemTitle: undefined }),
        /"itemTitle" is missing/,
      ],
      "numbertitle.onepassword-item-metadata": [
        JSON.stringify({ ...SEED_EXAMPLE, itemTitle: 42 }),
        /"itemTitle" should be non-empty text but is a number/,
      ],
      "huge.onepassword-item-metadata": [Buffer.alloc(1024 * 1024 + 10, 32), /1\.0 MiB, over the 1 MiB/],
      "notes.txt": ["hello", /Not a 1Password item file/],
    };
    const paths = new Map<string, RegExp>();
    for (const [name, [content, reason]] of Object.entries(bad))
      paths.set(await writeItem(root, name, content), reason);
    const folder = join(root, VAULT, itemName("dir0000000000000000000000"));
    await mkdir(folder);
    paths.set(folder, /folder named like an item file/);

    const { items, problems } = await loadMetadata(root, { cacheFile: false });
    expect(items.map((i) => i.path).sort()).toEqual([bom, good].sort());
    expect(items.find((i) => i.path === bom)?.title).toBe("With BOM");
    expect(problems).toHaveLength(paths.size);
    for (const [path, reason] of paths) {
      const problem = problems.find((p) => p.path === path);
      expect(problem?.reason, path).toMatch(reason);
    }
  });

  it("keeps an item whose optional key has the wrong type, leaving that value out and saying so", async () => {
    const root = await makeTempDir();
    const path = await writeItem(
      root,
      itemName(SEED_EXAMPLE.uuid),
      JSON.stringify({ ...SEED_EXAMPLE, websiteURLs: "https://x.example", createdAt: "yesterday" }),
    );
    const { items, problems } = await loadMetadata(root, { cacheFile: false });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ urls: [], createdAt: undefined, title: "Apple ID" });
    expect(problems).toEqual([
      {
        path,
        reason: expect.stringMatching(
          /"websiteURLs" should be a list of text but is text.*"createdAt" should be a Unix time/,
        ),
      },
    ]);
  });

  it("rejects a missing folder with an error naming it and the setting to turn on", async () => {
    const root = join(await makeTempDir(), "Library/Containers/com.agilebits.onepassword7/nothing");
    const error = await loadMetadata(root, { cacheFile: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetadataRootMissingError);
    expect(error).toMatchObject({ name: "MetadataRootMissingError", root });
    expect((error as Error).message).toContain(root);
    expect((error as Error).message).toContain('"Enable Spotlight and 3rd party app integrations"');
  });

  it("tells users of 1Password 8 how to run opbookmarks when its folder is missing", async () => {
    const root = join(await makeTempDir(), ".config/op/bookmarks");
    const error = (await loadMetadata(root, { cacheFile: false }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(MetadataRootMissingError);
    expect(error.message).toContain(root);
    expect(error.message).toMatch(/run `opbookmarks`/);
  });

  it("reads opbookmarks files as 1Password 8 items with their account", async () => {
    const home = await makeTempDir();
    const root = join(home, ".config/op/bookmarks");
    expect(defaultMetadataRoot(home)).toContain("com.agilebits.onepassword7");
    const records = generateMetadataRecords(20, { seed: 9, profileUUID: "JX3NOQ4BCNH2FDYXJ2WEBVZ5PQ" });
    await writeMetadataTree(root, records);
    expect(defaultMetadataRoot(home)).toBe(root);
    const { items, problems } = await loadMetadata(root, { cacheFile: false });
    expect(problems).toEqual([]);
    expect(items).toHaveLength(20);
    for (const item of items) {
      expect(item.app).toBe("1password8");
      expect(item.accountId).toBe("JX3NOQ4BCNH2FDYXJ2WEBVZ5PQ");
    }
    // With both folders present, 1Password 7's own comes first.
    const op7 = join(
      home,
      "Library/Containers/com.agilebits.onepassword7/Data/Library/Caches/Metadata/1Password",
    );
    await mkdir(op7, { recursive: true });
    expect(defaultMetadataRoot(home)).toBe(op7);
  });

  it("puts the default cache file in the user's cache folder", () => {
    const file = defaultMetadataCacheFile("/home/jane");
    expect(file.startsWith("/home/jane/")).toBe(true);
    expect(file).toMatch(/op-bridge.metadata-index\.json$/);
  });

  it("stops and rejects with the abort reason when aborted", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(3000, { seed: 4 }));
    const controller = new AbortController();
    const loading = loadMetadata(root, { cacheFile: false, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await loading.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AbortError" });
    const already = AbortSignal.abort();
    await expect(loadMetadata(root, { cacheFile: false, signal: already })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});

describe("the index cache", () => {
  async function treeWithOldTimes(count: number) {
    const root = await makeTempDir();
    const paths = await writeMetadataTree(root, generateMetadataRecords(count, { seed: 5 }));
    // Times well in the past: the cache trusts only files that changed before it was written.
    const old = new Date("2024-01-01T00:00:00Z");
    await Promise.all(paths.map((p) => utimes(p, old, old)));
    const cacheFile = join(await makeTempDir(), "nested", "index.json");
    return { root, paths, cacheFile, old };
  }

  it("answers unchanged files from the cache without reading them", async () => {
    const { root, paths, cacheFile, old } = await treeWithOldTimes(50);
    const first = await loadMetadataWithDetails(root, { cacheFile });
    expect(first.stats).toMatchObject({ read: 50, fromCache: 0, cache: "absent" });
    await waitForMetadataCacheWrites();
    expect((await stat(cacheFile)).isFile()).toBe(true);

    // Same size and time, other content: a cache hit still shows the old title.
    const target = paths[0]!;
    const before = JSON.parse(await readFile(target, "utf8")) as MetadataRecord;
    const sameLength = JSON.stringify(
      { ...before, itemTitle: before.itemTitle.replace(/./g, "Z") },
      null,
      "\t",
    );
    await writeFile(target, sameLength);
    await utimes(target, old, old);

    const second = await loadMetadataWithDetails(root, { cacheFile });
    expect(second.stats).toMatchObject({ read: 0, fromCache: 50, cache: "used" });
    expect(second.items.find((i) => i.path === target)?.title).toBe(before.itemTitle);
    expect(second.items.map((i) => i.path).sort()).toEqual(first.items.map((i) => i.path).sort());
    expect(second.items.find((i) => i.path === target)).toEqual(first.items.find((i) => i.path === target));
  });

  it("re-reads files whose size or time changed, and drops removed ones", async () => {
    const { root, paths, cacheFile } = await treeWithOldTimes(30);
    await loadMetadata(root, { cacheFile });
    await waitForMetadataCacheWrites();
    const changed = paths[1]!;
    const record = JSON.parse(await readFile(changed, "utf8")) as MetadataRecord;
    await writeFile(changed, JSON.stringify({ ...record, itemTitle: "Renamed item" }));
    const added = generateMetadataRecords(1, { seed: 99 })[0]!;
    await writeMetadataTree(root, [added]);
    const { rm } = await import("node:fs/promises");
    await rm(paths[2]!);

    const result = await loadMetadataWithDetails(root, { cacheFile });
    expect(result.stats).toMatchObject({ read: 2, fromCache: 28, cache: "used" });
    expect(result.items).toHaveLength(30);
    expect(result.items.find((i) => i.path === changed)?.title).toBe("Renamed item");
    expect(result.items.some((i) => i.id === added.uuid)).toBe(true);
    expect(result.items.some((i) => i.path === paths[2])).toBe(false);
  });

  it("caches bad files' reasons too", async () => {
    const { root, cacheFile } = await treeWithOldTimes(3);
    await writeItem(root, "broken.onepassword-item-metadata", "{");
    await utimes(join(root, VAULT, "broken.onepassword-item-metadata"), new Date(0), new Date(1_000_000));
    const first = await loadMetadata(root, { cacheFile });
    await waitForMetadataCacheWrites();
    const second = await loadMetadataWithDetails(root, { cacheFile });
    expect(second.stats.read).toBe(0);
    expect(second.problems).toEqual(first.problems);
    expect(second.problems[0]?.reason).toMatch(/not valid JSON/);
  });

  it("discards a corrupt, foreign or tampered cache and reads every file", async () => {
    const { root, cacheFile, paths } = await treeWithOldTimes(10);
    await loadMetadataWithDetails(root, { cacheFile });
    await waitForMetadataCacheWrites();
    // A header line (string table, folders), then segments of [folder, names, sizes, times, entries].
    const [headerLine, ...segmentLines] = (await readFile(cacheFile, "utf8")).split("\n");
    const header = JSON.parse(headerLine!) as { strings: string[]; version: number; root: string };
    const segments = segmentLines.map((line) => JSON.parse(line) as unknown[][]);
    expect(segments.reduce((n, segment) => n + segment[1]!.length, 0)).toBe(10);
    const write = (h: object, segs: unknown[]) =>
      [JSON.stringify(h), ...segs.map((x) => JSON.stringify(x))].join("\n");
    const entry = (segs: unknown[][][], k: number) => segs[0]![4]![k] as unknown[];

    const variants: [string, string][] = [
      ["not JSON", "{{{ not json"],
      ["empty", ""],
      ["another version", write({ ...header, version: 999 }, segments)],
      ["another folder", write({ ...header, root: "/somewhere/else" }, segments)],
      ["a segment cut short", write(header, segments).slice(0, -20)],
      ["a segment missing", write(header, segments.slice(1))],
    ];
    const badUrls = structuredClone(segments);
    entry(badUrls, 0)[9] = "javascript:alert(1)";
    variants.push(["a row with text for its URLs", write(header, badUrls)]);
    const outOfTable = structuredClone(segments);
    entry(outOfTable, 1)[3] = header.strings.length + 5;
    variants.push(["a row pointing outside the string table", write(header, outOfTable)]);
    const badApp = structuredClone(header);
    badApp.strings[entry(segments, 2)[12] as number] = "evil-app";
    variants.push(["an unknown app", write(badApp, segments)]);
    const badSize = structuredClone(segments);
    badSize[0]![2]![0] = "12";
    variants.push(["a size that is not a number", write(header, badSize)]);

    for (const [what, content] of variants) {
      await writeFile(cacheFile, content);
      for (const workers of [0, 1]) {
        const result = await loadMetadataWithDetails(root, { cacheFile, workers });
        expect(result.stats, what).toMatchObject({ cache: "discarded", read: 10, fromCache: 0 });
        expect(result.items, what).toHaveLength(10);
        expect(result.problems, what).toEqual([]);
        await waitForMetadataCacheWrites();
        await writeFile(cacheFile, content);
      }
    }
    // A rewritten cache is good again.
    await loadMetadata(root, { cacheFile });
    await waitForMetadataCacheWrites();
    const after = await loadMetadataWithDetails(root, { cacheFile });
    expect(after.stats).toMatchObject({ cache: "used", read: 0 });
    expect(after.items.map((i) => i.path).sort()).toEqual([...paths].sort());
  });

  it("hands a worker a folder too big for one message in pieces, and answers it whole and in order", async () => {
    const root = await makeTempDir();
    const records = generateMetadataRecords(2_500, { seed: 8 });
    await mkdir(join(root, VAULT));
    for (let i = 0; i < records.length; i += 250) {
      await Promise.all(
        records
          .slice(i, i + 250)
          .map((r) =>
            writeItem(root, `${r.vaultUUID}_${r.uuid}.onepassword-item-metadata`, JSON.stringify(r)),
          ),
      );
    }
    const main = await loadMetadataWithDetails(root, { cacheFile: false, workers: 0 });
    const worker = await loadMetadataWithDetails(root, { cacheFile: false, workers: 1 });
    expect(worker.stats).toMatchObject({ workers: 1, files: 2_500, read: 2_500 });
    expect(main.items).toHaveLength(2_500);
    expect(worker.items).toEqual(main.items);
    expect(worker.problems).toEqual([]);
  });

  it("answers the same from the caller's thread and from a worker, cold and warm", async () => {
    const { root, cacheFile } = await treeWithOldTimes(400);
    await writeItem(root, "broken.onepassword-item-metadata", "{");
    await writeItem(root, "notes.txt", "hello");
    await writeItem(
      root,
      itemName("ign00000000000000000000000"),
      JSON.stringify({ ...SEED_EXAMPLE, uuid: "ign00000000000000000000000", createdAt: "soon" }),
    );
    const old = new Date("2024-01-01T00:00:00Z");
    for (const name of ["broken.onepassword-item-metadata", itemName("ign00000000000000000000000")]) {
      await utimes(join(root, VAULT, name), old, old);
    }
    const byPath = (r: { items: { path?: string }[] }) =>
      [...r.items].sort((a, b) => (a.path! < b.path! ? -1 : 1));
    const main = await loadMetadataWithDetails(root, { cacheFile: false, workers: 0 });
    const worker = await loadMetadataWithDetails(root, { cacheFile: false, workers: 1 });
    expect(main.stats.workers).toBe(0);
    expect(worker.stats.workers).toBe(1);
    expect(main.items).toHaveLength(401);
    expect(byPath(worker)).toEqual(byPath(main));
    expect(worker.problems).toEqual(main.problems);
    expect(main.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/Not a 1Password item file/),
      expect.stringMatching(/"createdAt" should be a Unix time/),
      expect.stringMatching(/not valid JSON/),
    ]);

    // The cache written by one path is read the same by the other.
    await loadMetadataWithDetails(root, { cacheFile, workers: 1 });
    await waitForMetadataCacheWrites();
    for (const workers of [0, 1]) {
      const warm = await loadMetadataWithDetails(root, { cacheFile, workers });
      expect(warm.stats, `workers ${workers}`).toMatchObject({ read: 0, fromCache: 402, cache: "used" });
      expect(byPath(warm)).toEqual(byPath(main));
      expect(warm.problems).toEqual(main.problems);
    }
  });

  it("takes a folder's listing from the cache only while the folder's time is unchanged", async () => {
    const { root, cacheFile, paths } = await treeWithOldTimes(60);
    await loadMetadata(root, { cacheFile });
    await waitForMetadataCacheWrites();
    // Removing a file changes its folder's time: the listing is read again and the file is gone.
    const { rm } = await import("node:fs/promises");
    await rm(paths[0]!);
    const result = await loadMetadataWithDetails(root, { cacheFile });
    expect(result.items).toHaveLength(59);
    expect(result.items.some((i) => i.path === paths[0])).toBe(false);
    expect(result.stats).toMatchObject({ read: 0, fromCache: 59 });
    // A file changed in place keeps its folder's time but not its own: it is read again.
    const target = paths[1]!;
    const record = JSON.parse(await readFile(target, "utf8")) as MetadataRecord;
    await writeFile(target, JSON.stringify({ ...record, itemTitle: "Changed in place" }));
    const { dirname } = await import("node:path");
    const folderTime = (await stat(dirname(target))).mtime;
    await utimes(dirname(target), folderTime, folderTime);
    await waitForMetadataCacheWrites();
    const again = await loadMetadataWithDetails(root, { cacheFile });
    expect(again.stats).toMatchObject({ read: 1, fromCache: 58 });
    expect(again.items.find((i) => i.path === target)?.title).toBe("Changed in place");
  });

  it("does not trust files changed at or after the moment the cached scan began", async () => {
    const root = await makeTempDir();
    const paths = await writeMetadataTree(root, generateMetadataRecords(5, { seed: 6 }));
    // A time after the scan's start stands for a change made while it ran (or a coarse clock).
    const later = new Date(Date.now() + 60_000);
    await utimes(paths[0]!, later, later);
    const cacheFile = join(await makeTempDir(), "index.json");
    await loadMetadata(root, { cacheFile });
    await waitForMetadataCacheWrites();
    const second = await loadMetadataWithDetails(root, { cacheFile });
    expect(second.stats).toMatchObject({ read: 1, fromCache: 4 });
  });

  it("writes the cache without leaving temporary files behind", async () => {
    const { root, cacheFile } = await treeWithOldTimes(5);
    await loadMetadata(root, { cacheFile });
    await waitForMetadataCacheWrites();
    const { readdir } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    for (const name of await readdir(dirname(cacheFile))) expect(name).toMatch(/^index\.json(\.\d+)?$/);
  });
});

describe("metadataFileName", () => {
  it("names files as 1Password 7 does", () => {
    expect(metadataFileName({ vaultUUID: "v", uuid: "i" })).toBe("v_i.onepassword-item-metadata");
  });
});
