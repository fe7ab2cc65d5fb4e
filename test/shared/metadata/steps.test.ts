// Each step of the metadata load alone: listing, reading in chunks, reconciling with the cache,
// assembling the answer, telling two answers apart.
import * as fs from "node:fs";
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadMetadataWithDetails } from "../../../shared/src/metadata/index.js";
import { ItemAssembler } from "../../../shared/src/metadata/assembleItems.js";
import { METADATA_CATEGORIES } from "../../../shared/src/metadata/categories.js";
import { diffMetadata, diffMetadataInSlices } from "../../../shared/src/metadata/diffMetadata.js";
import { JobBoard } from "../../../shared/src/metadata/fileJobs.js";
import { FolderLister } from "../../../shared/src/metadata/listFolders.js";
import { parseMetadataText } from "../../../shared/src/metadata/parseMetadataText.js";
import { METADATA_FILE_SUFFIX } from "../../../shared/src/metadata/paths.js";
import { openMetadataIndex } from "../../../shared/src/metadata/readIndexCache.js";
import { createMetadataFileReader } from "../../../shared/src/metadata/readMetadataFile.js";
import { CacheReconciler } from "../../../shared/src/metadata/reconcileCache.js";
import { ScanRecord } from "../../../shared/src/metadata/scanRecord.js";
import { MetadataState } from "../../../shared/src/metadata/metadataState.js";
import { LoadSlices } from "../../../shared/src/metadata/slices.js";
import { writeMetadataIndex } from "../../../shared/src/metadata/writeIndexCache.js";
import type { ItemSummary } from "../../../shared/src/types.js";
import { generateMetadataRecords, writeMetadataTree } from "../../fixtures/metadata/generate.js";
import { makeTempDir } from "./helpers.js";

function item(vaultId: string, id: string, title = id): ItemSummary {
  return {
    id,
    vaultId,
    vaultName: "V",
    title,
    categoryId: "001",
    category: "Login",
    urls: [],
    source: "metadata",
    path: `/r/${vaultId}/${id}`,
  };
}

/** The steps wired as a load wires them, without the slicing loop. */
function steps(
  root: string,
  caching: boolean,
  reconcile?: (board: JobBoard, scan: ScanRecord) => CacheReconciler,
) {
  const counts = { files: 0, read: 0, fromCache: 0 };
  const reader = createMetadataFileReader(fs, parseMetadataText, METADATA_CATEGORIES, 1024 * 1024);
  const board = new JobBoard(counts, reader, caching);
  const scan = new ScanRecord();
  const cache = reconcile?.(board, scan) ?? null;
  // A slice that never ends: each step runs to its end.
  const slices = new LoadSlices();
  slices.due = () => false;
  const lister = new FolderLister(root, METADATA_FILE_SUFFIX, board, scan, slices, cache, caching, (e) =>
    String(e),
  );
  const runAll = () => {
    while (cache !== null && !cache.done) cache.takeNextSegment();
    while (lister.listNext());
    while (board.claimChunk());
    const assembler = new ItemAssembler();
    for (const job of board.jobs) assembler.takeFiles(job, 0, job.names.length);
    return { items: assembler.items, problems: assembler.problems(scan.problems) };
  };
  return { counts, board, scan, lister, runAll };
}

describe("listFolders and fileJobs", () => {
  it("lists vault folders in name order, makes each a job, and reports what is not an item", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(30, { seed: 3 }));
    const vault = fs.readdirSync(root)[0]!;
    await writeFile(join(root, vault, "notes.txt"), "hi");
    await mkdir(join(root, vault, "a", "b", "c"), { recursive: true });
    const { board, scan, runAll, counts } = steps(root, false);
    const { items, problems } = runAll();
    expect(items).toHaveLength(30);
    expect(counts).toMatchObject({ files: 30, read: 30, fromCache: 0 });
    expect(board.jobs.map((j) => j.dir)).toEqual(
      [...board.jobs.map((j) => j.dir)].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(board.outstanding).toBe(0);
    // The vault's own listing first, then what its subfolders hold past the depth vaults go.
    expect(problems.map((p) => p.path)).toEqual([
      join(root, vault, "notes.txt"),
      join(root, vault, "a", "b", "c"),
    ]);
    expect(scan.dirs.find((d) => d.rel === vault)?.clean).toBe(false);
  });

  it("reads a folder in chunks of files, each item's path made from its folder and name", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(100, { seed: 4 }));
    const { lister, board } = steps(root, true);
    while (lister.listNext());
    // The first claim reads one chunk only: the caller's slices stay short.
    expect(board.claimChunk()).toBe(true);
    const job = board.jobs[0]!;
    expect(job.remaining).toBe(job.names.length - Math.min(32, job.names.length));
    expect(job.items[0]?.path).toBe(job.dir + sep + job.names[0]);
    expect(job.sizes![0]).toBeGreaterThan(0);
  });

  it("throws what listing the root threw", async () => {
    const { lister } = steps(join(await makeTempDir(), "missing"), false);
    expect(() => lister.listNext()).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });
});

describe("reconcileCache", () => {
  async function cachedTree() {
    const root = await makeTempDir();
    const paths = await writeMetadataTree(root, generateMetadataRecords(20, { seed: 9 }));
    const old = new Date("2024-01-01T00:00:00Z");
    await Promise.all(paths.map((p) => utimes(p, old, old)));
    for (const dir of fs.readdirSync(root)) await utimes(join(root, dir), old, old);
    await utimes(root, old, old);
    const first = steps(root, true);
    first.runAll();
    const cacheFile = join(await makeTempDir(), "index.json");
    await writeMetadataIndex(
      cacheFile,
      root,
      Date.now(),
      first.scan.dirs,
      METADATA_FILE_SUFFIX,
      () => undefined,
    );
    const open = async () => (await openMetadataIndex(cacheFile, root, METADATA_FILE_SUFFIX)).index!;
    return { root, paths, open };
  }

  it("answers unchanged folders from the cache without listing them, each file still checked", async () => {
    const { root, open } = await cachedTree();
    const index = await open();
    const run = steps(root, true, (board, scan) => new CacheReconciler(root, index, board, scan));
    const { items } = run.runAll();
    expect(items).toHaveLength(20);
    expect(run.counts).toMatchObject({ read: 0, fromCache: 20 });
    expect(run.scan.listingChanged).toBe(false);
  });

  it("lists a changed folder again and keeps what the cache knew of its files by name", async () => {
    const { root, paths, open } = await cachedTree();
    const removed = paths[0]!;
    fs.rmSync(removed);
    const index = await open();
    let reconciler!: CacheReconciler;
    const run = steps(
      root,
      true,
      (board, scan) => (reconciler = new CacheReconciler(root, index, board, scan)),
    );
    const { items } = run.runAll();
    expect(items).toHaveLength(19);
    expect(items.some((i) => i.path === removed)).toBe(false);
    expect(run.counts).toMatchObject({ read: 0, fromCache: 19 });
    expect(run.scan.listingChanged).toBe(true);
    expect(reconciler.foldersLeft).toBe(0);
  });

  it("trusts only times from before the cached scan began", async () => {
    const { root, open } = await cachedTree();
    const index = await open();
    const reconciler = new CacheReconciler(root, index, {} as JobBoard, new ScanRecord());
    expect(reconciler.trusted(index.startedAt - 5000)).toBe(true);
    expect(reconciler.trusted(index.startedAt)).toBe(false);
    // A whole second may be a coarse clock's rounding of a later time.
    expect(reconciler.trusted(Math.floor(index.startedAt / 1000) * 1000)).toBe(false);
  });
});

describe("assembleItems", () => {
  it("keeps the first file of an item and reports later ones, whatever the ID's case", () => {
    const assembler = new ItemAssembler();
    const a = item("vault", "ID1");
    const b = { ...item("VAULT", "id1"), path: "/r/other" };
    assembler.take(a);
    assembler.take(item("vault", "id2"));
    assembler.take(b);
    expect(assembler.items.map((i) => i.id)).toEqual(["ID1", "id2"]);
    expect(assembler.problems([{ path: "/r/x", reason: "listing" }])).toEqual([
      { path: "/r/x", reason: "listing" },
      { path: "/r/other", reason: `Skipped: item id1 of vault VAULT is already read from ${a.path}.` },
    ]);
  });
});

describe("diffMetadata", () => {
  it("tells added, removed and edited items and vaults gone apart, by identity first", () => {
    const same = item("v1", "a");
    const edited = item("v1", "b", "Old");
    const gone = item("v2", "c");
    const before = { items: [same, edited, gone], problems: [] };
    const added = item("v1", "d");
    const after = { items: [same, { ...edited, title: "New" }, added], problems: [] };
    const changes = diffMetadata(before, after);
    expect(changes.added).toEqual([added]);
    expect(changes.removed).toEqual([gone]);
    expect(changes.edited.map((i) => i.title)).toEqual(["New"]);
    expect(changes.vaultsGone).toEqual(["v2"]);
    expect(changes.any).toBe(true);
  });

  it("passes the common start and end over by identity and finds what changed between them", () => {
    const list = Array.from({ length: 40 }, (_, i) => item(i < 20 ? "v1" : "v2", `i${i}`));
    const before = { items: list, problems: [] };
    const moved = list[5]!;
    const edited = { ...list[10]!, title: "Edited" };
    const added = item("v3", "new");
    // Item 3 removed, 5 moved later, 10 edited, one added: the rest the very same objects.
    const middle = list.slice(4, 30).filter((i) => i !== moved && i !== list[10]);
    const after = {
      items: [...list.slice(0, 3), ...middle, edited, moved, added, ...list.slice(30)],
      problems: [],
    };
    const changes = diffMetadata(before, after);
    expect(changes.added).toEqual([added]);
    expect(changes.removed).toEqual([list[3]]);
    expect(changes.edited).toEqual([edited]);
    expect(changes.vaultsGone).toEqual([]);
    // Every item of vault v2 gone from the end: the vault is gone, not the others.
    const withoutV2 = diffMetadata(before, { items: list.slice(0, 20), problems: [] });
    expect(withoutV2.vaultsGone).toEqual(["v2"]);
    expect(withoutV2.removed).toHaveLength(20);
  });

  it("in slices, tells the same changes and lets the event loop run between slices", async () => {
    // Every item re-read (no object in common): the slowest case, keyed throughout.
    const before = {
      items: Array.from({ length: 60_000 }, (_, i) => item(`v${i % 7}`, `i${i}`)),
      problems: [],
    };
    const after = {
      items: before.items.map((i, n) => (n % 1000 === 0 ? { ...i, title: "Edited" } : { ...i })),
      problems: [],
    };
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const sliced = await diffMetadataInSlices(before, after);
    clearInterval(ticker);
    expect(sliced).toEqual(diffMetadata(before, after));
    expect(sliced.edited).toHaveLength(60);
    expect(turns).toBeGreaterThan(0);
    const controller = new AbortController();
    const diffing = diffMetadataInSlices(before, after, controller.signal);
    controller.abort(new Error("closed"));
    await expect(diffing).rejects.toThrow("closed");
  });

  it("finds nothing when a re-read item says the same, and notices changed problems", () => {
    const a = item("v", "a");
    const unchanged = diffMetadata({ items: [a], problems: [] }, { items: [{ ...a }], problems: [] });
    expect(unchanged).toMatchObject({ added: [], removed: [], edited: [], any: false });
    const withProblem = diffMetadata(
      { items: [a], problems: [] },
      { items: [a], problems: [{ path: "p", reason: "r" }] },
    );
    expect(withProblem).toMatchObject({ problemsChanged: true, any: true });
  });
});

describe("LoadSlices", () => {
  it("ends a long first slice early once a big folder shows", () => {
    const slices = new LoadSlices();
    slices.beginFirst();
    const realNow = performance.now;
    try {
      const start = realNow.call(performance);
      performance.now = () => start + 5;
      expect(slices.due()).toBe(false);
      slices.endFirstEarly(100_000);
      expect(slices.due()).toBe(true);
    } finally {
      performance.now = realNow;
    }
  });
});

describe("metadataState (the watch's view of the folder)", () => {
  it("reads one changed path again: a new file, a folder gone, a file too big", async () => {
    const root = await makeTempDir();
    const paths = await writeMetadataTree(root, generateMetadataRecords(6, { seed: 12 }));
    const folders: string[] = [];
    const gone: string[] = [];
    const state = new MetadataState(
      root,
      200,
      (dir) => folders.push(dir),
      (path) => gone.push(path),
    );
    const signal = new AbortController().signal;
    const vault = join(root, fs.readdirSync(root)[0]!);
    await state.readPath(vault, signal);
    const inVault = paths.filter((p) => p.startsWith(vault + sep));
    expect(folders).toEqual([vault]);
    // The generated files are over 200 bytes: each is reported as too big for this state.
    expect(
      state
        .answer()
        .problems.map((p) => p.path)
        .sort(),
    ).toEqual(inVault.sort());
    expect(state.answer().problems[0]?.reason).toMatch(/over the .* MiB a metadata file can be/);

    fs.rmSync(vault, { recursive: true });
    await state.readPath(vault, signal);
    expect(state.answer()).toEqual({ items: [], problems: [] });
    expect(gone).toContain(vault);
  });

  it("keeps the first file of an item and reports a second one, as a full load does", () => {
    const state = new MetadataState(
      root(),
      1 << 20,
      () => {},
      () => {},
    );
    state.replaceAll({ items: [item("v", "a"), { ...item("v", "A"), path: "/r/v/second" }], problems: [] });
    const { items, problems } = state.answer();
    expect(items).toHaveLength(1);
    expect(problems[0]?.reason).toMatch(/already read from \/r\/v\/a/);
  });
  it("takes a whole answer in as it reads the first changed path, letting the event loop run meanwhile", async () => {
    const state = new MetadataState(
      root(),
      1 << 20,
      () => {},
      () => {},
    );
    const whole = Array.from({ length: 60_000 }, (_, i) => item(`v${i % 7}`, `i${i}`));
    state.replaceAll({ items: whole, problems: [{ path: "/r/v0/odd", reason: "odd" }] });
    let turns = 0;
    let reading = true;
    const turn = () => {
      turns++;
      if (reading) setImmediate(turn);
    };
    setImmediate(turn);
    // Each reading of the clock is 5 ms after the last: every slice is due after one chunk.
    let clock = performance.now();
    const spy = vi.spyOn(performance, "now").mockImplementation(() => (clock += 5));
    try {
      // A path that is gone: it is forgotten, everything else stays.
      await state.readPath(whole[0]!.path!, new AbortController().signal);
    } finally {
      spy.mockRestore();
      reading = false;
    }
    // 60,000 items taken in chunks, a turn after each (at once, only the file's stat would give any).
    expect(turns).toBeGreaterThan(50);
    const { items, problems } = state.answer();
    expect(items).toEqual(whole.slice(1));
    expect(problems).toEqual([{ path: "/r/v0/odd", reason: "odd" }]);
  });
});

function root(): string {
  return sep + "r";
}

describe("a load on a starved thread", () => {
  it("finishes even when every slice is over before it starts (a machine busy with other work)", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(300, { seed: 13 }));
    // Each reading of the clock is 5 ms after the last: every slice is due at once.
    let clock = performance.now();
    const spy = vi.spyOn(performance, "now").mockImplementation(() => (clock += 5));
    try {
      const result = await loadMetadataWithDetails(root, { cacheFile: false, workers: 0 });
      expect(result.items).toHaveLength(300);
    } finally {
      spy.mockRestore();
    }
  });
});
