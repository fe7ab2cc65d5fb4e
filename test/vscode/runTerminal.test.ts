// Tasks, ad-hoc terminals, `${input:}` and 1Password Environments: real processes get resolved values (read back from
// what they wrote), their output shows `<concealed by 1Password>` instead, and failures say why.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { concealedText } from "@op-bridge/shared";
import { SecretsDebugConfigurationProvider } from "../../vscode-extension/src/run/debugConfigurationProvider.js";
import { resolveReferenceForInput } from "../../vscode-extension/src/run/resolveReferenceCommand.js";
import { runInTerminalWithSecrets } from "../../vscode-extension/src/run/runInTerminal.js";
import { RunSecrets } from "../../vscode-extension/src/run/runSecrets.js";
import {
  SecretsTaskProvider,
  type SecretsTaskDefinition,
} from "../../vscode-extension/src/run/taskProvider.js";
import { useEnvironmentInLaunch } from "../../vscode-extension/src/run/useEnvironment.js";
import type { SourceRegistry } from "../../vscode-extension/src/sources/SourceRegistry.js";
import { StructureCache } from "../../vscode-extension/src/sources/structureCache.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import type * as code from "vscode";
import * as vscode from "./stand-in/vscode.js";

const { standIn, runStandIn } = vscode;
const password = "s3cr3t-value-never-shown";
const passwordReference = "op://Development/Postgres Staging/password";
const allow = { message: "Allow" };

let server: TestConnect;
let folder: string;
let workspaceFolder: code.WorkspaceFolder;
let caches: StructureCache[] = [];

beforeAll(async () => {
  server = await startTestConnect();
  folder = await mkdtemp(join(tmpdir(), "op-run-terminal-"));
});
afterAll(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});
beforeEach(() => {
  standIn.reset();
  server.clearRequests();
  workspaceFolder = runStandIn.openFolder(folder);
});
afterEach(() => {
  caches.forEach((cache) => cache.dispose());
  caches = [];
});

const log = () => vscode.window.createOutputChannel("test", { log: true });

function runSecrets(registry: SourceRegistry = createTestRegistry(connectEnv(server))) {
  const cache = new StructureCache(registry);
  caches.push(cache);
  return new RunSecrets({
    cache,
    workspaceState: new vscode.MemoryMemento(),
    log: log(),
    progressDelayMs: 60_000,
  });
}

/**
 * A Node program that writes the variables it got to `out` and prints the password in two pieces, in colour,
 * so a masker that looked at one chunk at a time would let it through.
 */
const recorder = (out: string) =>
  [
    "const fs = require('node:fs');",
    `fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ PASS: process.env.PASS, MODE: process.env.MODE, FORCE_COLOR: process.env.FORCE_COLOR }));`,
    "const p = process.env.PASS || '';",
    "process.stdout.write('\\u001b[32mpassword: ' + p.slice(0, 6));",
    "setTimeout(() => { process.stdout.write(p.slice(6) + '\\u001b[0m\\n'); console.error('err ' + p); }, 30);",
  ].join("\n");

async function openTask(provider: SecretsTaskProvider, definition: Omit<SecretsTaskDefinition, "type">) {
  const task = new vscode.Task(
    { type: "opBridge", ...definition },
    workspaceFolder as never,
    "serve",
    "Workspace",
  );
  const resolved = provider.resolveTask(task as never) as unknown as vscode.Task;
  expect(resolved.execution).toBeInstanceOf(vscode.CustomExecution);
  const pty = await resolved.execution!.callback(resolved.definition);
  vscode.window.createTerminal({ name: resolved.name, pty });
  return runStandIn.state.terminals.at(-1)!;
}

describe("the opBridge task type", () => {
  test("runs the program with resolved references and masks their values in its output, colours kept", async () => {
    const out = join(folder, "task-out.json");
    const provider = new SecretsTaskProvider(runSecrets(), log());
    standIn.answer(allow);
    const terminal = await openTask(provider, {
      command: process.execPath,
      args: ["-e", recorder(out)],
      env: { PASS: passwordReference, MODE: "plain" },
    });
    expect(await terminal.exited).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual({
      PASS: password,
      MODE: "plain",
      FORCE_COLOR: "1",
    });
    const shown = terminal.output();
    expect(shown).not.toContain(password);
    expect(shown).toContain(`\u001b[32mpassword: ${concealedText}\u001b[0m\r\n`);
    expect(shown).toContain(`err ${concealedText}\r\n`);
    expect(shown).toContain("Exited with code 0");
  });

  test("an envFile of the task is read in memory; the file stays as it was", async () => {
    const out = join(folder, "task-envfile-out.json");
    const envFile = join(folder, "task.env");
    await writeFile(envFile, `PASS='${passwordReference}'\nMODE=from-file\n`);
    const provider = new SecretsTaskProvider(runSecrets(), log());
    standIn.answer(allow);
    const terminal = await openTask(provider, {
      command: process.execPath,
      args: ["-e", recorder(out)],
      envFile,
    });
    expect(await terminal.exited).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ PASS: password, MODE: "from-file" });
    expect(await readFile(envFile, "utf8")).toBe(`PASS='${passwordReference}'\nMODE=from-file\n`);
  });

  test("a reference that fails stops the task before it starts: the terminal and a notification say why", async () => {
    const out = join(folder, "never.json");
    const provider = new SecretsTaskProvider(runSecrets(), log());
    standIn.answer(allow);
    const terminal = await openTask(provider, {
      command: process.execPath,
      args: ["-e", recorder(out)],
      env: { PASS: "op://Development/Postgres Staging/nope" },
    });
    expect(await terminal.exited).toBe(1);
    expect(terminal.output()).toContain(
      'PASS could not be set from op://Development/Postgres Staging/nope: no field is named "nope"',
    );
    expect(standIn.state.notifications.filter((n) => n.level === "error")).toEqual([
      {
        level: "error",
        message: expect.stringMatching(/^PASS could not be set/),
        items: ["Open tasks.json"],
      },
    ]);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  test("a task without a command is not one of ours to resolve", () => {
    const provider = new SecretsTaskProvider(runSecrets(), log());
    const task = new vscode.Task({ type: "opBridge" }, workspaceFolder as never, "empty", "Workspace");
    expect(provider.resolveTask(task as never)).toBeUndefined();
    expect(provider.provideTasks()).toEqual([]);
  });
});

describe("Run in Terminal with Secrets", () => {
  test("runs a command line with the chosen .env's references resolved and its output masked", async () => {
    const out = join(folder, "adhoc-out.json");
    const script = join(folder, "record.js");
    await writeFile(script, recorder(out));
    const envPath = join(folder, ".env");
    await writeFile(envPath, `PASS="${passwordReference}"\nMODE=adhoc\n`);
    runStandIn.state.files = [vscode.Uri.file(envPath)];
    standIn.answer({ quickPick: ".env" }, { input: `"${process.execPath}" record.js` }, allow);
    await runInTerminalWithSecrets(runSecrets(), log());
    const terminal = runStandIn.state.terminals.at(-1)!;
    expect(terminal.name).toBe(`1Password: "${process.execPath}" record.js`);
    expect(await terminal.exited).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ PASS: password, MODE: "adhoc" });
    expect(terminal.output()).not.toContain(password);
    expect(terminal.output()).toContain(concealedText);
    expect(standIn.state.notifications.map((n) => n.message)).toEqual([
      'Running ""' + process.execPath + '" record.js" with .env reads secrets from 1Password. Allow it?',
    ]);
  });

  test("a workspace without a .env file says what to do", async () => {
    await expect(runInTerminalWithSecrets(runSecrets(), log())).rejects.toThrow(/no \.env file/);
  });
});

describe("${input:} command", () => {
  test("answers the value for a reference given as a string or { reference }, never logging it", async () => {
    const run = runSecrets();
    standIn.answer(allow);
    expect(await resolveReferenceForInput(run, log(), passwordReference)).toBe(password);
    // Asked once per reference.
    expect(await resolveReferenceForInput(run, log(), { reference: passwordReference })).toBe(password);
    expect(standIn.state.notifications.map((n) => n.message)).toEqual([
      `The \${input:} value ${passwordReference} reads secrets from 1Password. Allow it?`,
    ]);
    expect(standIn.state.logLines.join("\n")).not.toContain(password);
  });

  test("a failing reference answers undefined (VS Code then stops the launch) with its reason", async () => {
    standIn.answer(allow);
    expect(
      await resolveReferenceForInput(runSecrets(), log(), "op://Development/Nope/password"),
    ).toBeUndefined();
    expect(standIn.messages("error")).toEqual([
      expect.stringMatching(
        /^\$\{input:…\} could not be set from op:\/\/Development\/Nope\/password: no item is named "Nope"/,
      ),
    ]);
  });

  test("args without a reference say how to write them", async () => {
    expect(await resolveReferenceForInput(runSecrets(), log(), { ref: "x" })).toBeUndefined();
    expect(standIn.messages("error")[0]).toMatch(
      /needs a secret reference in its args, e\.g\. "args": "op:\/\//,
    );
  });

  test("in Restricted Mode nothing is read", async () => {
    runStandIn.state.trusted = false;
    expect(await resolveReferenceForInput(runSecrets(), log(), passwordReference)).toBeUndefined();
    expect(standIn.state.notifications[0]!.items).toEqual(["Manage Workspace Trust"]);
    expect(server.requests()).toEqual([]);
  });
});

describe("1Password Environments", () => {
  /** A registry with the Connect server and an SDK sign-in whose client holds one Environment. */
  async function withEnvironment(
    variables = [{ name: "API_TOKEN", value: "env-token-value", masked: true }],
  ) {
    const { client } = createFakeSdk();
    const asked: string[] = [];
    const withEnvironments = Object.assign(client, {
      environments: {
        getVariables: async (id: string) => {
          asked.push(id);
          if (id !== "env_dev") throw new Error(`Environment ${id} not found`);
          return { variables };
        },
      },
    });
    const registry = createTestRegistry(connectEnv(server), { loadSdk: async () => withEnvironments });
    await registry.signInSdk({ serviceAccountToken: "ops_test-token-0123456789" });
    return { registry, asked };
  }

  function launcher(registry: SourceRegistry) {
    const provider = new SecretsDebugConfigurationProvider(runSecrets(registry), log());
    return (configuration: Record<string, unknown>) =>
      provider.resolveDebugConfigurationWithSubstitutedVariables(workspaceFolder, {
        type: "node",
        request: "launch",
        name: "Env",
        ...configuration,
      });
  }

  test("a launch configuration naming an Environment gets its variables; its own env wins", async () => {
    const { registry, asked } = await withEnvironment([
      { name: "API_TOKEN", value: "env-token-value", masked: true },
      { name: "MODE", value: "from-environment", masked: false },
    ]);
    standIn.answer(allow);
    const resolved = await launcher(registry)({
      opBridgeEnvironment: "env_dev",
      env: { MODE: "mine", PASS: passwordReference },
    });
    expect(asked).toEqual(["env_dev"]);
    expect(resolved).toEqual({
      type: "node",
      request: "launch",
      name: "Env",
      env: { API_TOKEN: "env-token-value", MODE: "mine", PASS: password },
    });
    expect(standIn.state.notifications[0]!.message).toBe(
      'The launch configuration "Env" reads secrets from 1Password. Allow it?',
    );
  });

  test("a task naming an Environment masks the values it marks secret and leaves its plain settings readable", async () => {
    const { registry } = await withEnvironment([
      { name: "API_TOKEN", value: "env-token-value", masked: true },
      { name: "MODE", value: "from-environment", masked: false },
    ]);
    const provider = new SecretsTaskProvider(runSecrets(registry), log());
    standIn.answer(allow);
    const terminal = await openTask(provider, {
      command: process.execPath,
      args: ["-e", "console.log(process.env.API_TOKEN + ' ' + process.env.MODE)"],
      environment: "env_dev",
    });
    expect(await terminal.exited).toBe(0);
    expect(terminal.output()).toContain(`${concealedText} from-environment\r\n`);
  });

  test("an Environment that cannot be read stops the launch and names it", async () => {
    const { registry } = await withEnvironment();
    standIn.answer(allow);
    expect(await launcher(registry)({ opBridgeEnvironment: "env_typo" })).toBeUndefined();
    expect(standIn.state.notifications.filter((n) => n.level === "error")).toEqual([
      {
        level: "error",
        message:
          "The 1Password Environment env_typo could not be read: 1Password: Environment env_typo not found",
        items: ["Open launch.json"],
      },
    ]);
  });

  test("without an SDK sign-in the message says to sign in", async () => {
    standIn.answer(allow);
    expect(
      await launcher(createTestRegistry(connectEnv(server)))({ opBridgeEnvironment: "env_dev" }),
    ).toBeUndefined();
    expect(standIn.state.notifications.filter((n) => n.level === "error")[0]).toMatchObject({
      message: expect.stringContaining("only the 1Password SDK reads Environments"),
      items: ["Sign In…"],
    });
  });

  test("the command checks an Environment ID and names it in the chosen launch configuration", async () => {
    const { registry } = await withEnvironment();
    standIn.setSetting("launch.configurations", [
      { type: "node", request: "launch", name: "API" },
      { type: "python", request: "launch", name: "Worker" },
    ]);
    standIn.answer({ input: "not an id!" }, { input: "env_dev" }, { quickPick: "Worker" });
    expect(await useEnvironmentInLaunch(registry)).toBe("Worker");
    expect(standIn.state.settings.get("launch.configurations")).toEqual([
      { type: "node", request: "launch", name: "API" },
      { type: "python", request: "launch", name: "Worker", opBridgeEnvironment: "env_dev" },
    ]);
    expect(standIn.state.pickers[0]!.title).toBe("Use a 1Password Environment");
    expect(standIn.messages("info")).toEqual([
      '"Worker" gets the 1 variable (API_TOKEN) of the 1Password Environment when it starts.',
    ]);
    expect(JSON.stringify(standIn.state.notifications)).not.toContain("env-token-value");
  });
});
