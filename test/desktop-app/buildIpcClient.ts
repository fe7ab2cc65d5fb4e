// Builds the stand-in's ipc-client library with node-gyp (npm's own copy) against this machine's Node
// headers, unless the built library is newer than its sources. No header download.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT_LIBRARY } from "./install.js";

const folder = fileURLToPath(new URL("./ipc-client/", import.meta.url));
const sources = ["ipc_client.cc", "binding.gyp"].map((name) => join(folder, name));

export function buildIpcClient(): string {
  const built = existsSync(BUILT_LIBRARY) ? statSync(BUILT_LIBRARY).mtimeMs : 0;
  if (sources.every((source) => statSync(source).mtimeMs < built)) return BUILT_LIBRARY;
  const env = { ...process.env };
  // Node's headers beside the running node (e.g. /usr/include/node): build against them, offline.
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, "include", "node", "node_api.h"))) {
    env.npm_config_nodedir = prefix;
  }
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: folder, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(
      `Building the desktop app stand-in's library failed (node-gyp; needs g++, make, python3 and Node's headers):\n` +
        `${result.stdout ?? ""}${result.stderr ?? ""}`,
    );
  }
  return BUILT_LIBRARY;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(buildIpcClient());
}
