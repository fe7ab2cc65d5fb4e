// The index cache's own steps: writing and reading it back, its privacy, and its limits.
import { chmod, readFile, stat, truncate, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMetadataWithDetails, waitForMetadataCacheWrites } from "../../../shared/src/metadata/index.js";
import {
  MAX_CACHED_ITEM_FILE_BYTES,
  MAX_INDEX_CACHE_BYTES,
  type ScannedDir,
} from "../../../shared/src/metadata/indexCacheFormat.js";
import { openMetadataIndex } from "../../../shared/src/metadata/readIndexCache.js";
import { writeMetadataIndex } from "../../../shared/src/metadata/writeIndexCache.js";
import type { ItemSummary } from "../../../shared/src/types.js";
import { generateMetadataRecords, writeMetadataTree } from "../../fixtures/metadata/generate.js";
import { makeTempDir } from "./helpers.js";

const SUFFIX = ".onepassword-item-metadata";
const onPosix = process.platform !== "win32";

function item(id: string, title: string): ItemSummary {
  return {
    id,
    title,
    vaultId: "vault1",
    vaultName: "Personal",
    categoryId: "001",
    category: "Login",
    categoryPlural: "Logins",
    urls: ["https://example.com"],
    source: "metadata",
    app: "1password7",
  };
}

/** One folder of files with the given items, sizes and times, as a scan records them. */
function scannedFolder(items: ItemSummary[], sizes: number[]): ScannedDir {
  return {
    rel: "vault1",
    mtime: 1000,
    clean: true,
    subdirs: [],
    parts: [
      {
        names: items.map((i) => `vault1_${i.id}${SUFFIX}`),
        sizes: Float64Array.from(sizes),
        mtimes: Float64Array.from(items.map(() => 2000)),
        items,
        reasons: undefined,
        ignored: undefined,
      },
    ],
  };
}

async function oldTree(count: number) {
  const root = await makeTempDir();
  const paths = await writeMetadataTree(root, generateMetadataRecords(count, { seed: 8 }));
  const old = new Date("2024-01-01T00:00:00Z");
  await Promise.all(paths.map((p) => utimes(p, old, old)));
  return { root, paths };
}

describe("index cache writer and reader", () => {
  it("reads back, segment by segment, what was written, with every title and URL", async () => {
    const file = join(await makeTempDir(), "cache", "index.json");
    const items = Array.from({ length: 1200 }, (_, i) => item(`item${i}`, `Title ${i} ünïcode`));
    let pauses = 0;
    const root = "/some/root";
    await writeMetadataIndex(
      file,
      root,
      5000,
      [
        scannedFolder(
          items,
          items.map(() => 300),
        ),
      ],
      SUFFIX,
      () => {
        pauses++;
        return undefined;
      },
    );
    // 500 files a segment: the writer offered to pause after each full one.
    expect(pauses).toBe(2);
    const { index } = await openMetadataIndex(file, root, SUFFIX);
    expect(index?.files).toBe(1200);
    const names: string[] = [];
    for (let segment = index!.next(); segment !== null; segment = index!.next()) names.push(...segment.names);
    expect(names).toHaveLength(1200);
    expect(names[7]).toBe(`vault1_item7${SUFFIX}`);
    expect(await openMetadataIndex(file, "/another/root", SUFFIX)).toEqual({
      discard: "written for another folder",
    });
  });

  it("leaves out items of files too big to be worth caching, and marks their folder to be listed again", async () => {
    const file = join(await makeTempDir(), "index.json");
    const items = [item("small", "Small"), item("huge", "x".repeat(100))];
    await writeMetadataIndex(
      file,
      "/r",
      1,
      [scannedFolder(items, [300, MAX_CACHED_ITEM_FILE_BYTES + 1])],
      SUFFIX,
      () => undefined,
    );
    const { index } = await openMetadataIndex(file, "/r", SUFFIX);
    expect(index?.files).toBe(1);
    expect(index?.dirs.get("vault1")?.clean).toBe(false);
  });
});

describe("index cache privacy and limits", () => {
  it.runIf(onPosix)("writes the cache 0600 in a 0700 folder, and tightens one written before", async () => {
    const { root } = await oldTree(5);
    const folder = join(await makeTempDir(), "op-bridge");
    const cacheFile = join(folder, "metadata-index.json");
    await loadMetadataWithDetails(root, { cacheFile });
    await waitForMetadataCacheWrites();
    expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);

    // As an older version left it: readable by every local user. Nothing changed, so the
    // cache is not rewritten, yet reading it makes it private.
    await chmod(cacheFile, 0o644);
    await chmod(folder, 0o755);
    const warm = await loadMetadataWithDetails(root, { cacheFile });
    expect(warm.stats.cache).toBe("used");
    await waitForMetadataCacheWrites();
    expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it.runIf(onPosix)("never changes the access of a shared folder the cache file is put in", async () => {
    const { root } = await oldTree(3);
    const shared = await makeTempDir();
    await chmod(shared, 0o755);
    const cacheFile = join(shared, "index.json");
    await loadMetadataWithDetails(root, { cacheFile });
    await waitForMetadataCacheWrites();
    expect((await stat(shared)).mode & 0o777).toBe(0o755);
    expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);
  });

  it("does not read a cache file bigger than the cap, and reads every file instead", async () => {
    const { root } = await oldTree(4);
    const cacheFile = join(await makeTempDir(), "index.json");
    await writeFile(cacheFile, "");
    // Sparse: the size a stat sees, without writing it.
    await truncate(cacheFile, MAX_INDEX_CACHE_BYTES + 1);
    const result = await loadMetadataWithDetails(root, { cacheFile });
    expect(result.stats).toMatchObject({ cache: "discarded", read: 4 });
    expect(result.stats.cacheDiscardReason).toMatch(/larger than 64 MiB/);
    expect(result.items).toHaveLength(4);
    await waitForMetadataCacheWrites();
    // Replaced by a cache of the right size.
    expect((await stat(cacheFile)).size).toBeLessThan(100_000);
  });

  it("reads huge items again each start instead of caching them, and keeps the rest cached", async () => {
    const { root, paths } = await oldTree(20);
    const target = paths[0]!;
    const record = JSON.parse(await readFile(target, "utf8")) as Record<string, unknown>;
    const bigTitle = "Huge ".repeat(5000);
    await writeFile(target, JSON.stringify({ ...record, itemTitle: bigTitle }));
    const old = new Date("2024-01-01T00:00:00Z");
    await utimes(target, old, old);
    const cacheFile = join(await makeTempDir(), "index.json");
    await loadMetadataWithDetails(root, { cacheFile });
    await waitForMetadataCacheWrites();
    expect((await stat(cacheFile)).size).toBeLessThan(bigTitle.length);

    const warm = await loadMetadataWithDetails(root, { cacheFile });
    expect(warm.stats).toMatchObject({ cache: "used", read: 1, fromCache: 19 });
    expect(warm.items).toHaveLength(20);
    expect(warm.items.find((i) => i.path === target)?.title).toBe(bigTitle);
    // Nothing changed: the cache is left as it is, not rewritten each start for the huge file.
    const before = (await stat(cacheFile)).mtimeMs;
    await waitForMetadataCacheWrites();
    expect((await stat(cacheFile)).mtimeMs).toBe(before);
  });

  // Root reads any file, whatever its mode: there is no unreadable file to make.
  it.runIf(onPosix && process.getuid?.() !== 0)(
    "tries a file that could not be read again at the next start",
    async () => {
      const { root, paths } = await oldTree(6);
      await chmod(paths[2]!, 0o000);
      const cacheFile = join(await makeTempDir(), "index.json");
      const first = await loadMetadataWithDetails(root, { cacheFile });
      expect(first.items).toHaveLength(5);
      await waitForMetadataCacheWrites();
      await chmod(paths[2]!, 0o644);
      const second = await loadMetadataWithDetails(root, { cacheFile });
      expect(second.items).toHaveLength(6);
      expect(second.stats).toMatchObject({ read: 1, fromCache: 5 });
    },
  );
});
