// Slow suite: the extension builds with the real `ray build`, in the workspace and as a released folder alone.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = join(import.meta.dirname, "..", "..");
const extension = join(repo, "raycast-extension");

describe("Raycast extension build (slow)", () => {
  it("ray build -e dist writes the command bundle into a temporary folder", async () => {
    const out = await mkdtemp(join(tmpdir(), "ray-build-"));
    try {
      // Types are checked by the extension's tsc below; ray's own check wants tsc inside the folder.
      await run("npx", ["ray", "build", "-e", "dist", "--skip-types", "-o", out], { cwd: extension });
      await run("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"], { cwd: extension });
      const manifest = JSON.parse(await readFile(join(out, "package.json"), "utf8")) as {
        commands: { name: string }[];
      };
      expect(manifest.commands.map((c) => c.name)).toContain("search-items");
      expect((await stat(join(out, "search-items.js"))).size).toBeGreaterThan(1000);
      expect((await stat(join(out, "assets", "icon.png"))).size).toBeGreaterThan(100);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 180_000);

  it("npm run release:raycast writes a folder that installs and builds on its own", async () => {
    await run("npm", ["run", "release:raycast"], { cwd: repo });
    const alone = await mkdtemp(join(tmpdir(), "ray-release-"));
    const out = await mkdtemp(join(tmpdir(), "ray-release-out-"));
    try {
      await cp(join(extension, "release"), alone, { recursive: true });
      const manifest = JSON.parse(await readFile(join(alone, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
      };
      expect(manifest.dependencies["@op-bridge/shared"]).toBe("file:./vendor/op-bridge-shared");
      await run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: alone });
      await run("npx", ["ray", "build", "-e", "dist", "-o", out], { cwd: alone });
      expect((await stat(join(out, "search-items.js"))).size).toBeGreaterThan(1000);
    } finally {
      await rm(alone, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  }, 600_000);
});
