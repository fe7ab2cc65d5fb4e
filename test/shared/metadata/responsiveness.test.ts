import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../shared/src/metadata/index.js";
import { generateMetadataRecords, writeMetadataTree } from "../../fixtures/metadata/generate.js";
import { makeTempDir } from "./helpers.js";

describe("loadMetadata off the caller's thread", () => {
  it("lets the event loop run between slices while loading 20,000 files", async () => {
    const root = await makeTempDir();
    await writeMetadataTree(root, generateMetadataRecords(20_000, { seed: 21 }));
    // Each turn of the event loop runs one queued setImmediate. How long a slice lasts is the
    // benchmark's business (npm run bench, metadata section): a shared machine makes a limit flaky.
    let turns = 0;
    let loading = true;
    const turn = () => {
      turns++;
      if (loading) setImmediate(turn);
    };
    setImmediate(turn);
    const { items } = await loadMetadata(root, { cacheFile: false });
    loading = false;
    expect(items).toHaveLength(20_000);
    // Slices of a few milliseconds: reading 20,000 files takes dozens of them on any machine,
    // where one synchronous read would leave a turn or two.
    expect(turns).toBeGreaterThan(20);
  }, 60_000);

  it("still works when bundled into one file, as the extensions ship it", async () => {
    const dir = await makeTempDir();
    const root = join(dir, "metadata");
    await writeMetadataTree(root, generateMetadataRecords(25, { seed: 22 }));
    const entry = join(dir, "entry.ts");
    const library = fileURLToPath(new URL("../../../shared/src/metadata/index.ts", import.meta.url));
    await writeFile(
      entry,
      `import { loadMetadata } from ${JSON.stringify(library)};\n` +
        `loadMetadata(process.argv[2], { cacheFile: false }).then((r) => console.log(JSON.stringify({ n: r.items.length, p: r.problems.length, t: r.items[0].title })));\n`,
    );
    // Both shapes the extensions use: CommonJS (Raycast, VS Code), minified with kept names.
    for (const format of ["cjs", "esm"] as const) {
      const outfile = join(dir, `bundle.${format === "cjs" ? "cjs" : "mjs"}`);
      await build({
        entryPoints: [entry],
        bundle: true,
        platform: "node",
        format,
        minify: true,
        keepNames: true,
        outfile,
        logLevel: "silent",
      });
      const run = spawnSync(process.execPath, [outfile, root], { encoding: "utf8", timeout: 30_000 });
      expect(run.stderr, format).toBe("");
      const answer = JSON.parse(run.stdout) as { n: number; p: number; t: string };
      expect(answer, format).toMatchObject({ n: 25, p: 0 });
      expect(answer.t.length, format).toBeGreaterThan(0);
    }
  }, 60_000);
});
