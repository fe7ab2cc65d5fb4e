// Writes raycast-extension/release/: the extension with the built shared library vendored, buildable on its own.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copySdkCore } from "./prepare-raycast.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const extension = join(repo, "raycast-extension");
const release = join(extension, "release");
const vendored = join(release, "vendor", "op-bridge-shared");
const SKIPPED = new Set(["node_modules", "release", "dist", ".cache", "raycast-env.d.ts"]);
const require = createRequire(import.meta.url);

type Manifest = Record<string, unknown> & {
  version?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

async function readJson(path: string): Promise<Manifest> {
  return JSON.parse(await readFile(path, "utf8")) as Manifest;
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: "inherit" });
}

/** The version of a package as installed here (its package.json is not exported: found from its entry). */
function installedVersion(name: string): string {
  for (let folder = dirname(require.resolve(name)); folder !== dirname(folder); folder = dirname(folder)) {
    const path = join(folder, "package.json");
    const found = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : undefined;
    if (found?.name === name && found.version) return found.version;
  }
  throw new Error(`${name} is not installed: run npm ci first`);
}

async function main(): Promise<void> {
  run("npx", ["tsc", "-p", "shared/tsconfig.build.json"], repo);
  await rm(release, { recursive: true, force: true });
  await mkdir(release, { recursive: true });
  // Entry by entry: cp refuses to copy a folder into its own subfolder.
  for (const entry of await readdir(extension)) {
    if (!SKIPPED.has(entry)) await cp(join(extension, entry), join(release, entry), { recursive: true });
  }

  // The shared library travels as a local package: its built JavaScript, types and runtime deps.
  const shared = await readJson(join(repo, "shared", "package.json"));
  await mkdir(vendored, { recursive: true });
  await cp(join(repo, "shared", "dist"), join(vendored, "dist"), {
    recursive: true,
    filter: (source) => !source.endsWith(".map") && !source.includes(".test."),
  });
  await writeFile(
    join(vendored, "package.json"),
    JSON.stringify(
      {
        name: "@op-bridge/shared",
        version: shared.version,
        private: true,
        type: "module",
        main: "./dist/index.js",
        types: "./dist/index.d.ts",
        exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
        dependencies: shared.dependencies,
      },
      null,
      2,
    ) + "\n",
  );

  const manifest = await readJson(join(extension, "package.json"));
  manifest.dependencies = {
    ...manifest.dependencies,
    ...shared.dependencies,
    ...shared.peerDependencies,
    // Exactly the SDK installed here, so the core shipped in assets/ is the one its bundle expects.
    "@1password/sdk": installedVersion("@1password/sdk"),
    "@op-bridge/shared": "file:./vendor/op-bridge-shared",
  };
  await copySdkCore(release);
  await writeFile(join(release, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  // Its own lock file, as the Raycast Store requires; resolved from the registry, nothing installed.
  run("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund", "--ignore-scripts"], release);
  console.log(`Raycast extension release written to ${release}`);
}

await main();
