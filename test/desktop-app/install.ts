// Puts the stand-in's library where @1password/sdk looks for the desktop app's, for one run only:
// inside a private mount namespace, through an overlay whose changes live in a tmpfs, so nothing on the
// machine changes and the namespace's end takes it all away. Never touches a real 1Password install.
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the SDK looks on Linux, in its order (node_modules/@1password/sdk/dist/shared_lib_core.js). */
export const SDK_LIBRARY_LOCATIONS = [
  "/usr/bin/1password/libop_sdk_ipc_client.so",
  "/opt/1Password/libop_sdk_ipc_client.so",
  "/snap/bin/1password/libop_sdk_ipc_client.so",
];

/** The library node-gyp builds from ipc-client/. */
export const BUILT_LIBRARY = fileURLToPath(
  new URL("./ipc-client/build/Release/op_sdk_ipc_client.node", import.meta.url),
);

/** Where run-with-app.ts tells its command the stand-in's library is. */
export const LIBRARY_VARIABLE = "OP_BRIDGE_DESKTOP_APP_LIBRARY";

/** A file beside the stand-in's library: its presence says the folder is ours (only ever inside our namespace). */
const MARKER = "op-bridge-stand-in";

/** A real 1Password app's folder or library, if one is installed here (then the stand-in refuses to run). */
export function findRealApp(): string | undefined {
  for (const library of SDK_LIBRARY_LOCATIONS) {
    const folder = dirname(library);
    if ((existsSync(library) || existsSync(folder)) && !existsSync(join(folder, MARKER))) return folder;
  }
  return undefined;
}

export interface InstalledLibrary {
  libraryPath: string;
  /** Hides the library (the app "not installed") or brings it back. */
  setInstalled(installed: boolean): void;
}

/**
 * Installs `library` at the SDK's /opt/1Password location (or /usr/bin/1password where there is no /opt).
 * Call only inside a private mount namespace: `scratch` gets a tmpfs holding the overlay's changes.
 */
export function installInPrivateNamespace(library: string, scratch: string): InstalledLibrary {
  const parent = existsSync("/opt") ? "/opt" : "/usr/bin";
  const folder = join(parent, parent === "/opt" ? "1Password" : "1password");
  execFileSync("mount", ["-t", "tmpfs", "-o", "mode=0755", "op-bridge-stand-in", scratch]);
  mkdirSync(join(scratch, "upper"));
  mkdirSync(join(scratch, "work"));
  const layers = `lowerdir=${parent},upperdir=${join(scratch, "upper")},workdir=${join(scratch, "work")}`;
  execFileSync("mount", ["-t", "overlay", "op-bridge-stand-in", "-o", layers, parent]);
  mkdirSync(folder);
  writeFileSync(join(folder, MARKER), "The 1Password Bridge test stand-in, in a private mount namespace.\n");
  const libraryPath = join(folder, "libop_sdk_ipc_client.so");
  copyFileSync(library, libraryPath);
  return { libraryPath, setInstalled: (installed) => setLibraryInstalled(libraryPath, installed) };
}

/** The installation run-with-app.ts made for this process, or undefined outside it. */
export function ourInstallation(): InstalledLibrary | undefined {
  const libraryPath = process.env[LIBRARY_VARIABLE];
  if (!libraryPath || !existsSync(join(dirname(libraryPath), MARKER))) return undefined;
  return { libraryPath, setInstalled: (installed) => setLibraryInstalled(libraryPath, installed) };
}

function setLibraryInstalled(libraryPath: string, installed: boolean): void {
  if (!existsSync(join(dirname(libraryPath), MARKER))) {
    throw new Error(`${dirname(libraryPath)} is not the stand-in's folder: refusing to change it.`);
  }
  const hidden = `${libraryPath}.hidden`;
  if (installed && existsSync(hidden)) renameSync(hidden, libraryPath);
  if (!installed && existsSync(libraryPath)) renameSync(libraryPath, hidden);
}
