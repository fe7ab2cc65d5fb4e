// Run and debug through the desktop app: the real @1password/sdk signs in with DesktopAuth to the stand-in app
// (run under run-with-app.ts), so launch env and envFile references, `${input:}`, Run in Terminal, tasks and
// 1Password Environments are resolved by the SDK's own code. No fake SDK object, no Connect server in the registry.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { concealedText } from "@op-bridge/shared";
import { SecretsDebugConfigurationProvider } from "../../vscode-extension/src/run/debugConfigurationProvider.js";
import { runInTerminalWithSecrets } from "../../vscode-extension/src/run/runInTerminal.js";
import { SecretsTaskProvider } from "../../vscode-extension/src/run/taskProvider.js";
import { useEnvironmentInLaunch } from "../../vscode-extension/src/run/useEnvironment.js";
import { DEMO_ACCOUNTS, DEMO_ENVIRONMENT_ID, buildDemoAccounts } from "../desktop-app/accounts.js";
import { resolveReference } from "../desktop-app/secretReferences.js";
import { useDesktopApp } from "../desktop-app/useDesktopApp.js";
import { createTestRegistry } from "./helpers/registry.js";
import { recorder, useRunFixture } from "./helpers/runFixture.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, runStandIn } = vscode;
const app = useDesktopApp();
const fixture = useRunFixture("op-run-desktop-");
const allow = { message: "Allow" };

const company = buildDemoAccounts()[0]!;
const postgresReference = "op://Development/Postgres Local/password";
const openAiReference = "op://Development/OpenAI API/credential";
/** The values the stand-in app holds (each app start builds the same demo accounts). */
const postgresPassword = resolveReference(company, postgresReference).secret;
const openAiKey = resolveReference(company, openAiReference).secret;

/** RunSecrets over a registry signed in to the company account through the desktop app, and nothing else. */
async function desktopRun() {
  const registry = createTestRegistry({});
  await registry.signInSdk({ desktopAccount: DEMO_ACCOUNTS.company.name });
  return { registry, run: fixture().runSecrets({ registry }) };
}

async function launch(configuration: Record<string, unknown>) {
  const { run } = await desktopRun();
  const provider = new SecretsDebugConfigurationProvider(run, fixture().log());
  return provider.resolveDebugConfigurationWithSubstitutedVariables(fixture().workspaceFolder, {
    type: "node",
    request: "launch",
    name: "Desktop",
    ...configuration,
  });
}

/** What the app was asked, as "kind Invocation"; the app never records a value. */
const invocations = () => app().calls.flatMap((c) => (c.invocation ? [c.invocation] : []));

describe("launch configurations through the desktop app", () => {
  test("references in env and in an envFile reach the adapter resolved by the SDK; the file stays as it was", async () => {
    const envFile = await fixture().writeFile("desktop.env", `OPENAI_KEY="${openAiReference}"\nMODE=file\n`);
    const before = await readFile(envFile, "utf8");
    standIn.answer(allow);
    const resolved = await launch({ envFile, env: { PASS: postgresReference, LEVEL: "debug" } });
    expect(resolved).toEqual({
      type: "node",
      request: "launch",
      name: "Desktop",
      env: { OPENAI_KEY: openAiKey, MODE: "file", PASS: postgresPassword, LEVEL: "debug" },
    });
    expect(await readFile(envFile, "utf8")).toBe(before);
    expect(invocations()).toContain("ItemsGet");
    expect(JSON.stringify(app().calls)).not.toContain(postgresPassword);
    expect(standIn.state.logLines.join("\n")).not.toContain(postgresPassword);
  });

  test("a locked app stops the launch with the guided message", async () => {
    standIn.answer(allow);
    await app().setFailure("locked");
    expect(await launch({ env: { PASS: postgresReference } })).toBeUndefined();
    expect(standIn.messages("error")).toEqual([
      expect.stringMatching(
        /^PASS could not be set from op:\/\/Development\/Postgres Local\/password: .*locked/,
      ),
    ]);
  });
});

describe("${input:}, Run in Terminal and tasks through the desktop app", () => {
  test("the ${input:} command of a starting launch answers the value the app holds", async () => {
    const { run } = await desktopRun();
    standIn.answer(allow);
    expect(await fixture().launchUsingInput(run, postgresReference)).toBe(postgresPassword);
  });

  test("Run in Terminal with Secrets gives the program the value and masks it in the terminal", async () => {
    const out = join(fixture().folder, "desktop-adhoc.json");
    await writeFile(join(fixture().folder, "record.js"), recorder(out));
    const envPath = await fixture().writeFile(".env", `PASS=${postgresReference}\nMODE=adhoc\n`);
    runStandIn.state.files = [vscode.Uri.file(envPath)];
    const { run } = await desktopRun();
    standIn.answer({ quickPick: ".env" }, { input: `"${process.execPath}" record.js` }, allow);
    await runInTerminalWithSecrets(run, fixture().log());
    const terminal = runStandIn.state.terminals.at(-1)!;
    expect(await terminal.exited).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ PASS: postgresPassword, MODE: "adhoc" });
    expect(terminal.output()).not.toContain(postgresPassword);
    expect(terminal.output()).toContain(concealedText);
  });
});

describe("1Password Environments through the desktop app (the SDK's environments.getVariables)", () => {
  test("a launch configuration naming an Environment gets its variables; its own env wins", async () => {
    standIn.answer(allow);
    const resolved = await launch({ opBridgeEnvironment: DEMO_ENVIRONMENT_ID, env: { LOG_LEVEL: "mine" } });
    expect(resolved?.env).toEqual({
      DATABASE_URL: postgresPassword,
      OPENAI_API_KEY: openAiKey,
      LOG_LEVEL: "mine",
    });
    expect(invocations()).toContain("EnvironmentsGetVariables");
  });

  test("a task naming an Environment masks the values it marks secret and leaves its plain settings readable", async () => {
    const { run } = await desktopRun();
    const provider = new SecretsTaskProvider(run, fixture().log());
    standIn.answer(allow);
    const terminal = await fixture().openTask(provider, {
      command: process.execPath,
      args: ["-e", "console.log(process.env.DATABASE_URL + ' ' + process.env.LOG_LEVEL)"],
      environment: DEMO_ENVIRONMENT_ID,
    });
    expect(await terminal.exited).toBe(0);
    expect(terminal.output()).toContain(`${concealedText} debug\r\n`);
    expect(terminal.output()).not.toContain(postgresPassword);
  });

  test("an Environment the app does not have stops the launch and names it", async () => {
    standIn.answer(allow);
    expect(await launch({ opBridgeEnvironment: "envtypo" })).toBeUndefined();
    expect(standIn.state.notifications.filter((n) => n.level === "error")).toEqual([
      {
        level: "error",
        message: expect.stringMatching(
          /^The 1Password Environment envtypo could not be read: 1Password: .*not found/,
        ),
        items: ["Open launch.json"],
      },
    ]);
  });

  test("the command checks an Environment ID with the app and names it in the chosen launch configuration", async () => {
    const { registry } = await desktopRun();
    standIn.setSetting("launch.configurations", [
      { type: "node", request: "launch", name: "API" },
      { type: "python", request: "launch", name: "Worker" },
    ]);
    standIn.answer({ input: "not an id!" }, { input: DEMO_ENVIRONMENT_ID }, { quickPick: "Worker" });
    expect(await useEnvironmentInLaunch(registry)).toBe("Worker");
    expect(standIn.state.settings.get("launch.configurations")).toEqual([
      { type: "node", request: "launch", name: "API" },
      { type: "python", request: "launch", name: "Worker", opBridgeEnvironment: DEMO_ENVIRONMENT_ID },
    ]);
    expect(standIn.messages("info")).toEqual([
      '"Worker" gets the 3 variables (DATABASE_URL, OPENAI_API_KEY, LOG_LEVEL) of the 1Password Environment when it starts.',
    ]);
    expect(JSON.stringify(standIn.state.notifications)).not.toContain(postgresPassword);
  });
});
