// Stale-first loading: the cache's answer at once, then the checked one with what changed.
import { readFile, rm, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadMetadataWithDetails,
  MetadataRootMissingError,
  openMetadata,
  waitForMetadataCacheWrites,
  watchMetadata,
  type MetadataSnapshot,
  type MetadataUpdate,
} from "../../../shared/src/metadata/index.js";
import {
  generateMetadataRecords,
  writeMetadataTree,
  type MetadataRecord,
} from "../../fixtures/metadata/generate.js";
import { makeTempDir } from "./helpers.js";

const OLD = new Date("2024-01-01T00:00:00Z");

async function cachedTree(count: number) {
  const root = await makeTempDir();
  const paths = await writeMetadataTree(root, generateMetadataRecords(count, { seed: 11 }));
  await Promise.all(paths.map((p) => utimes(p, OLD, OLD)));
  const cacheFile = join(await makeTempDir(), "index.json");
  await loadMetadataWithDetails(root, { cacheFile });
  await waitForMetadataCacheWrites();
  return { root, paths, cacheFile };
}

/** Between two loads: one file edited in place, one added, one removed. */
async function changeFiles(root: string, paths: string[]) {
  const edited = paths[0]!;
  const record = JSON.parse(await readFile(edited, "utf8")) as MetadataRecord;
  await writeFile(edited, JSON.stringify({ ...record, itemTitle: "Edited since the cache" }));
  const added = generateMetadataRecords(1, { seed: 1234 })[0]!;
  await writeMetadataTree(root, [added]);
  const removedRecord = JSON.parse(await readFile(paths[1]!, "utf8")) as MetadataRecord;
  await rm(paths[1]!);
  return { edited, added, removed: removedRecord };
}

describe("openMetadata", () => {
  it("answers from the cache before checking, then reports a file added, edited and removed", async () => {
    const { root, paths, cacheFile } = await cachedTree(40);
    const { edited, added, removed } = await changeFiles(root, paths);
    const updates: MetadataUpdate[] = [];
    const opened = await openMetadata(root, { cacheFile, onUpdate: (u) => updates.push(u) });

    // The cache's view: the old title, the removed item still there, the added one not yet.
    expect(opened.stale).toBe(true);
    expect(opened.items).toHaveLength(40);
    expect(opened.items.find((i) => i.path === edited)?.title).not.toBe("Edited since the cache");
    expect(opened.items.some((i) => i.id === removed.uuid)).toBe(true);
    expect(opened.items.some((i) => i.id === added.uuid)).toBe(false);

    const checked = await opened.checked;
    expect(checked.items).toHaveLength(40);
    expect(updates).toHaveLength(1);
    const { changes, items } = updates[0]!;
    expect(items).toBe(checked.items);
    expect(changes.added.map((i) => i.id)).toEqual([added.uuid]);
    expect(changes.removed.map((i) => i.id)).toEqual([removed.uuid]);
    expect(changes.edited.map((i) => i.title)).toEqual(["Edited since the cache"]);
    // Unchanged items keep their identity: a list keeps its rows and selection.
    const unchanged = opened.items.find((i) => i.path === paths[5]);
    expect(checked.items.find((i) => i.path === paths[5])).toBe(unchanged);
  });

  it("reports a file edited in place when every folder is as cached, and keeps the rest as they were", async () => {
    const { root, paths, cacheFile } = await cachedTree(40);
    const unchangedRun = await openMetadata(root, { cacheFile, onUpdate: () => undefined });
    // Nothing changed: the checked answer is the cache's, items and problems alike.
    const same = await unchangedRun.checked;
    expect(same.items).toBe(unchangedRun.items);
    expect(same.problems).toBe(unchangedRun.problems);

    const edited = paths[7]!;
    const record = JSON.parse(await readFile(edited, "utf8")) as MetadataRecord;
    await writeFile(edited, JSON.stringify({ ...record, itemTitle: "Edited in place" }));
    const updates: MetadataUpdate[] = [];
    const opened = await openMetadata(root, { cacheFile, onUpdate: (u) => updates.push(u) });
    const checked = await opened.checked;
    expect(updates).toHaveLength(1);
    expect(updates[0]!.changes.edited.map((i) => i.path)).toEqual([edited]);
    expect(updates[0]!.changes.added).toEqual([]);
    expect(updates[0]!.changes.removed).toEqual([]);
    expect(checked.items.map((i) => i.path)).toEqual(opened.items.map((i) => i.path));
    expect(checked.items.find((i) => i.path === edited)?.title).toBe("Edited in place");
    expect(checked.items.find((i) => i.path === paths[3])).toBe(
      opened.items.find((i) => i.path === paths[3]),
    );
  });

  it("reports nothing when the cache was right, and says a vault is gone when its folder is", async () => {
    const { root, paths, cacheFile } = await cachedTree(30);
    const quiet: MetadataUpdate[] = [];
    const first = await openMetadata(root, { cacheFile, onUpdate: (u) => quiet.push(u) });
    expect(first.stale).toBe(true);
    await first.checked;
    expect(quiet).toEqual([]);

    const vaultFolder = dirname(paths[0]!);
    const vaultId = first.items.find((i) => i.path === paths[0])!.vaultId;
    await rm(vaultFolder, { recursive: true });
    const updates: MetadataUpdate[] = [];
    const second = await openMetadata(root, { cacheFile, onUpdate: (u) => updates.push(u) });
    expect(second.items.some((i) => i.vaultId === vaultId)).toBe(true);
    await second.checked;
    expect(updates[0]?.changes.vaultsGone).toEqual([vaultId]);
    expect(updates[0]?.items.some((i) => i.vaultId === vaultId)).toBe(false);
  });

  it("never serves a foreign, other-version or corrupt cache: the first answer is the checked one", async () => {
    const { root, paths, cacheFile } = await cachedTree(12);
    const good = await readFile(cacheFile, "utf8");
    const [headerLine, ...rest] = good.split("\n");
    const header = JSON.parse(headerLine!) as Record<string, unknown>;
    const withHeader = (h: object) => [JSON.stringify(h), ...rest].join("\n");
    const variants: [string, string][] = [
      ["another folder", withHeader({ ...header, root: "/elsewhere" })],
      ["another version", withHeader({ ...header, version: 2 })],
      ["a corrupt segment", good.slice(0, -30)],
      ["not JSON", "garbage"],
    ];
    // A title edited since the cache was written shows which answer was served.
    const record = JSON.parse(await readFile(paths[3]!, "utf8")) as MetadataRecord;
    await writeFile(paths[3]!, JSON.stringify({ ...record, itemTitle: "Only on disk" }));
    for (const [what, content] of variants) {
      await writeFile(cacheFile, content);
      const opened = await openMetadata(root, { cacheFile });
      expect(opened.stale, what).toBe(false);
      expect(opened.items.find((i) => i.path === paths[3])?.title, what).toBe("Only on disk");
      await waitForMetadataCacheWrites();
    }
  });

  it("rejects a folder gone since the cache was written, rather than answering from it", async () => {
    const { root, cacheFile } = await cachedTree(5);
    await rm(root, { recursive: true });
    await expect(openMetadata(root, { cacheFile })).rejects.toBeInstanceOf(MetadataRootMissingError);
  });

  it("loads normally without a cache", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(7, { seed: 2 }));
    const opened = await openMetadata(root, { cacheFile: false });
    expect(opened).toMatchObject({ stale: false });
    expect(opened.items).toHaveLength(7);
    expect((await opened.checked).items).toBe(opened.items);
  });
});

describe("watchMetadata with staleFirst", () => {
  it("shows the cache's items first, then the checked ones through the same onChange", async () => {
    const { root, paths, cacheFile } = await cachedTree(20);
    const { added } = await changeFiles(root, paths);
    const snapshots: MetadataSnapshot[] = [];
    const watch = watchMetadata(root, (s) => snapshots.push(s), {
      cacheFile,
      staleFirst: true,
      debounceMs: 20,
    });
    try {
      await expect.poll(() => snapshots.length, { timeout: 5000 }).toBe(2);
      expect(snapshots[0]).toMatchObject({ stale: true });
      expect(snapshots[0]!.items.some((i) => i.id === added.uuid)).toBe(false);
      expect(snapshots[1]!.stale).toBeUndefined();
      expect(snapshots[1]!.items.some((i) => i.id === added.uuid)).toBe(true);
      expect(snapshots[1]!.changes?.added.map((i) => i.id)).toEqual([added.uuid]);
      expect(snapshots[1]!.changes?.removed).toHaveLength(1);
      expect(snapshots[1]!.changes?.edited).toHaveLength(1);
    } finally {
      watch.close();
    }
  });

  it("without a cache, the first folders' items go out first (partial), then every item", async () => {
    // Seven vaults, one folder each: the first page is ready long before the last folder is read.
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(2_000, { seed: 5 }));
    const cacheFile = join(await makeTempDir(), "index.json");
    const snapshots: MetadataSnapshot[] = [];
    const watch = watchMetadata(root, (s) => snapshots.push(s), { cacheFile, staleFirst: true });
    try {
      await expect.poll(() => snapshots.length, { timeout: 10_000 }).toBe(2);
      const [first, whole] = snapshots as [MetadataSnapshot, MetadataSnapshot];
      expect(first.partial).toBe(true);
      expect(first.items.length).toBeGreaterThanOrEqual(200);
      expect(first.items.length).toBeLessThan(2_000);
      expect(whole.partial).toBeUndefined();
      expect(whole.items).toHaveLength(2_000);
      // The first page is some of the whole, not other items.
      const ids = new Set(whole.items.map((i) => i.id));
      expect(first.items.every((i) => ids.has(i.id))).toBe(true);
    } finally {
      watch.close();
    }
    await waitForMetadataCacheWrites();
  });

  it("a folder read in one go (a single vault) gives one answer, no partial one", async () => {
    const root = await makeTempDir();
    const records = generateMetadataRecords(300, { seed: 6 }).map((r) => ({
      ...r,
      vaultUUID: "onevault00000000000000000a",
    }));
    await writeMetadataTree(root, records);
    const snapshots: MetadataSnapshot[] = [];
    const watch = watchMetadata(root, (s) => snapshots.push(s), {
      cacheFile: join(await makeTempDir(), "index.json"),
      staleFirst: true,
    });
    try {
      await expect.poll(() => snapshots.length, { timeout: 10_000 }).toBe(1);
      expect(snapshots[0]!.partial).toBeUndefined();
      expect(snapshots[0]!.items).toHaveLength(300);
    } finally {
      watch.close();
    }
    await waitForMetadataCacheWrites();
  });
});
