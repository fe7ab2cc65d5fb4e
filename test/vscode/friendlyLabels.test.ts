// Every place a source is named speaks the user's words: the server's configured name, "Connect server" for the one
// left unnamed, the desktop account's name. No picker row, completion item, hover, tree node or status bar text shows
// a loopback address, a port or an ID.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import type * as vs from "vscode";
import { pickItem } from "../../vscode-extension/src/commands/pickItem.js";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import { connectTokenKey } from "../../vscode-extension/src/sources/settings.js";
import { createStatusBar } from "../../vscode-extension/src/status/statusBar.js";
import { ItemsTreeProvider } from "../../vscode-extension/src/tree/ItemsTreeProvider.js";
import type { TreeNode } from "../../vscode-extension/src/tree/nodes.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
let named: TestConnect;
let unnamed: TestConnect;
beforeAll(async () => {
  [named, unnamed] = await Promise.all([startTestConnect(), startTestConnect()]);
});
afterAll(async () => {
  await Promise.all([named.close(), unnamed.close()]);
});
beforeEach(() => standIn.reset());

/** An address (host:port, a loopback IP) or a 1Password ID (26 lowercase letters and digits) on screen. */
const internals = /127\.0\.0\.1|localhost|:\d{2,5}\b|\b[a-z0-9]{26}\b/;

/** Two Connect servers (one named in settings, one not) and a desktop account, as a user sets them up. */
async function threeSources() {
  const secrets = new vscode.MemorySecretStorage();
  const fake = createFakeSdk();
  const log = vscode.window.createOutputChannel("test", { log: true });
  const registry = createTestRegistry({}, { secrets, log, loadSdk: async () => fake.client });
  await secrets.store(connectTokenKey(named.url), named.token);
  await secrets.store(connectTokenKey(unnamed.url), unnamed.token);
  standIn.setSetting("opBridge.connect.serverUrl", unnamed.url);
  standIn.setSetting("opBridge.connect.servers", [{ name: "Team server", serverUrl: named.url }]);
  await registry.signInSdk({ desktopAccount: "Acme Corp" });
  return { registry, log };
}

/** Every text a tree node shows: label, description and tooltip, down to the items. */
async function treeTexts(tree: ItemsTreeProvider): Promise<string[]> {
  const texts: string[] = [];
  const walk = async (node: TreeNode | undefined, depth: number) => {
    for (const child of await tree.getChildren(node)) {
      const item = tree.getTreeItem(child) as vscode.TreeItem;
      texts.push([item.label, item.description, item.tooltip].filter(Boolean).map(String).join(" | "));
      if (depth < 2) await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return texts;
}

test("picker rows, completions, hovers, the tree and the status bar name sources as the user does", async () => {
  const { registry, log } = await threeSources();
  expect((await registry.sources()).map((s) => s.label)).toEqual([
    "Connect server",
    "Team server",
    "Acme Corp",
  ]);

  // The item picker: each row names the sources that list the item.
  standIn.answer({ quickPick: "Postgres Staging" });
  await pickItem(registry, { title: "Insert Secret Reference" });
  const rows = standIn.state.pickers[0]!.rows!;
  expect(rows.find((r) => r.startsWith("Postgres Staging"))).toContain("Connect server, Team server");
  expect(rows.find((r) => r.startsWith("Deploy key"))).toContain("Acme Corp");

  // Completion of a vault, and the hover of a reference.
  const tree = new ItemsTreeProvider(registry, log);
  registerEditorFeatures({ subscriptions: [] } as never, registry, log, {
    tree,
    view: vscode.window.createTreeView("opBridge.items", { treeDataProvider: tree }),
  });
  const document = editorStandIn.openDocument(
    "A=op://\nB=op://Development/Postgres Staging/password\nC=op://Shared/Deploy key/credential\n",
    "dotenv",
    "/work/.env",
  );
  const completions = (await editorStandIn
    .provider<vs.CompletionItemProvider>("completion")
    .provideCompletionItems(
      document as unknown as vs.TextDocument,
      new vscode.Position(0, 7) as never,
      editorStandIn.token(),
      { triggerKind: 1, triggerCharacter: "/" } as never,
    )) as vscode.CompletionItem[];
  const completionTexts = completions.map((c) =>
    [typeof c.label === "string" ? c.label : c.label.label, c.detail, c.documentation]
      .map(String)
      .join(" | "),
  );
  expect(completionTexts.join("\n")).toMatch(/Development/);
  const hovers: string[] = [];
  for (const needle of ["Postgres Staging", "Deploy key"]) {
    const offset = document.getText().indexOf(needle);
    const hover = await editorStandIn
      .provider<vs.HoverProvider>("hover")
      .provideHover(
        document as unknown as vs.TextDocument,
        document.positionAt(offset) as never,
        editorStandIn.token(),
      );
    hovers.push(
      (hover!.contents as vscode.MarkdownString[]).map((c) => c.value.replace(/\\(.)/g, "$1")).join("\n"),
    );
  }
  expect(hovers[0]).toMatch(/Source: \*\*(Connect server|Team server)\*\*/);
  expect(hovers[1]).toContain("Source: **Acme Corp**");

  // The tree's source, vault and item nodes, and the status bar.
  const nodes = await treeTexts(tree);
  expect(nodes.join("\n")).toContain("Postgres Staging");
  const roots = await tree.getChildren();
  expect(roots.map((node) => (tree.getTreeItem(node) as vscode.TreeItem).label)).toEqual([
    "Connect server",
    "Team server",
    "Acme Corp",
  ]);
  createStatusBar(registry);
  const [status] = standIn.state.statusBarItems;
  await expect.poll(() => status!.tooltip).toBe("1Password: Connect server, Team server, Acme Corp");

  for (const shown of [...rows, ...completionTexts, ...hovers.map(withoutLinks), ...nodes, status!.text]) {
    expect(shown).not.toMatch(internals);
  }
});

test("two unnamed servers are told apart by their hosts, the only difference a user gave them", async () => {
  const secrets = new vscode.MemorySecretStorage();
  const registry = createTestRegistry({}, { secrets });
  await secrets.store(connectTokenKey(named.url), named.token);
  await secrets.store(connectTokenKey(unnamed.url), unnamed.token);
  standIn.setSetting("opBridge.connect.serverUrl", unnamed.url);
  standIn.setSetting("opBridge.connect.servers", [{ serverUrl: named.url }]);
  expect((await registry.sources()).map((s) => s.label)).toEqual([
    new URL(unnamed.url).host,
    new URL(named.url).host,
  ]);
});

/** A hover's command link carries the reference's IDs as its argument, which the hover does not show as text. */
function withoutLinks(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, "]");
}
