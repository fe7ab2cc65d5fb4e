// Connect to Server…, Sign In, Sign Out and the registry's sources: real HTTP on loopback, a fake SDK client.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { connectToServer, signIn, signOut } from "../../vscode-extension/src/commands/connect.js";
import type { SdkAuth } from "../../vscode-extension/src/sources/SourceRegistry.js";
import { connectTokenKey, serviceAccountTokenKey } from "../../vscode-extension/src/sources/settings.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
let server: TestConnect;
let other: TestConnect;

beforeAll(async () => {
  server = await startTestConnect();
  other = await startTestConnect({ token: "other-server-token-abcdef" });
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});
beforeEach(() => standIn.reset());

function setup(env: Record<string, string> = {}) {
  const secrets = new vscode.MemorySecretStorage();
  const globalState = new vscode.MemoryMemento();
  const sdkLogins: SdkAuth[] = [];
  const fake = createFakeSdk();
  const registry = createTestRegistry(env, {
    secrets,
    globalState,
    loadSdk: async (auth) => {
      sdkLogins.push(auth);
      if ("serviceAccountToken" in auth && auth.serviceAccountToken !== "ops_valid") {
        throw new Error("The service account token was rejected by 1Password.");
      }
      return fake.client;
    },
  });
  return { registry, secrets, globalState, sdkLogins, fake };
}

describe("Connect to Server…", () => {
  test("checks heartbeat and vaults, keeps the token in SecretStorage and the URL in settings", async () => {
    const { registry, secrets } = setup();
    let changes = 0;
    registry.onDidChange(() => changes++);
    standIn.answer({ input: `${server.url}/` }, { input: server.token });
    expect(await connectToServer({ registry, env: {} })).toBe(1);
    expect(server.requests().slice(-2)).toEqual([
      "GET /heartbeat",
      expect.stringMatching(/^GET \/v1\/vaults/),
    ]);
    expect(standIn.state.settings.get("opBridge.connect.serverUrl")).toBe(server.url);
    expect(secrets.values.get(connectTokenKey(server.url))).toBe(server.token);
    expect(standIn.messages("info")).toEqual([`Connected to ${server.url}/: 1 vault available.`]);
    expect(changes).toBeGreaterThan(0);
    // The new source works without a reload.
    expect((await registry.allItems()).map((i) => i.title)).toContain("Postgres Staging");
  });

  test("a wrong token is refused with the server's reason; nothing is stored; the token is never shown", async () => {
    const { registry, secrets } = setup();
    standIn.answer({ input: server.url }, { input: "wrong-token-never-shown" });
    const error = await connectToServer({ registry, env: {} }).catch((e: Error) => e);
    expect(String(error)).toMatch(/token was rejected/);
    expect(String(error)).not.toContain("wrong-token-never-shown");
    expect(secrets.values.size).toBe(0);
    expect(standIn.state.settings.size).toBe(0);
  });

  test("a bad URL is refused while typing; a down server is named", async () => {
    const { registry } = setup();
    standIn.answer({ input: "ftp://example.com" }, { input: "http://127.0.0.1:9" }, { input: "token-x" });
    const error = await connectToServer({ registry, env: {} }).catch((e: Error) => e);
    expect(standIn.state.validations[0]?.message).toMatch(/must start with https:\/\/ or http:\/\//);
    expect(String(error)).toMatch(/127\.0\.0\.1:9 cannot be reached/);
  });

  test("the URL box offers OP_CONNECT_HOST; escaping the token box cancels quietly", async () => {
    const { registry } = setup();
    standIn.answer({ input: server.url }, { input: undefined });
    await expect(
      connectToServer({ registry, env: { OP_CONNECT_HOST: server.url, OP_CONNECT_TOKEN: "t" } }),
    ).rejects.toHaveProperty("name", "CancellationError");
  });
});

describe("sources", () => {
  test("OP_CONNECT_HOST/TOKEN need no prompt; a second server from settings is merged in, each item labelled", async () => {
    const { registry, secrets } = setup({ OP_CONNECT_HOST: server.url, OP_CONNECT_TOKEN: server.token });
    expect((await registry.sources()).map((s) => s.label)).toEqual(["Connect server"]);
    await secrets.store(connectTokenKey(other.url), other.token);
    standIn.setSetting("opBridge.connect.servers", [{ name: "Team server", serverUrl: other.url }]);
    const sources = await registry.sources();
    expect(sources.map((s) => s.label)).toEqual(["Connect server", "Team server"]);
    const snapshot = await registry.loadItems();
    // Both servers list the same items (same vault and item IDs): merged into one entry each, with both sources.
    expect(snapshot.items).toHaveLength(2);
    expect(snapshot.sourcesOf(snapshot.items[0]!).map((s) => s.label)).toEqual([
      "Connect server",
      "Team server",
    ]);
  });

  test("one failing source does not hide the others' items; its problem is reported", async () => {
    const { registry, secrets } = setup({ OP_CONNECT_HOST: "http://127.0.0.1:9", OP_CONNECT_TOKEN: "x" });
    await secrets.store(connectTokenKey(server.url), server.token);
    standIn.setSetting("opBridge.connect.serverUrl", server.url);
    const snapshot = await registry.loadItems();
    expect(snapshot.items.map((i) => i.title)).toContain("Postgres Staging");
    expect(snapshot.problems.map((p) => p.message).join()).toMatch(/cannot be reached/);
  });
});

describe("Sign In and Sign Out", () => {
  test("a service account token is checked, stored in SecretStorage, and its items join the others", async () => {
    const { registry, secrets, sdkLogins } = setup({
      OP_CONNECT_HOST: server.url,
      OP_CONNECT_TOKEN: server.token,
    });
    standIn.answer({ quickPick: "Service Account" }, { input: "not-a-token" }, { input: "ops_valid" });
    await signIn(registry);
    expect(standIn.state.validations[0]).toEqual({
      value: "not-a-token",
      message: "Service account tokens start with ops_.",
    });
    expect(secrets.values.get(serviceAccountTokenKey)).toBe("ops_valid");
    expect(sdkLogins).toEqual([{ serviceAccountToken: "ops_valid" }]);
    const snapshot = await registry.loadItems();
    const deployKey = snapshot.items.find((i) => i.title === "Deploy key")!;
    expect(snapshot.sourcesOf(deployKey).map((s) => s.label)).toEqual(["Service account"]);
    // Signing in once is enough: listing reuses the client.
    expect(sdkLogins).toHaveLength(1);
  });

  test("a rejected token is not stored", async () => {
    const { registry, secrets } = setup();
    standIn.answer({ quickPick: "Service Account" }, { input: "ops_revoked" });
    await expect(signIn(registry)).rejects.toThrow(/rejected/);
    expect(secrets.values.size).toBe(0);
  });

  test("the desktop app account is kept in globalState; the SDK is not loaded until items are read", async () => {
    const { registry, globalState, sdkLogins } = setup();
    standIn.answer({ quickPick: "1Password Desktop App" }, { input: "My Team" });
    await signIn(registry);
    expect(globalState.values.get("opBridge.sdk.desktopAccount")).toBe("My Team");
    expect(sdkLogins).toHaveLength(1);
  });

  test("Sign Out forgets Connect tokens, server settings and the SDK account", async () => {
    const { registry, secrets, globalState } = setup();
    await registry.addConnectServer(server.url, server.token);
    await registry.signInSdk({ desktopAccount: "Me" });
    expect((await registry.sources()).map((s) => s.kind)).toEqual(["connect", "sdk"]);
    await signOut(registry, {});
    expect(secrets.values.size).toBe(0);
    expect(globalState.values.size).toBe(0);
    expect(standIn.state.settings.size).toBe(0);
    expect(await registry.sources()).toEqual([]);
  });
});

test("tokens never reach the log", async () => {
  const { registry } = setup({
    OP_CONNECT_HOST: "http://127.0.0.1:9",
    OP_CONNECT_TOKEN: "env-token-never-logged",
  });
  standIn.answer({ quickPick: "Service Account" }, { input: "ops_secret_never_logged" });
  await signIn(registry).catch(() => undefined);
  await registry.loadItems().catch(() => undefined);
  const log = standIn.state.logLines.join("\n");
  expect(log).not.toContain("env-token-never-logged");
  expect(log).not.toContain("ops_secret_never_logged");
  expect(log).toMatch(/cannot be reached/);
});

describe("settings that cannot work say why", () => {
  test("a server without a stored token is reported, not hidden", async () => {
    const { registry } = setup();
    standIn.setSetting("opBridge.connect.serverUrl", server.url);
    const error = await registry.loadItems().catch((e: Error) => e);
    expect(String(error)).toContain(
      `No token is stored for ${server.url}: run "1Password: Connect to Server…"`,
    );
    expect(await registry.setupIssues()).toEqual([
      { label: server.url, message: expect.stringMatching(/No token is stored/) },
    ]);
  });

  test("plain http to another machine is refused with the reason", async () => {
    const { registry, secrets } = setup();
    await secrets.store(connectTokenKey("http://connect.example.com"), "tok");
    standIn.setSetting("opBridge.connect.servers", [
      { name: "Remote", serverUrl: "http://connect.example.com" },
    ]);
    const error = await registry.loadItems().catch((e: Error) => e);
    expect(String(error)).toMatch(/plain http:\/\/ to another machine/);
    expect(String(error)).not.toContain("tok\n");
  });
});
