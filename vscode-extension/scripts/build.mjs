// Bundles the extension with esbuild (the SDK stays out, loaded lazily) and copies the SDK beside the bundle for the .vsix.
/* global console, process */
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { cp, mkdir, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const production = process.argv.includes("--production");
const require = createRequire(join(root, "package.json"));

/** The folder of an installed package (the SDK's exports hide its package.json from require.resolve). */
function packageDir(name) {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, "package.json"))) return dir;
  }
  throw new Error(`${name} is not installed: run npm install at the repository root.`);
}

await rm(join(root, "dist"), { recursive: true, force: true });
// vsce writes the .vsix here but does not create the folder.
if (production) await mkdir(join(root, "release"), { recursive: true });
const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: production,
  sourcemap: production ? false : "linked",
  legalComments: "none",
  logLevel: "warning",
};
// The main bundle, and beside it what it requires on first use: VS Code compiles a required file whole, so code
// that activation does not need (undici, secret detection) waits in files of its own.
const lazyFiles = {
  "./undici-pool.js": "src/bundle/undici-pool.mjs",
  "./secret-detection.js": "../shared/src/secrets/index.ts",
};
await build({
  ...common,
  entryPoints: [join(root, "src/extension.ts")],
  outfile: join(root, "dist/extension.js"),
  // vscode exists only in the extension host; the SDK (14 MB of WASM) is required on first use from dist/node_modules.
  external: ["vscode", "@1password/sdk", ...Object.keys(lazyFiles)],
  // The library's source, so no prior build of shared/ is needed.
  alias: {
    "@op-bridge/shared": join(root, "../shared/src/index.ts"),
  },
  plugins: [
    {
      // Only Pool is used, and only once a Connect server is: see src/bundle/undici.mjs.
      name: "undici-on-first-pool",
      setup(b) {
        b.onResolve({ filter: /^undici$/ }, () => ({ path: join(root, "src/bundle/undici.mjs") }));
      },
    },
    {
      name: "secrets-on-first-scan",
      setup(b) {
        const sharedIndex = join(root, "../shared/src/index.ts");
        b.onResolve({ filter: /^\.\/secrets\/index\.js$/ }, ({ importer }) =>
          importer === sharedIndex ? { path: join(root, "src/bundle/secrets.mjs") } : undefined,
        );
      },
    },
    {
      name: "vscode-once",
      setup(b) {
        const shim = join(root, "src/bundle/vscode.mjs");
        b.onResolve({ filter: /^vscode$/ }, ({ importer }) =>
          importer === shim ? { path: "vscode", external: true } : { path: shim },
        );
      },
    },
  ],
});
for (const [file, entry] of Object.entries(lazyFiles)) {
  await build({ ...common, entryPoints: [join(root, entry)], outfile: join(root, "dist", file) });
}

// Ship the SDK and its core beside the bundle: node resolves dist/node_modules from dist/extension.js.
for (const name of ["@1password/sdk", "@1password/sdk-core"]) {
  const from = packageDir(name);
  const to = join(root, "dist/node_modules", name);
  await mkdir(to, { recursive: true });
  await cp(from, to, {
    recursive: true,
    filter: (source) => !/[/\\](src|test|\.github|node_modules)([/\\]|$)/.test(source.slice(from.length)),
  });
}
for (const file of ["extension.js", ...Object.keys(lazyFiles).map((f) => f.slice(2))]) {
  const { size } = await stat(join(root, "dist", file));
  console.log(`dist/${file}: ${(size / 1024).toFixed(1)} KB${production ? " (minified)" : ""}`);
}
