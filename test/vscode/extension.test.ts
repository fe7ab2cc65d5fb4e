// Activation wires every contributed command; the tree shows vaults → items → fields from a real loopback server.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { activate } from "../../vscode-extension/src/extension.js";
import { ItemsTreeProvider } from "../../vscode-extension/src/tree/ItemsTreeProvider.js";
import {
  FieldNode,
  ItemNode,
  SectionNode,
  VaultNode,
  type TreeNode,
} from "../../vscode-extension/src/tree/nodes.js";
import { browseItems, copyValue, openInApp } from "../../vscode-extension/src/commands/itemActions.js";
import { createStatusBar } from "../../vscode-extension/src/status/statusBar.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
let server: TestConnect;
beforeAll(async () => {
  server = await startTestConnect();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => standIn.reset());

const manifest = JSON.parse(
  await readFile(new URL("../../vscode-extension/package.json", import.meta.url), "utf8"),
) as {
  contributes: { commands: { command: string; title: string; category: string }[] };
};

test("activate registers every contributed command, with the titles the palette shows", () => {
  const subscriptions: { dispose(): unknown }[] = [];
  const context = {
    subscriptions,
    secrets: new vscode.MemorySecretStorage(),
    globalState: new vscode.MemoryMemento(),
    extension: { packageJSON: { version: "0.1.0" } },
  };
  activate(context as never);
  const contributed = manifest.contributes.commands.map((c) => c.command);
  // The editor helper's commands are registered by registerEditorFeatures; the rest here.
  const mine = contributed.filter((id) => !["opBridge.saveInOnePassword"].includes(id));
  for (const id of mine) expect(standIn.state.commands.has(id), id).toBe(true);
  const titles = Object.fromEntries(
    manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]),
  );
  expect(titles).toMatchObject({
    "opBridge.connect": "1Password: Connect to Server…",
    "opBridge.signIn": "1Password: Sign In with Service Account or Desktop App…",
    "opBridge.signOut": "1Password: Sign Out",
    "opBridge.insertReference": "1Password: Insert Secret Reference",
    "opBridge.copyReference": "1Password: Copy Secret Reference",
    "opBridge.browseItems": "1Password: Browse Items",
    "opBridge.refresh": "1Password: Refresh Items",
    "opBridge.createShareLink": "1Password: Create Share Link",
    "opBridge.previewWithSecrets": "1Password: Preview with Secrets",
    "opBridge.generatePassword": "1Password: Generate Password",
  });
  // Preview with Secrets' read-only documents have their provider from the start.
  expect([...vscode.editorStandIn.state.contentProviders.keys()]).toEqual(["op-preview"]);
  // Everything registered is handed to VS Code to dispose.
  expect(subscriptions.length).toBeGreaterThanOrEqual(mine.length);
  for (const s of subscriptions) s.dispose();
  expect(vscode.editorStandIn.state.contentProviders.size).toBe(0);
});

function tree(env: Record<string, string>) {
  const registry = createTestRegistry(env);
  return {
    registry,
    provider: new ItemsTreeProvider(registry, vscode.window.createOutputChannel("t", { log: true })),
  };
}

test("the tree lists vaults, then items, then fields grouped by section; values are never shown", async () => {
  const { provider } = tree(connectEnv(server));
  const [vault] = (await provider.getChildren()) as VaultNode[];
  expect(vault).toBeInstanceOf(VaultNode);
  expect(vault!.label).toBe("Development");
  const items = (await provider.getChildren(vault)) as ItemNode[];
  expect(items.map((i) => i.label)).toEqual(["Postgres Staging", "Stripe: live key"]);
  const children = await provider.getChildren(items[0]);
  expect(children.map((c) => `${String(c.label)} ${String(c.description ?? "")}`)).toEqual([
    // Types in the words 1Password uses, not the API's STRING/CONCEALED.
    "username Username",
    "password Password",
    "Connection ",
  ]);
  const section = children[2] as SectionNode;
  const [host] = (await provider.getChildren(section)) as FieldNode[];
  expect(host!.label).toBe("host");
  expect(host!.description).toBe("Text");
  expect(provider.getParent(host!)).toBe(section);
  expect(JSON.stringify(children)).not.toContain("s3cr3t-value-never-shown");
  expect((children[1] as FieldNode).contextValue).toBe("field.concealed");
});

test("a source that fails shows its reason as a node instead of an empty tree", async () => {
  const { provider } = tree({ OP_CONNECT_HOST: "http://127.0.0.1:9", OP_CONNECT_TOKEN: "token-hidden" });
  const [node] = await provider.getChildren();
  expect(String(node!.label)).toMatch(/127\.0\.0\.1:9 cannot be reached/);
  expect(String(node!.label)).not.toContain("token-hidden");
});

test("no sources: an empty tree, so the welcome view offers Connect and Sign In", async () => {
  const { provider } = tree({});
  expect(await provider.getChildren()).toEqual([]);
});

test("refreshing the registry refreshes the tree", async () => {
  const { registry, provider } = tree({});
  const fired: (TreeNode | undefined)[] = [];
  provider.onDidChangeTreeData((node) => fired.push(node));
  registry.refresh();
  expect(fired).toEqual([undefined]);
});

test("Copy Value warns that the clipboard is not concealed, then copies; declining copies nothing", async () => {
  const { provider } = tree(connectEnv(server));
  const [vault] = await provider.getChildren();
  const [item] = await provider.getChildren(vault);
  const password = (await provider.getChildren(item))[1] as FieldNode;
  standIn.answer({ message: undefined });
  await expect(copyValue(password)).rejects.toHaveProperty("name", "CancellationError");
  expect(standIn.state.clipboard).toBe("");
  standIn.answer({ message: "Copy Value" });
  await copyValue(password);
  expect(standIn.state.clipboard).toBe("s3cr3t-value-never-shown");
  expect(standIn.messages("warning")[0]).toMatch(/clipboard is not concealed/);
  expect(standIn.messages("info")[0]).toMatch(/; it will be cleared from the clipboard in 90 s\.$/);
  expect(standIn.messages().join()).not.toContain("s3cr3t-value-never-shown");
  expect(standIn.state.logLines.join()).not.toContain("s3cr3t-value-never-shown");
});

test("Open in 1Password opens a Connect item's view URL in 1Password 8", async () => {
  await openInApp({
    vaultId: "vvvvvvvvvvvvvvvvvvvvvvvvv1",
    id: "iiiiiiiiiiiiiiiiiiiiiiiii1",
    source: "connect",
  } as never);
  expect(standIn.state.opened).toEqual([
    "onepassword://view-item/?v=vvvvvvvvvvvvvvvvvvvvvvvvv1&i=iiiiiiiiiiiiiiiiiiiiiiiii1",
  ]);
});

test("Browse Items searches from the palette and reveals the item under its vault in the tree", async () => {
  const { registry, provider } = tree(connectEnv(server));
  const view = vscode.window.createTreeView("opBridge.items", { treeDataProvider: provider }) as unknown as {
    revealed: ItemNode[];
  };
  standIn.answer({ quickPick: "Stripe: live key", type: "stripe" });
  await browseItems(registry, provider, view as never);
  const [revealed] = view.revealed;
  expect(revealed!.label).toBe("Stripe: live key");
  // The same IDs the tree itself gives, so VS Code finds the node: vault at the top with one source.
  const [vault] = await provider.getChildren();
  expect(provider.getParent(revealed!)!.id).toBe(vault!.id);
  expect((await provider.getChildren(vault)).map((n) => n.id)).toContain(revealed!.id);
});

test("the status bar shows whether a source is connected, and its click offers the next steps", async () => {
  const { registry } = tree({});
  const disposable = createStatusBar(registry);
  const [item] = standIn.state.statusBarItems;
  await expect.poll(() => item!.text).toBe("$(lock) 1Password");
  expect(item!.visible).toBe(true);
  expect(item!.command).toBe("opBridge.showStatus");
  await registry.addConnectServer(server.url, server.token);
  await expect.poll(() => item!.text).toBe("$(unlock) 1Password");
  expect(item!.tooltip).toContain("Connect server");
  disposable.dispose();
  expect(item!.visible).toBe(false);
});

test("with no usable source, the tree says what is wrong with the settings", async () => {
  const { provider } = tree({});
  standIn.setSetting("opBridge.connect.serverUrl", server.url);
  const nodes = await provider.getChildren();
  expect(nodes.map((n) => n.label)).toEqual([
    `${server.url}: No token is stored for ${server.url}: run "1Password: Connect to Server…".`,
  ]);
});
