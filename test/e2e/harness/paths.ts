// Where the e2e suite and npm start find code-server, the packaged extension and their scratch space.
import { existsSync } from "node:fs";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const e2eRoot = fileURLToPath(new URL("../", import.meta.url));
export const codeServerBin = fileURLToPath(new URL("../node_modules/.bin/code-server", import.meta.url));
/** code-server's own Node 20 (test/e2e/setup.sh installs it; the repository runs on Node 22). */
export const codeServerNodeBin = fileURLToPath(new URL("../.cache/code-server-node", import.meta.url));
/** An environment whose `node` is code-server's: its launcher starts with `#!/usr/bin/env node`. */
export function codeServerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, PATH: [codeServerNodeBin, env.PATH].filter(Boolean).join(delimiter) };
}
export const setupScript = fileURLToPath(new URL("../setup.sh", import.meta.url));
export const artifactsDir = fileURLToPath(new URL("../.artifacts/", import.meta.url));
/**
 * The README's pictures. A test run writes its pictures to the artifacts instead, so it leaves the
 * checkout unchanged (every run's pixels differ a little); `UPDATE_SCREENSHOTS=1` refreshes these.
 */
const readmeScreenshotsDir = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
export const screenshotsDir = process.env.UPDATE_SCREENSHOTS === "1" ? readmeScreenshotsDir : artifactsDir;
export const extensionVsix = fileURLToPath(
  new URL("../../../vscode-extension/release/op-bridge-vscode.vsix", import.meta.url),
);
export const extensionId = "op-bridge.op-bridge-vscode";
export const chromiumPath = "/usr/bin/chromium";

/** Throws a message naming what to run when a prerequisite of the suite is missing (never skip silently). */
export function requireFile(path: string, howToGetIt: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${howToGetIt}`);
  return path;
}
