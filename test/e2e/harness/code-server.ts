// Starts a real VS Code (code-server) on loopback with a fresh profile and a given .vsix installed.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { codeServerBin, codeServerEnv, requireFile } from "./paths.js";
import { findFreePort, startProcess, waitForHttp, type StartedProcess } from "./processes.js";

const run = promisify(execFile);

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  workspace: string;
  /** Extensions to install before start. */
  vsixPaths?: string[];
  /** Written to User/settings.json before start. */
  settings?: Record<string, unknown>;
  /** Added to code-server's environment (the extension host inherits it): OP_CONNECT_HOST/OP_CONNECT_TOKEN. */
  env?: Record<string, string>;
  port?: number;
  /** Keep the profile folders after close (npm start keeps nothing either; tests may inspect them). */
  keepProfile?: boolean;
}

export interface CodeServer {
  url: string;
  /** The workbench page opened on the workspace folder. */
  workspaceUrl: string;
  userDataDir: string;
  extensionsDir: string;
  process: StartedProcess;
  listExtensions(): Promise<string[]>;
  close(): Promise<void>;
}

function requireCodeServer(): string {
  return requireFile(
    codeServerBin,
    "run `bash test/e2e/setup.sh` (npm run test:e2e does) to install code-server",
  );
}

/** `code-server --list-extensions` for a given extensions folder. */
export async function listInstalledExtensions(extensionsDir: string): Promise<string[]> {
  const { stdout } = await run(
    requireCodeServer(),
    ["--list-extensions", "--extensions-dir", extensionsDir],
    {
      env: codeServerEnv(),
    },
  );
  return stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const bin = requireCodeServer();
  const profile = await mkdtemp(join(tmpdir(), "op-bridge-code-server-"));
  const userDataDir = join(profile, "data");
  const extensionsDir = join(profile, "extensions");
  await mkdir(join(userDataDir, "User"), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "workbench.enableExperiments": false,
    "chat.commandCenter.enabled": false,
    "workbench.colorTheme": "Default Dark Modern",
    "editor.minimap.enabled": false,
    ...options.settings,
  };
  await writeFile(join(userDataDir, "User", "settings.json"), JSON.stringify(settings, null, 2));

  for (const vsix of options.vsixPaths ?? []) {
    requireFile(vsix, "package the extension first (`npm run package`)");
    await run(
      bin,
      ["--install-extension", vsix, "--extensions-dir", extensionsDir, "--user-data-dir", userDataDir],
      { env: codeServerEnv() },
    );
  }

  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const env = codeServerEnv({ ...process.env, ...options.env });
  // The runner's own tokens must not leak into the editor: only what the test passes in.
  if (options.env?.OP_CONNECT_HOST === undefined) delete env.OP_CONNECT_HOST;
  if (options.env?.OP_CONNECT_TOKEN === undefined) delete env.OP_CONNECT_TOKEN;
  delete env.OP_SERVICE_ACCOUNT_TOKEN;
  const child = startProcess(
    bin,
    [
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--user-data-dir",
      userDataDir,
      "--extensions-dir",
      extensionsDir,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      options.workspace,
    ],
    { env },
  );
  const close = async () => {
    await child.stop();
    if (!options.keepProfile) await rm(profile, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/healthz`, { timeoutMs: 60_000, describe: () => child.output() });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    url,
    workspaceUrl: `${url}/?folder=${encodeURIComponent(options.workspace)}`,
    userDataDir,
    extensionsDir,
    process: child,
    listExtensions: () => listInstalledExtensions(extensionsDir),
    close,
  };
}
