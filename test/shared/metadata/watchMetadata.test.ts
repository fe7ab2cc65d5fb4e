import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchMetadata, type LoadMetadataResult } from "../../../shared/src/metadata/index.js";
import {
  generateMetadataRecords,
  metadataFileName,
  writeMetadataTree,
  type MetadataRecord,
} from "../../fixtures/metadata/generate.js";
import { makeTempDir } from "./helpers.js";

/** Collects every result the watch reports and lets a test wait for one that matches. */
function collect() {
  const results: LoadMetadataResult[] = [];
  const waiters: { test: (r: LoadMetadataResult) => boolean; resolve: (r: LoadMetadataResult) => void }[] =
    [];
  return {
    results,
    onChange(result: LoadMetadataResult) {
      results.push(result);
      for (const w of [...waiters]) {
        if (w.test(result)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(result);
        }
      }
    },
    next(test: (r: LoadMetadataResult) => boolean, what: string): Promise<LoadMetadataResult> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for: ${what}`)), 10_000);
        waiters.push({
          test,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
  };
}

describe("watchMetadata", () => {
  it("reports added, changed and removed files, re-reading only those", async () => {
    const root = await makeTempDir();
    const records = generateMetadataRecords(40, { seed: 11 });
    const paths = await writeMetadataTree(root, records);
    const seen = collect();
    const errors: Error[] = [];
    const watch = watchMetadata(root, seen.onChange, {
      debounceMs: 30,
      cacheFile: false,
      onError: (e) => errors.push(e),
    });
    try {
      const initial = await seen.next((r) => r.items.length === 40, "initial load");
      const untouched = initial.items.find((i) => i.path === paths[5]);

      const added: MetadataRecord = {
        ...records[0]!,
        uuid: "newitem0000000000000000000",
        itemTitle: "Added item",
      };
      await writeMetadataTree(root, [added]);
      const afterAdd = await seen.next((r) => r.items.some((i) => i.title === "Added item"), "added file");
      expect(afterAdd.items).toHaveLength(41);
      // Unchanged files keep their very objects: nothing but the new file was read.
      expect(afterAdd.items.find((i) => i.path === paths[5])).toBe(untouched);

      const changed = paths[3]!;
      const record = JSON.parse(await readFile(changed, "utf8")) as MetadataRecord;
      await writeFile(changed, JSON.stringify({ ...record, itemTitle: "Changed title" }));
      const afterChange = await seen.next(
        (r) => r.items.some((i) => i.path === changed && i.title === "Changed title"),
        "changed file",
      );
      expect(afterChange.items).toHaveLength(41);
      expect(afterChange.items.find((i) => i.path === paths[5])).toBe(untouched);

      await rm(paths[7]!);
      const afterRemove = await seen.next((r) => r.items.length === 40, "removed file");
      expect(afterRemove.items.some((i) => i.path === paths[7])).toBe(false);

      await writeFile(changed, "{ broken");
      const afterBreak = await seen.next((r) => r.problems.some((p) => p.path === changed), "broken file");
      expect(afterBreak.problems.find((p) => p.path === changed)?.reason).toMatch(/not valid JSON/);
      expect(afterBreak.items).toHaveLength(39);

      // A new vault folder (on Linux it needs its own watcher) and a file in it.
      const vault = "newvault000000000000000000";
      const inNewVault: MetadataRecord = { ...records[1]!, vaultUUID: vault, vaultName: "New vault" };
      await mkdir(join(root, vault));
      await new Promise((r) => setTimeout(r, 150));
      await writeFile(join(root, vault, metadataFileName(inNewVault)), JSON.stringify(inNewVault));
      await seen.next((r) => r.items.some((i) => i.vaultId === vault), "file in a new vault folder");

      await rm(join(root, vault), { recursive: true });
      await seen.next((r) => !r.items.some((i) => i.vaultId === vault), "vault folder removed");
      expect(errors).toEqual([]);
    } finally {
      watch.close();
    }
  });

  it("gathers a burst of changes into one report", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(10, { seed: 13 }));
    const seen = collect();
    const watch = watchMetadata(root, seen.onChange, { debounceMs: 150, cacheFile: false });
    try {
      await seen.next((r) => r.items.length === 10, "initial load");
      const burst = generateMetadataRecords(30, { seed: 14 });
      await writeMetadataTree(root, burst);
      await seen.next((r) => r.items.length === 40, "all 30 new files");
      await new Promise((r) => setTimeout(r, 300));
      // The initial load, then one report (two if the burst straddled a debounce window).
      expect(seen.results.length).toBeLessThanOrEqual(3);
      expect(seen.results.at(-1)?.items).toHaveLength(40);
    } finally {
      watch.close();
    }
  });

  it("stops reporting after close", async () => {
    const root = await makeTempDir();
    const paths = await writeMetadataTree(root, generateMetadataRecords(5, { seed: 12 }));
    const seen = collect();
    const watch = watchMetadata(root, seen.onChange, { debounceMs: 20, cacheFile: false });
    await seen.next((r) => r.items.length === 5, "initial load");
    watch.close();
    await rm(paths[0]!);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.results).toHaveLength(1);
  });

  it("reports a missing root through onError", async () => {
    const root = join(await makeTempDir(), "missing");
    const error = await new Promise<Error>((resolve) => {
      const watch = watchMetadata(root, () => undefined, { cacheFile: false, onError: resolve });
      setTimeout(() => watch.close(), 5_000);
    });
    expect(error.message).toContain(root);
  });
});
