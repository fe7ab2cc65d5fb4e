// Runs after `npm install` (the root's postinstall): makes raycast-extension/ ready for Raycast's own tools.
import { copyFile, mkdir, readlink, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const extension = join(repo, "raycast-extension");

/** Where the installed 1Password SDK keeps its WASM core (the SDK resolves `@1password/sdk-core` from itself). */
export function installedSdkCore(from = repo): string {
  const sdk = createRequire(join(from, "package.json")).resolve("@1password/sdk");
  return createRequire(sdk).resolve("@1password/sdk-core/nodejs/core_bg.wasm");
}

/**
 * The SDK reads its core from beside the bundle at run time, and `ray build` ships only the bundles and
 * assets/: the core travels in assets/, byte for byte the installed one (see src/api/sdkCore.ts).
 */
export async function copySdkCore(extensionFolder: string, from = repo): Promise<void> {
  await mkdir(join(extensionFolder, "assets"), { recursive: true });
  await copyFile(installedSdkCore(from), join(extensionFolder, "assets", "core_bg.wasm"));
}

/**
 * `ray build` checks types with ./node_modules/.bin/tsc inside the extension folder, and refuses to build
 * without it; npm workspaces hoist TypeScript to the root, so the root's compiler is linked there.
 */
async function linkTypeScriptCompiler(): Promise<void> {
  const bin = join(extension, "node_modules", ".bin");
  const link = join(bin, "tsc");
  const target = relative(bin, createRequire(join(repo, "package.json")).resolve("typescript/bin/tsc"));
  if ((await readlink(link).catch(() => undefined)) === target) return;
  await mkdir(bin, { recursive: true });
  await rm(link, { force: true });
  try {
    await symlink(target, link);
  } catch (error) {
    // Windows without Developer Mode cannot make symlinks: say so rather than fail the whole install.
    console.warn(
      `Could not link ${link} (${(error as Error).message}); run \`npm install typescript\` in raycast-extension.`,
    );
  }
}

async function main(): Promise<void> {
  await linkTypeScriptCompiler();
  await copySdkCore(extension);
}

// Run as a script (postinstall), not when release-raycast.ts imports the helpers above.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
