// `npm start`: builds everything and runs the product on demo data — a real VS Code with the extension, connected
// to the local Connect server; `npm start -- --check` brings the same stack up, checks it answers, and exits.
import { mkdir, rm } from "node:fs/promises";
import { platform } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startCodeServer, type CodeServer } from "../test/e2e/harness/code-server.js";
import { extensionVsix, repoRoot, requireFile, setupScript } from "../test/e2e/harness/paths.js";
import { findFreePort } from "../test/e2e/harness/processes.js";
import { loadConnectServer, type LocalConnectServer } from "../test/e2e/harness/session.js";
import { loadSdkClient } from "@op-bridge/shared";
import { DEMO_ACCOUNTS } from "../test/desktop-app/accounts.js";
import { SOCKET_VARIABLE } from "../test/desktop-app/protocol.js";
import { checkStack } from "./start/check.js";
import { collectDemoReferences, demoSettings, writeDemoProject } from "./start/demo-project.js";
import { createProgress, runCommand } from "./start/progress.js";

const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    port: { type: "string" },
  },
});

const demoRoot = join(repoRoot, ".cache/demo");
const metadataRoot = join(demoRoot, "metadata");
const projectRoot = join(demoRoot, "project");

const stops: (() => Promise<unknown>)[] = [];
let stopping = false;

/** Stops what this script started, newest first, once. */
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

async function writeMetadata(): Promise<void> {
  const path = requireFile(
    join(repoRoot, "test/fixtures/metadata/demo.ts"),
    "the demo metadata fixture (writeDemoMetadata) is needed",
  );
  const { writeDemoMetadata } = (await import(path)) as {
    writeDemoMetadata?: (root: string) => Promise<unknown>;
  };
  if (typeof writeDemoMetadata !== "function") throw new Error(`${path} does not export writeDemoMetadata`);
  await rm(metadataRoot, { recursive: true, force: true });
  await mkdir(metadataRoot, { recursive: true });
  await writeDemoMetadata(metadataRoot);
}

async function choosePort(): Promise<number> {
  if (args.port !== undefined) {
    const port = Number(args.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new Error(`--port ${args.port} is not a port number`);
    return port;
  }
  // A stable address when it is free, so a bookmark keeps working between runs.
  const preferred = 8080;
  const probe = await fetch(`http://127.0.0.1:${preferred}/`, { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  return probe ? findFreePort() : preferred;
}

async function main(): Promise<number> {
  // The shared library is already built: the root script runs `npm run build` before this file.
  const progress = createProgress(6);
  await progress.step("Packaging the VS Code extension", () =>
    runCommand("npm", ["run", "package"], { cwd: repoRoot }),
  );
  await progress.step("Installing code-server (the real VS Code; the first run takes a few minutes)", () =>
    runCommand("bash", [setupScript], { cwd: repoRoot }),
  );
  requireFile(extensionVsix, "`npm run package` did not write it");

  await progress.step(`Writing the demo 1Password 7 metadata folder (${metadataRoot})`, writeMetadata);

  const connect: LocalConnectServer = await progress.step(
    "Starting the local Connect server (demo seed)",
    async () => {
      const startConnectServer = await loadConnectServer();
      const server = await startConnectServer({ port: 0, host: "127.0.0.1", seed: "demo" });
      stops.push(() => server.close());
      return server;
    },
  );

  await progress.step(`Writing the demo project (${projectRoot})`, async () => {
    await rm(projectRoot, { recursive: true, force: true });
    await writeDemoProject(projectRoot, await collectDemoReferences(connect.url, connect.token));
  });

  const codeServer: CodeServer = await progress.step(
    "Starting VS Code (code-server) with the extension",
    async () => {
      const server = await startCodeServer({
        workspace: projectRoot,
        vsixPaths: [extensionVsix],
        port: await choosePort(),
        env: { OP_CONNECT_HOST: connect.url, OP_CONNECT_TOKEN: connect.token },
        settings: demoSettings,
      });
      stops.push(() => server.close());
      return server;
    },
  );

  if (args.check) {
    const results = [...(await checkStack({ connect, codeServer })), ...(await checkDesktopApp())];
    for (const result of results)
      progress.info(`${result.ok ? "ok  " : "FAIL"} ${result.name}: ${result.detail}`);
    const failed = results.filter((r) => !r.ok);
    progress.info(
      failed.length === 0 ? "check: the whole stack answers" : `check: ${failed.length} part(s) failed`,
    );
    return failed.length === 0 ? 0 : 1;
  }

  progress.info(`
1Password Bridge is running on demo data (no 1Password account involved).

  Open ${codeServer.workspaceUrl}

What to try first:
  1. Open .env and hover an op:// reference: vault, item and field, never the value.
  2. Command palette (F1) → "1Password: Insert Secret Reference", pick an item and a field.
  3. The 1Password view in the activity bar: vaults → items → fields.
  4. Open legacy.env: "Save in 1Password" above each plain-text secret moves it into a vault.
  5. F1 → "1Password: Preview with Secrets" on config.yaml (resolved in memory, nothing written).${desktopAppHint()}

Local Connect server: ${connect.url} (token ${connect.token}, a demo token for this run only)`);
  if (platform() === "darwin") {
    progress.info(`
Raycast: in another terminal, run  cd raycast-extension && npx ray develop
  and set the extension's metadata folder preference to ${metadataRoot}`);
  }
  progress.info("\nPress Ctrl-C to stop everything.");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  progress.info("\nStopping…");
  return 0;
}

/** Signs in to the stand-in desktop app through the real SDK, when npm start runs with one. */
async function checkDesktopApp(): Promise<{ name: string; ok: boolean; detail: string }[]> {
  if (!process.env[SOCKET_VARIABLE]) return [];
  const name = "desktop app (stand-in)";
  try {
    const client = await loadSdkClient({ auth: { desktopAccount: DEMO_ACCOUNTS.company.name } });
    const vaults = await client.vaults.list();
    return [
      { name, ok: true, detail: `signed in to ${DEMO_ACCOUNTS.company.name}: ${vaults.length} vaults` },
    ];
  } catch (error) {
    return [{ name, ok: false, detail: error instanceof Error ? error.message : String(error) }];
  }
}

/** On Linux `npm start` runs under test/desktop-app/run-with-app.ts, so the desktop app source can be tried too. */
function desktopAppHint(): string {
  if (!process.env[SOCKET_VARIABLE]) return "";
  return `
  6. F1 → "1Password: Sign In with Service Account or Desktop App…" → "1Password Desktop App", account
     "${DEMO_ACCOUNTS.company.name}" (or "${DEMO_ACCOUNTS.personal.name}"): a stand-in desktop app with the same demo data
     answers through the real 1Password SDK (test/desktop-app).`;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  process.stderr.write(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stopAll();
}
process.exit(code);
