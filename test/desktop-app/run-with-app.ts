// Runs a command with the stand-in 1Password desktop app installed for it alone:
//
//   tsx test/desktop-app/run-with-app.ts [--failure <mode>] [--verbose] [--optional] -- <command> [args…]
//
// --optional runs the command without the stand-in where it cannot be installed (npm start does), instead of
// skipping it (not Linux) or refusing (a real 1Password app is installed).
// Outside: refuses where a real 1Password app is installed, builds the ipc-client library, and re-runs
// itself in a private mount namespace (`unshare --mount`, with `--user --map-root-user` when not root).
// Inside: installs the library through an overlay in a tmpfs (install.ts), starts the app, and runs the
// command with OP_BRIDGE_DESKTOP_APP_SOCKET and OP_BRIDGE_DESKTOP_APP_LIBRARY set. When the command ends,
// the namespace ends and the mounts with it: nothing on the machine has changed.
// Linux only: on macOS the SDK would find the real app in /Applications, which the stand-in never shadows.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startDesktopApp } from "./app.js";
import { buildIpcClient } from "./buildIpcClient.js";
import { isFailureMode, FAILURE_MODES, type FailureMode } from "./failures.js";
import { BUILT_LIBRARY, LIBRARY_VARIABLE, findRealApp, installInPrivateNamespace } from "./install.js";
import { SOCKET_VARIABLE } from "./protocol.js";

const STAGE_VARIABLE = "OP_BRIDGE_DESKTOP_APP_SCRATCH";

interface Arguments {
  failure: FailureMode;
  verbose: boolean;
  optional: boolean;
  command: string[];
}

function readArguments(argv: string[]): Arguments {
  const split = argv.indexOf("--");
  const own = split === -1 ? [] : argv.slice(0, split);
  const command = split === -1 ? argv : argv.slice(split + 1);
  const failureAt = own.indexOf("--failure");
  const failure = failureAt === -1 ? "none" : own[failureAt + 1];
  if (!isFailureMode(failure)) fail(`--failure takes one of: ${FAILURE_MODES.join(", ")}.`);
  if (command.length === 0) fail("Name the command to run after --, e.g. -- npx vitest run.");
  return { failure, verbose: own.includes("--verbose"), optional: own.includes("--optional"), command };
}

function fail(message: string): never {
  console.error(`run-with-app: ${message}`);
  process.exit(2);
}

/** Outside the namespace: check, build, and re-run this script inside a new one. */
async function outside(argv: string[]): Promise<number> {
  const { optional, command } = readArguments(argv);
  const withoutStandIn = (reason: string, exitCode: number) => {
    if (!optional) {
      console.error(`run-with-app: ${exitCode === 0 ? "skipped" : "refused"}: ${reason}`);
      return Promise.resolve(exitCode);
    }
    console.error(`run-with-app: running without the desktop app stand-in: ${reason}`);
    return run(command[0]!, command.slice(1), process.env);
  };
  if (process.platform !== "linux") {
    return withoutStandIn("it runs on Linux only (on macOS the SDK would find the real app).", 0);
  }
  const real = findRealApp();
  if (real) {
    return withoutStandIn(
      `a 1Password app is installed here (${real}), and the stand-in never shadows a real app; ` +
        "run the desktop-app suite in a container or on a machine without 1Password.",
      1,
    );
  }
  const asRoot = process.getuid?.() === 0;
  const unshare = ["--mount", "--propagation", "private", ...(asRoot ? [] : ["--user", "--map-root-user"])];
  if (spawnSync("unshare", [...unshare, "true"]).status !== 0) {
    return withoutStandIn(`\`unshare ${unshare.join(" ")}\` cannot make a private mount namespace here.`, 1);
  }
  buildIpcClient();
  const scratch = mkdtempSync(join(tmpdir(), "op-bridge-desktop-app-"));
  const self = fileURLToPath(import.meta.url);
  try {
    return await run("unshare", [...unshare, "--", process.execPath, ...process.execArgv, self, ...argv], {
      ...process.env,
      [STAGE_VARIABLE]: scratch,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Inside the namespace: install, start the app, run the command. */
async function inside(argv: string[], scratch: string): Promise<number> {
  const { failure, verbose, command } = readArguments(argv);
  let installed;
  try {
    installed = installInPrivateNamespace(BUILT_LIBRARY, scratch);
  } catch (error) {
    console.error(
      `run-with-app: could not install the stand-in in a private mount namespace: ${String(error)}`,
    );
    return 1;
  }
  const app = await startDesktopApp({
    socketPath: join(scratch, "1password-desktop-app.sock"),
    failure,
    setLibraryInstalled: installed.setInstalled,
    log: verbose ? (line) => console.error(line) : undefined,
  });
  try {
    return await run(command[0]!, command.slice(1), {
      ...process.env,
      [STAGE_VARIABLE]: "",
      [SOCKET_VARIABLE]: app.socketPath,
      [LIBRARY_VARIABLE]: installed.libraryPath,
    });
  } finally {
    await app.stop();
  }
}

/**
 * Runs a command to its end and answers its exit code. Ctrl-C reaches the command from the terminal (same
 * process group), so this only waits for it to finish; a termination sent to this process is passed on.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    const waitForChild = () => {};
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", waitForChild);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`run-with-app: cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", waitForChild);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal === "SIGINT" ? 130 : 1));
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const scratch = process.env[STAGE_VARIABLE];
  const exitCode = await (scratch ? inside(argv, scratch) : outside(argv));
  process.exit(exitCode);
}
