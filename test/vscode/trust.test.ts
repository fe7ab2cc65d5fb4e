// A cloned repository is not the user: its settings cannot choose where a token is sent, Sign Out forgets every
// token stored whatever the settings say now, and in Restricted Mode nothing contacts a source until the user acts.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { registerCommands } from "../../vscode-extension/src/commands.js";
import { connectToServer, signOut } from "../../vscode-extension/src/commands/connect.js";
import { connectTokenKey } from "../../vscode-extension/src/sources/settings.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn, runStandIn } = vscode;
let mine: TestConnect;
let theirs: TestConnect;
beforeAll(async () => {
  [mine, theirs] = await Promise.all([
    startTestConnect({ token: "the-users-own-token-0123456" }),
    startTestConnect({ token: "the-repository-wants-this-one" }),
  ]);
});
afterAll(async () => {
  await Promise.all([mine.close(), theirs.close()]);
});
beforeEach(() => {
  standIn.reset();
  mine.clearRequests();
  theirs.clearRequests();
});

/** A workspace folder whose .vscode/settings.json holds `settings` (none when undefined). */
async function workspaceWith(settings: string | undefined): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "op-bridge-repo-"));
  if (settings !== undefined) {
    await mkdir(join(folder, ".vscode"));
    await writeFile(join(folder, ".vscode", "settings.json"), settings);
  }
  return folder;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

function setup() {
  const secrets = new vscode.MemorySecretStorage();
  const globalState = new vscode.MemoryMemento();
  const sdkLogins: unknown[] = [];
  const fake = createFakeSdk();
  const registry = createTestRegistry(
    {},
    {
      secrets,
      globalState,
      loadSdk: async (auth) => {
        sdkLogins.push(auth);
        return fake.client;
      },
    },
  );
  return { registry, secrets, globalState, sdkLogins };
}

describe("Connect server settings are the user's", () => {
  test("the manifest scopes them to the machine and declares limited support for untrusted workspaces", async () => {
    const manifest = JSON.parse(
      await readFile(new URL("../../vscode-extension/package.json", import.meta.url), "utf8"),
    ) as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const properties = manifest.contributes.configuration.properties;
    expect(properties["opBridge.connect.serverUrl"]?.scope).toBe("machine");
    expect(properties["opBridge.connect.servers"]?.scope).toBe("machine");
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe("limited");
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(
      expect.arrayContaining(["opBridge.connect.serverUrl", "opBridge.connect.servers"]),
    );
  });

  test("a workspace naming another server is ignored with one notice; the token goes only to the user's server", async () => {
    const { registry, secrets } = setup();
    await secrets.store(connectTokenKey(mine.url), mine.token);
    await secrets.store(connectTokenKey(theirs.url), mine.token);
    standIn.setSetting("opBridge.connect.serverUrl", mine.url);
    // As a cloned repository writes it: comments and a trailing comma, as VS Code accepts them.
    const folder = await workspaceWith(
      `{\n  // the team's server\n  "opBridge.connect.serverUrl": "${theirs.url}/",\n` +
        `  "opBridge.connect.servers": [{ "name": "Build", "serverUrl": "https://user:secret@build.example.com:8443/x?token=abc" }],\n}\n`,
    );
    runStandIn.openFolder(folder);
    standIn.setWorkspaceSetting("opBridge.connect.serverUrl", theirs.url);
    standIn.setWorkspaceSetting("opBridge.connect.servers", [{ name: "Build", serverUrl: theirs.url }]);
    const snapshot = await registry.loadItems();
    expect(snapshot.items.map((i) => i.title)).toContain("Postgres Staging");
    expect((await registry.sources()).map((s) => s.id)).toEqual([`connect:${mine.url}`]);
    expect(theirs.requestsReceived()).toBe(0);
    expect(mine.requestsReceived()).toBeGreaterThan(0);
    // Settings change again (the sources are rebuilt): still one notice, naming each setting and only its hosts.
    standIn.setSetting("opBridge.connect.servers", []);
    await registry.loadItems();
    await waitFor(() => standIn.messages("warning").length > 0);
    const theirHost = new URL(theirs.url).host;
    expect(standIn.state.notifications.filter((n) => n.level === "warning")).toEqual([
      expect.objectContaining({
        message:
          `This workspace sets opBridge.connect.serverUrl (${theirHost}) and opBridge.connect.servers ` +
          "(build.example.com:8443), which are ignored: Connect servers come from your user settings only, " +
          "so a repository cannot choose where your tokens are sent.",
        items: ["Open User Settings"],
      }),
    ]);
    expect(standIn.messages("warning").join()).not.toMatch(/secret|token=|\/x|Build/);
  });

  test("the notice reads a .code-workspace file's settings and nested keys, and Open User Settings opens them", async () => {
    const { registry } = setup();
    standIn.setSetting("opBridge.connect.serverUrl", mine.url);
    runStandIn.openFolder(await workspaceWith(undefined));
    const workspaceFile = join(await mkdtemp(join(tmpdir(), "op-bridge-ws-")), "team.code-workspace");
    await writeFile(
      workspaceFile,
      `/* multi-root */ { "folders": [], "settings": { "opBridge": { "connect": { "serverUrl": "https://repo.example.com" } } } }`,
    );
    runStandIn.state.workspaceFile = vscode.Uri.file(workspaceFile);
    const opened: unknown[] = [];
    standIn.state.commands.set("workbench.action.openGlobalSettings", (args) => opened.push(args));
    standIn.answer({ message: "Open User Settings" });
    await registry.sources();
    await waitFor(() => opened.length > 0);
    expect(standIn.messages("warning")).toEqual([
      expect.stringMatching(
        /^This workspace sets opBridge\.connect\.serverUrl \(repo\.example\.com\), which is ignored/,
      ),
    ]);
    expect(opened).toEqual([{ query: "opBridge.connect" }]);
  });

  test("a malformed, huge or absent settings file gives no notice and breaks nothing", async () => {
    for (const text of [
      '{ "opBridge.connect.serverUrl": ',
      "x".repeat(2 * 1024 * 1024),
      undefined,
      "[1, 2]",
    ]) {
      standIn.reset();
      const { registry, secrets } = setup();
      await secrets.store(connectTokenKey(mine.url), mine.token);
      standIn.setSetting("opBridge.connect.serverUrl", mine.url);
      runStandIn.openFolder(await workspaceWith(text));
      const snapshot = await registry.loadItems();
      expect(snapshot.items.map((i) => i.title)).toContain("Postgres Staging");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(standIn.messages("warning")).toEqual([]);
    }
  });

  test("Connect to Server… pre-fills the user's URL, never the workspace's", async () => {
    const { registry } = setup();
    standIn.setWorkspaceSetting("opBridge.connect.serverUrl", theirs.url);
    standIn.answer({ input: undefined });
    await connectToServer({ registry, env: {} }).catch(() => undefined);
    expect(editorStandIn.state.inputBoxes[0]?.value).toBe("");
    standIn.setSetting("opBridge.connect.serverUrl", mine.url);
    standIn.answer({ input: undefined });
    await connectToServer({ registry, env: {} }).catch(() => undefined);
    expect(editorStandIn.state.inputBoxes[1]?.value).toBe(mine.url);
  });

  test("Sign Out forgets every token it stored, even one whose server the settings no longer name", async () => {
    const { registry, secrets, globalState } = setup();
    await registry.addConnectServer(mine.url, mine.token);
    await registry.addConnectServer(theirs.url, theirs.token);
    // The user edits settings.json by hand, and a workspace names yet another list.
    standIn.setSetting("opBridge.connect.servers", undefined);
    standIn.state.settings.delete("opBridge.connect.servers");
    standIn.setSetting("opBridge.connect.serverUrl", "https://elsewhere.example.com");
    standIn.setWorkspaceSetting("opBridge.connect.servers", [{ serverUrl: "https://repo.example.com" }]);
    await registry.signInSdk({ serviceAccountToken: "ops_valid" });
    expect(secrets.values.size).toBe(3);
    await signOut(registry, {});
    expect([...secrets.values.keys()]).toEqual([]);
    expect(globalState.values.size).toBe(0);
    expect(standIn.state.settings.size).toBe(0);
  });
});

describe("Restricted Mode", () => {
  test("nothing is contacted and no sign-in is asked for until the workspace is trusted", async () => {
    standIn.setTrusted(false);
    const { registry, secrets, sdkLogins } = setup();
    await secrets.store(connectTokenKey(mine.url), mine.token);
    standIn.setSetting("opBridge.connect.serverUrl", mine.url);
    await registry.signInSdk({ desktopAccount: "My Team" });
    const snapshot = await registry.loadItems();
    expect(snapshot.items).toEqual([]);
    expect(snapshot.problems).toEqual([
      { label: "Restricted Mode", message: expect.stringMatching(/not trusted.*trust the workspace/) },
    ]);
    expect(await registry.sources()).toEqual([]);
    expect(await registry.setupIssues()).toEqual([expect.objectContaining({ label: "Restricted Mode" })]);
    expect(mine.requestsReceived()).toBe(0);
    expect(sdkLogins).toEqual([]);

    let changes = 0;
    registry.onDidChange(() => changes++);
    standIn.setTrusted(true);
    expect(changes).toBe(1);
    const trusted = await registry.loadItems();
    expect(trusted.items.map((i) => i.title)).toEqual(
      expect.arrayContaining(["Postgres Staging", "Deploy key"]),
    );
    expect(sdkLogins).toEqual([{ desktopAccount: "My Team" }]);
  });

  test("running a command is the user acting: the command may then reach the user's sources", async () => {
    standIn.setTrusted(false);
    const { registry, secrets } = setup();
    await secrets.store(connectTokenKey(mine.url), mine.token);
    standIn.setSetting("opBridge.connect.serverUrl", mine.url);
    const context = { subscriptions: [] as { dispose(): unknown }[] };
    const tree = { refresh() {} };
    registerCommands(context as never, {
      registry,
      tree: tree as never,
      view: {} as never,
      log: vscode.window.createOutputChannel("t", { log: true }),
      cache: {} as never,
      previews: {} as never,
      run: {} as never,
    });
    expect(mine.requestsReceived()).toBe(0);
    await vscode.commands.executeCommand("opBridge.refresh");
    expect((await registry.allItems()).map((i) => i.title)).toContain("Postgres Staging");
    expect(mine.requestsReceived()).toBeGreaterThan(0);
  });
});
