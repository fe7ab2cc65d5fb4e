// Tasks, ad-hoc terminals, `${input:}` and 1Password Environments: real processes get resolved values (read back from
// what they wrote), their output shows `<concealed by 1Password>` instead, and failures say why.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { concealedText } from "@op-bridge/shared";
import { SecretsDebugConfigurationProvider } from "../../vscode-extension/src/run/debugConfigurationProvider.js";
import { resolveReferenceForInput } from "../../vscode-extension/src/run/resolveReferenceCommand.js";
import { runInTerminalWithSecrets } from "../../vscode-extension/src/run/runInTerminal.js";
import {
  SecretsTaskProvider,
  type SecretsTaskDefinition,
} from "../../vscode-extension/src/run/taskProvider.js";
import type { RunSecrets } from "../../vscode-extension/src/run/runSecrets.js";
import { recorder, useRunFixture } from "./helpers/runFixture.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, runStandIn } = vscode;
const password = "s3cr3t-value-never-shown";
const passwordReference = "op://Development/Postgres Staging/password";
const allow = { message: "Allow" };

const fixture = useRunFixture("op-run-terminal-");
const log = () => fixture().log();
const runSecrets = () => fixture().runSecrets();

const openTask = (provider: SecretsTaskProvider, definition: Omit<SecretsTaskDefinition, "type">) =>
  fixture().openTask(provider, definition);

describe("the opBridge task type", () => {
  test("runs the program with resolved references and masks their values in its output, colours kept", async () => {
    const out = join(fixture().folder, "task-out.json");
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
    const out = join(fixture().folder, "task-envfile-out.json");
    const envFile = join(fixture().folder, "task.env");
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
    const out = join(fixture().folder, "never.json");
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
    const task = new vscode.Task(
      { type: "opBridge" },
      fixture().workspaceFolder as never,
      "empty",
      "Workspace",
    );
    expect(provider.resolveTask(task as never)).toBeUndefined();
    expect(provider.provideTasks()).toEqual([]);
  });
});

describe("Run in Terminal with Secrets", () => {
  test("runs a command line with the chosen .env's references resolved and its output masked", async () => {
    const out = join(fixture().folder, "adhoc-out.json");
    const script = join(fixture().folder, "record.js");
    await writeFile(script, recorder(out));
    const envPath = join(fixture().folder, ".env");
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
  const launchUsingInput = (run: RunSecrets, args: unknown) => fixture().launchUsingInput(run, args);

  test("a launch using it gets the value for a reference given as a string or { reference }, asked once, never logged", async () => {
    const run = runSecrets();
    standIn.answer(allow);
    expect(await launchUsingInput(run, passwordReference)).toBe(password);
    // Asked once per reference.
    expect(await launchUsingInput(run, { reference: passwordReference })).toBe(password);
    expect(standIn.state.notifications.map((n) => n.message)).toEqual([
      `The \${input:} value ${passwordReference} reads secrets from 1Password. Allow it?`,
    ]);
    expect(standIn.state.logLines.join("\n")).not.toContain(password);
  });

  test("called by anyone but a starting launch (another extension, a task), it asks every time, naming the reference", async () => {
    const run = runSecrets();
    standIn.answer(allow);
    // Even after the user allowed it for their launch.
    expect(await launchUsingInput(run, passwordReference)).toBe(password);
    const question = `The \${input:} value ${passwordReference} is asked for by a task or another extension, not by a launch you started. Allow it this once?`;
    standIn.answer({ message: "Allow Once" });
    expect(await resolveReferenceForInput(run, log(), passwordReference)).toBe(password);
    // Declined (the dialog closed): nothing is read and nothing answered.
    fixture().server.clearRequests();
    standIn.answer({ message: undefined });
    expect(await resolveReferenceForInput(run, log(), passwordReference)).toBeUndefined();
    expect(fixture().server.requests()).toEqual([]);
    expect(standIn.state.notifications.map((n) => n.message).slice(1)).toEqual([question, question]);
    expect(standIn.messages("error")).toEqual([]);
  });

  test("a failing reference answers undefined (VS Code then stops the launch) with its reason", async () => {
    standIn.answer(allow);
    expect(await launchUsingInput(runSecrets(), "op://Development/Nope/password")).toBeUndefined();
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
    expect(fixture().server.requests()).toEqual([]);
  });
});

describe("1Password Environments", () => {
  // Reading an Environment needs the SDK: through the stand-in desktop app in runDesktop.desktop.test.ts.
  test("without an SDK sign-in the message says to sign in", async () => {
    standIn.answer(allow);
    const provider = new SecretsDebugConfigurationProvider(runSecrets(), log());
    expect(
      await provider.resolveDebugConfigurationWithSubstitutedVariables(fixture().workspaceFolder, {
        type: "node",
        request: "launch",
        name: "Env",
        opBridgeEnvironment: "env_dev",
      }),
    ).toBeUndefined();
    expect(standIn.state.notifications.filter((n) => n.level === "error")[0]).toMatchObject({
      message: expect.stringContaining("only the 1Password SDK reads Environments"),
      items: ["Sign In…"],
    });
  });
});
