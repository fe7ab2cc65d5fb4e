// One end-to-end session: the local Connect server, code-server with the packaged extension, and a workbench page.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startCodeServer, type CodeServer } from "./code-server.js";
import { extensionVsix, repoRoot, requireFile, screenshotsDir, artifactsDir } from "./paths.js";
import { openWorkbench, type Workbench } from "./workbench.js";

/** What the e2e suite needs from test/connect-server/server.ts (startConnectServer in /tmp/contracts.md). */
export interface LocalConnectServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

type StartConnectServer = (options: {
  port?: number;
  host?: "127.0.0.1";
  token?: string;
  seed?: string;
}) => Promise<LocalConnectServer>;

/** Loads the local Connect server at run time, with a message naming the missing file when it is not there. */
export async function loadConnectServer(): Promise<StartConnectServer> {
  const path = requireFile(
    join(repoRoot, "test/connect-server/server.ts"),
    "the local Connect server is needed",
  );
  const module = (await import(path)) as { startConnectServer?: StartConnectServer };
  if (typeof module.startConnectServer !== "function")
    throw new Error(`${path} does not export startConnectServer`);
  return module.startConnectServer;
}

export interface SessionOptions {
  /** Files of the workspace folder, relative path → content. */
  /**
   * Files of the workspace folder, relative path → content; or a function that makes them from the started
   * Connect server, for files that must point at its items (they are on disk before the editor starts).
   */
  files:
    Record<string, string> | ((connect: LocalConnectServer | undefined) => Promise<Record<string, string>>);
  /** Start the Connect server with this seed and hand it to the editor through OP_CONNECT_HOST/OP_CONNECT_TOKEN. */
  connectSeed?: string;
  /** Hand the server to the editor through OP_CONNECT_HOST/OP_CONNECT_TOKEN (default); false leaves connecting to the user. */
  connectThroughEnvironment?: boolean;
  settings?: Record<string, unknown>;
  /** Extra environment for the editor, e.g. OP_CONNECT_HOST pointing at a server that is down. */
  env?: Record<string, string>;
  /** Screenshots are the README's pictures (see screenshotsDir), not only the run's artifacts. */
  screenshotsForDocs?: boolean;
}

export interface Session {
  workspace: string;
  connect?: LocalConnectServer;
  codeServer: CodeServer;
  workbench: Workbench;
  close(): Promise<void>;
}

export async function startSession(options: SessionOptions): Promise<Session> {
  requireFile(extensionVsix, "run `npm run package` first (npm run test:e2e does)");
  const workspace = await mkdtemp(join(tmpdir(), "op-bridge-workspace-"));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(workspace, { recursive: true, force: true })];
  const close = async () => {
    // Reverse order: browser, then editor, then server, then files.
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    let connect: LocalConnectServer | undefined;
    if (options.connectSeed !== undefined) {
      const startConnectServer = await loadConnectServer();
      const server = await startConnectServer({ port: 0, host: "127.0.0.1", seed: options.connectSeed });
      connect = server;
      cleanups.push(() => server.close());
    }
    const files = typeof options.files === "function" ? await options.files(connect) : options.files;
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), content);
    }
    const codeServer = await startCodeServer({
      workspace,
      vsixPaths: [extensionVsix],
      settings: options.settings,
      env: {
        ...(connect && options.connectThroughEnvironment !== false
          ? { OP_CONNECT_HOST: connect.url, OP_CONNECT_TOKEN: connect.token }
          : {}),
        ...options.env,
      },
    });
    cleanups.push(() => codeServer.close());
    const workbench = await openWorkbench({
      url: codeServer.workspaceUrl,
      screenshotDir: options.screenshotsForDocs ? screenshotsDir : artifactsDir,
    });
    cleanups.push(() => workbench.close());
    return { workspace, connect, codeServer, workbench, close };
  } catch (error) {
    await close();
    throw error;
  }
}
