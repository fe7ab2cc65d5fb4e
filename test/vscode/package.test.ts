// The packaged .vsix: built by `npm run package`, holding the small bundle, the manifest's assets and the SDK beside the bundle.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const vsix = join(root, "vscode-extension/release/op-bridge-vscode.vsix");
let unpacked: string;

beforeAll(async () => {
  execFileSync("npm", ["run", "package", "-w", "vscode-extension"], { cwd: root, stdio: "pipe" });
  // Outside the repository, so nothing can be found in a parent node_modules by accident.
  unpacked = await mkdtemp(join(tmpdir(), "op-bridge-vsix-"));
  execFileSync("unzip", ["-q", vsix, "-d", unpacked]);
}, 180_000);

afterAll(async () => {
  if (unpacked) await rm(unpacked, { recursive: true, force: true });
});

test("the .vsix holds the bundle, icon, README, CHANGELOG, LICENSE and the SDK with its WASM core", async () => {
  const listing = execFileSync("unzip", ["-Z1", vsix], { encoding: "utf8" }).split("\n");
  for (const file of [
    "extension/package.json",
    "extension/dist/extension.js",
    "extension/media/icon.png",
    "extension/readme.md",
    "extension/changelog.md",
    "extension/LICENSE.txt",
    "extension/dist/node_modules/@1password/sdk/dist/sdk.js",
    "extension/dist/node_modules/@1password/sdk-core/nodejs/core_bg.wasm",
  ]) {
    expect(
      listing.map((f) => f.toLowerCase()),
      file,
    ).toContain(file.toLowerCase());
  }
  // No sources, tests or source maps are shipped.
  expect(listing.filter((f) => /\.ts$|\.map$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  expect((await stat(join(unpacked, "extension/dist/extension.js"))).size).toBeLessThan(500 * 1024);
});

test("the manifest names the engine, icon, categories and repository", async () => {
  const manifest = JSON.parse(await readFile(join(unpacked, "extension/package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  expect(manifest).toMatchObject({
    name: "op-bridge-vscode",
    publisher: "op-bridge",
    displayName: "1Password Bridge",
    engines: { vscode: "^1.100.0" },
    main: "./dist/extension.js",
    icon: "media/icon.png",
  });
  expect(manifest.repository).toBeTruthy();
  const png = await readFile(join(unpacked, "extension/media/icon.png"));
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(128);
  expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(128);
});

test("the bundle keeps the SDK out, and the SDK shipped beside it loads on its own", async () => {
  const code = await readFile(join(unpacked, "extension/dist/extension.js"), "utf8");
  expect(code).toContain('import("@1password/sdk")');
  expect(code).not.toContain("core_bg.wasm");
  const probe = join(unpacked, "extension/dist/probe.cjs");
  await writeFile(
    probe,
    'import("@1password/sdk").then((m) => console.log(typeof m.createClient, typeof m.DesktopAuth));',
  );
  expect(execFileSync(process.execPath, [probe], { encoding: "utf8" }).trim()).toBe("function function");
});

test("what activation does not need ships beside the bundle and loads on first use: undici and secret detection", async () => {
  const code = await readFile(join(unpacked, "extension/dist/extension.js"), "utf8");
  // The main bundle only names them; their code (undici's HTTP parser, the provider tables) is elsewhere.
  expect(code).toContain('require("./undici-pool.js")');
  expect(code).toContain('require("./secret-detection.js")');
  expect(code).not.toContain("llhttp");
  expect(code).not.toContain("github_pat_");
  const probe = join(unpacked, "extension/dist/lazy-probe.cjs");
  await writeFile(
    probe,
    [
      'const { Pool } = require("./undici-pool.js");',
      'const pool = new Pool("http://127.0.0.1:9");',
      'const { detectSecrets } = require("./secret-detection.js");',
      'const found = detectSecrets("GITHUB_TOKEN=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\\n");',
      "console.log(typeof pool.request, found.length);",
      "pool.close();",
    ].join("\n"),
  );
  expect(execFileSync(process.execPath, [probe], { encoding: "utf8" }).trim()).toBe("function 1");
});
