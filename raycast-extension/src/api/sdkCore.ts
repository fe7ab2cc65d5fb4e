// The one way the extension reaches the SDK: its WASM core put where the bundled SDK reads it, then sign-in.
import { copyFile, stat, symlink } from "node:fs/promises";
import { join, relative } from "node:path";
import { environment } from "@raycast/api";
import { loadSdkClient, type LoadSdkClientOptions, type SdkClient } from "@op-bridge/shared";

const CORE = "core_bg.wasm";

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * `ray build` inlines `@1password/sdk-core`, which reads `join(__dirname, "core_bg.wasm")` when it loads, but
 * ships only the command bundles and `assets/`. The core travels in assets/ (copied from the installed SDK at
 * install time) and is linked beside the bundle here, once; a copy where links are not allowed (Windows).
 * Outside a bundle (the unit tests, run from source) the SDK finds its core in node_modules and nothing is done.
 */
export async function placeSdkCore(bundleFolder: string | undefined = bundleDirectory()): Promise<void> {
  if (!bundleFolder) return;
  const beside = join(bundleFolder, CORE);
  const shipped = join(environment.assetsPath, CORE);
  if ((await exists(beside)) || !(await exists(shipped))) return;
  try {
    await symlink(relative(bundleFolder, shipped), beside);
  } catch (error) {
    // Another command may have linked it in the meantime; anything else (no symlinks): copy instead.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") await copyFile(shipped, beside);
  }
}

/** The folder of the running bundle; `__dirname` exists only in the CommonJS bundle `ray build` writes. */
function bundleDirectory(): string | undefined {
  return typeof __dirname === "string" ? __dirname : undefined;
}

/** Signs in to the SDK from the extension (sharing, SDK sources): the core is put in place first. */
export async function loadBundledSdkClient(options: LoadSdkClientOptions): Promise<SdkClient> {
  await placeSdkCore();
  return loadSdkClient(options);
}
