// What every run/debug suite sets up: a loopback Connect server, a temporary workspace folder opened in the
// stand-in, and RunSecrets over a fresh structure cache (disposed after each test). One place, so the suites
// through Connect and through the desktop app start from the same ground.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { SecretsDebugConfigurationProvider } from "../../../vscode-extension/src/run/debugConfigurationProvider.js";
import { resolveReferenceForInput } from "../../../vscode-extension/src/run/resolveReferenceCommand.js";
import { RunSecrets } from "../../../vscode-extension/src/run/runSecrets.js";
import type {
  SecretsTaskDefinition,
  SecretsTaskProvider,
} from "../../../vscode-extension/src/run/taskProvider.js";
import type { SourceRegistry } from "../../../vscode-extension/src/sources/SourceRegistry.js";
import { StructureCache } from "../../../vscode-extension/src/sources/structureCache.js";
import type { Log } from "../../../vscode-extension/src/log.js";
import { startTestConnect, type TestConnect } from "./connect.js";
import { connectEnv, createTestRegistry } from "./registry.js";
import type * as code from "vscode";
import * as vscode from "../stand-in/vscode.js";

export interface RunSetup {
  /** Default: a registry of the fixture's Connect server only. */
  registry?: SourceRegistry;
  workspaceState?: vscode.MemoryMemento;
  /** Default: a minute, so no progress notification appears unless a test asks for one. */
  progressDelayMs?: number;
}

export interface RunFixture {
  server: TestConnect;
  /** The workspace folder on disk, fresh for the file and opened before each test. */
  folder: string;
  workspaceFolder: code.WorkspaceFolder;
  log(): Log;
  /** RunSecrets as activation builds it, over a new structure cache of the registry. */
  runSecrets(setup?: RunSetup): RunSecrets;
  /** Writes a file into the workspace folder and answers its path. */
  writeFile(name: string, text: string): Promise<string>;
  /**
   * What VS Code does for a launch whose args use `${input:db}`, an input running opBridge.resolveReference
   * with `args`: asks the debug configuration provider first, then runs the input's command.
   */
  launchUsingInput(run: RunSecrets, args: unknown): Promise<string | undefined>;
  /** Resolves an `opBridge` task of the workspace folder with the provider and opens its terminal. */
  openTask(
    provider: SecretsTaskProvider,
    definition: Omit<SecretsTaskDefinition, "type">,
  ): Promise<vscode.StandInTerminal>;
}

/**
 * A Node program that writes the variables it got to `out` and prints PASS in two pieces, in colour,
 * so a masker that looked at one chunk at a time would let it through.
 */
export const recorder = (out: string) =>
  [
    "const fs = require('node:fs');",
    `fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ PASS: process.env.PASS, MODE: process.env.MODE, FORCE_COLOR: process.env.FORCE_COLOR }));`,
    "const p = process.env.PASS || '';",
    "process.stdout.write('\\u001b[32mpassword: ' + p.slice(0, 6));",
    "setTimeout(() => { process.stdout.write(p.slice(6) + '\\u001b[0m\\n'); console.error('err ' + p); }, 30);",
  ].join("\n");

/** Sets up the suite's hooks; the returned function gives the fixture to its tests. */
export function useRunFixture(folderPrefix: string): () => RunFixture {
  let server: TestConnect | undefined;
  let folder = "";
  let workspaceFolder: code.WorkspaceFolder | undefined;
  let caches: StructureCache[] = [];
  const log = () => vscode.window.createOutputChannel("test", { log: true });

  beforeAll(async () => {
    server = await startTestConnect();
    folder = await mkdtemp(join(tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    vscode.standIn.reset();
    server?.clearRequests();
    workspaceFolder = vscode.runStandIn.openFolder(folder);
  });
  afterEach(() => {
    server?.setFaults({});
    caches.forEach((cache) => cache.dispose());
    caches = [];
  });

  const fixture: RunFixture = {
    get server() {
      if (!server) throw new Error("The run fixture's Connect server has not started.");
      return server;
    },
    get folder() {
      return folder;
    },
    get workspaceFolder() {
      if (!workspaceFolder) throw new Error("The run fixture's workspace folder is opened before each test.");
      return workspaceFolder;
    },
    log,
    runSecrets({ registry, workspaceState, progressDelayMs } = {}) {
      const cache = new StructureCache(registry ?? createTestRegistry(connectEnv(fixture.server)));
      caches.push(cache);
      return new RunSecrets({
        cache,
        workspaceState: workspaceState ?? new vscode.MemoryMemento(),
        log: log(),
        progressDelayMs: progressDelayMs ?? 60_000,
      });
    },
    async writeFile(name, text) {
      const path = join(folder, name);
      await writeFile(path, text, "utf8");
      return path;
    },
    launchUsingInput(run, args) {
      vscode.standIn.setSetting("launch.inputs", [
        { id: "db", type: "command", command: "opBridge.resolveReference", args },
      ]);
      const provider = new SecretsDebugConfigurationProvider(run, log());
      const configuration = { type: "node", request: "launch", name: "API", args: ["--db=${input:db}"] };
      provider.resolveDebugConfiguration(fixture.workspaceFolder as never, configuration);
      return resolveReferenceForInput(run, log(), args);
    },
    async openTask(provider, definition) {
      const task = new vscode.Task(
        { type: "opBridge", ...definition },
        fixture.workspaceFolder as never,
        "serve",
        "Workspace",
      );
      const resolved = provider.resolveTask(task as never) as unknown as vscode.Task;
      expect(resolved.execution).toBeInstanceOf(vscode.CustomExecution);
      const pty = await resolved.execution!.callback(resolved.definition);
      vscode.window.createTerminal({ name: resolved.name, pty });
      return vscode.runStandIn.state.terminals.at(-1)!;
    },
  };
  return () => fixture;
}
