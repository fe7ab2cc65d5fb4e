// Hover, completion, diagnostics with their quick fix, and links on op:// references, against a real Connect server on loopback.
import { viewItemUrl } from "@op-bridge/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type * as vs from "vscode";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import { ItemsTreeProvider } from "../../vscode-extension/src/tree/ItemsTreeProvider.js";
import { ItemNode } from "../../vscode-extension/src/tree/nodes.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
const secret = "s3cr3t-value-never-shown";
let server: TestConnect;

beforeAll(async () => {
  server = await startTestConnect();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => standIn.reset());

function setUp(env = connectEnv(server)) {
  const log = vscode.window.createOutputChannel("test", { log: true });
  const registry = createTestRegistry(env, { log });
  const tree = new ItemsTreeProvider(registry, log);
  const view = vscode.window.createTreeView("opBridge.items", { treeDataProvider: tree });
  const context = { subscriptions: [] as { dispose(): unknown }[] };
  const features = registerEditorFeatures(context as never, registry, log, { tree, view });
  return { registry, features, view: view as unknown as { revealed: unknown[] } };
}

const asDocument = (document: vscode.StandInDocument) => document as unknown as vs.TextDocument;
const token = () => editorStandIn.token();
/** The hover's text as a person reads it: markdown escapes removed. */
const read = (hover: vs.Hover | null | undefined) =>
  (hover?.contents ?? [])
    .map((c) => (c as vscode.MarkdownString).value)
    .join("\n")
    .replace(/\\(.)/g, "$1");

async function hoverAt(document: vscode.StandInDocument, needle: string) {
  const provider = editorStandIn.provider<vs.HoverProvider>("hover");
  const offset = document.getText().indexOf(needle) + 3;
  return provider.provideHover(asDocument(document), document.positionAt(offset) as never, token());
}

describe("hover", () => {
  test("names the vault, item, section, field (its type in words) and source, never the value or an ID", async () => {
    setUp();
    const document = editorStandIn.openDocument(
      'DB_PASSWORD="op://Development/Postgres Staging/password"\nDB_HOST=op://Development/Postgres Staging/Connection/host\n',
      "dotenv",
      "/work/.env",
    );
    const hover = await hoverAt(document, "op://Development/Postgres Staging/password");
    const password = read(hover);
    expect(password).toContain("Vault: **Development**  \n");
    expect(password).not.toContain("vvvvvvvvvvvvvvvvvvvvvvvvv1");
    expect(password).toContain("Item: **Postgres Staging** · Database");
    expect(password).toContain("Field: **password** · Password");
    expect(password).toContain(`Source: **Connect server**`);
    expect(password).not.toContain(secret);
    // One link, to the app; "Reveal in 1Password view" is the reference's own link, which VS Code adds to the hover.
    expect(password.match(/\]\(command:/g)).toHaveLength(1);
    expect(password).toContain(
      "[$(link-external) Open in 1Password app](command:opBridge.openReferenceInApp?",
    );
    expect(password).not.toMatch(/Show|Reveal/);
    const markdown = hover!.contents[0] as vscode.MarkdownString;
    expect(markdown.isTrusted).toEqual({ enabledCommands: ["opBridge.openReferenceInApp"] });
    const target = /\(command:([^?]+)\?([^)]+)\)/.exec(markdown.value)!;
    await vscode.commands.executeCommand(target[1]!, ...(JSON.parse(decodeURIComponent(target[2]!)) as []));
    expect(standIn.state.opened).toEqual([
      // A Connect item opens with 1Password 8's route.
      viewItemUrl({
        vaultId: "vvvvvvvvvvvvvvvvvvvvvvvvv1",
        id: "iiiiiiiiiiiiiiiiiiiiiiiii1",
        source: "connect",
      }),
    ]);
    const host = read(await hoverAt(document, "op://Development/Postgres Staging/Connection"));
    expect(host).toContain("Section: **Connection**");
    expect(host).toContain("Field: **host** · Text");
    expect(host).not.toContain("db.internal");
  });

  test("a reference with a problem is described once: by its diagnostic, or by the hover while it has none", async () => {
    const { features } = setUp();
    const document = editorStandIn.openDocument(
      "A=op://Development/Nope/password\nB=op://Development/Postgres Staging\nC=op://Vault X/Item/field\n",
      "dotenv",
      "/work/.env",
    );
    await features.diagnostics.settled(asDocument(document));
    expect(editorStandIn.diagnostics(document)).toHaveLength(3);
    // VS Code shows the diagnostic's message (and its quick fixes) in the hover: the hover adds nothing.
    for (const needle of ["op://Development/Nope", "op://Development/Postgres Staging", "op://Vault X"]) {
      expect(await hoverAt(document, needle)).toBeUndefined();
    }
    features.diagnostics.forget(asDocument(document));
    expect(read(await hoverAt(document, "op://Development/Nope"))).toContain(
      'It does not resolve: no item is named "Nope" or has that ID in vault "Development"',
    );
    expect(read(await hoverAt(document, "op://Development/Postgres Staging"))).toContain(
      "This reference is malformed: it has 2 parts",
    );
    const vaultX = read(await hoverAt(document, "op://Vault X"));
    expect(vaultX).toContain('It does not resolve: no vault is named "Vault X"');
    // Nothing points to an item that does not exist.
    expect(vaultX).not.toContain("command:");
  });

  test("a server that is down is named as the reason, not reported as a missing vault", async () => {
    setUp({ OP_CONNECT_HOST: "http://127.0.0.1:9", OP_CONNECT_TOKEN: "token-never-shown-123" });
    const document = editorStandIn.openDocument("A=op://Development/Item/field\n", "dotenv", "/work/.env");
    const text = read(await hoverAt(document, "op://Development"));
    expect(text).toMatch(/Could not be checked: .*127\.0\.0\.1:9 cannot be reached/);
    expect(text).not.toContain("token-never-shown-123");
  });

  test("no hover away from references", async () => {
    setUp();
    const document = editorStandIn.openDocument("PLAIN=value\n", "dotenv", "/work/.env");
    expect(await hoverAt(document, "PLAIN")).toBeUndefined();
  });
});

describe("completion", () => {
  async function complete(line: string, languageId = "dotenv") {
    const document = editorStandIn.openDocument(`${line}\nNEXT=1\n`, languageId, "/work/.env");
    const provider = editorStandIn.provider<vs.CompletionItemProvider>("completion");
    const items = (await provider.provideCompletionItems(
      asDocument(document),
      new vscode.Position(0, line.length) as never,
      token(),
      { triggerKind: 1, triggerCharacter: "/" } as never,
    )) as vscode.CompletionItem[] | undefined;
    return (items ?? []).map((item) => ({
      label: typeof item.label === "string" ? item.label : item.label.label,
      insert: item.insertText,
      from: item.range?.start.character,
    }));
  }

  test("offers vaults, then items, then fields and sections; names where allowed, IDs where not", async () => {
    setUp();
    expect(await complete("KEY=op://")).toEqual([{ label: "Development", insert: "Development/", from: 9 }]);
    expect(await complete("KEY=op://Dev")).toEqual([
      { label: "Development", insert: "Development/", from: 9 },
    ]);
    expect(await complete("KEY=op://Development/")).toEqual([
      { label: "Postgres Staging", insert: "Postgres Staging/", from: 21 },
      // A colon cannot be written in a reference: the item's ID goes in.
      { label: "Stripe: live key", insert: "iiiiiiiiiiiiiiiiiiiiiiiii2/", from: 21 },
    ]);
    expect(await complete("KEY=op://development/Postgres Staging/")).toEqual([
      { label: "username", insert: "username", from: 38 },
      { label: "password", insert: "password", from: 38 },
      { label: "Connection", insert: "Connection/", from: 38 },
    ]);
    expect(await complete("KEY=op://Development/Postgres Staging/Connection/h")).toEqual([
      { label: "host", insert: "host", from: 49 },
    ]);
  });

  test("alwaysUseIds inserts IDs, and the list is the same names", async () => {
    setUp();
    standIn.setSetting("opBridge.references.alwaysUseIds", true);
    expect(await complete("KEY=op://")).toEqual([
      { label: "Development", insert: "vvvvvvvvvvvvvvvvvvvvvvvvv1/", from: 9 },
    ]);
    expect(await complete("KEY=op://vvvvvvvvvvvvvvvvvvvvvvvvv1/iiiiiiiiiiiiiiiiiiiiiiiii2/")).toEqual([
      { label: "credential", insert: "credential", from: 63 },
    ]);
  });

  test("nothing outside a reference, for an unknown vault, or when cancelled", async () => {
    setUp();
    expect(await complete("KEY=value")).toEqual([]);
    expect(await complete("KEY=shop://")).toEqual([]);
    expect(await complete("KEY=op://Nowhere/")).toEqual([]);
    const document = editorStandIn.openDocument("KEY=op://", "dotenv", "/work/.env");
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    const provider = editorStandIn.provider<vs.CompletionItemProvider>("completion");
    expect(
      await provider.provideCompletionItems(
        asDocument(document),
        new vscode.Position(0, 9) as never,
        source.token,
        {} as never,
      ),
    ).toBeUndefined();
  });

  test("without a source it offers nothing and asks no server", async () => {
    setUp({});
    const before = server.requestsReceived();
    expect(await complete("KEY=op://")).toEqual([]);
    expect(server.requestsReceived()).toBe(before);
  });
});

describe("diagnostics and the quick fix", () => {
  const text =
    "GOOD=op://Development/Postgres Staging/password\n" +
    "BAD=op://Development/Postgres[1]/password\n" +
    "GONE=op://Development/Deleted Item/password\n";

  test("malformed and unresolved references get a problem each; the good one none", async () => {
    const { features } = setUp();
    const document = editorStandIn.openDocument(text, "dotenv", "/work/.env");
    await features.diagnostics.settled(asDocument(document));
    const problems = editorStandIn.diagnostics(document);
    expect(problems.map((p) => [p.range.start.line, p.severity, p.message])).toEqual([
      [
        1,
        vscode.DiagnosticSeverity.Error,
        expect.stringMatching(/^Malformed secret reference: the item "Postgres\[1\]" contains "\["/),
      ],
      [
        2,
        vscode.DiagnosticSeverity.Warning,
        'Secret reference does not resolve: no item is named "Deleted Item" or has that ID in vault "Development"',
      ],
    ]);
    // The problem covers the reference, not its key.
    expect(problems[1]!.range.start.character).toBe(5);
    expect(problems.every((p) => p.source === "1Password")).toBe(true);
  });

  test("without a source only syntax is checked, and no server is asked", async () => {
    const { features } = setUp({});
    const before = server.requestsReceived();
    const document = editorStandIn.openDocument(text, "dotenv", "/work/.env");
    await features.diagnostics.settled(asDocument(document));
    expect(editorStandIn.diagnostics(document).map((p) => p.range.start.line)).toEqual([1]);
    expect(server.requestsReceived()).toBe(before);
  });

  test('"Choose the item…" opens the picker and replaces the reference; the problem goes away', async () => {
    const { features } = setUp();
    const document = editorStandIn.openDocument(text, "dotenv", "/work/.env");
    await features.diagnostics.settled(asDocument(document));
    const gone = editorStandIn.diagnostics(document)[1]!;
    const provider = editorStandIn.provider<vs.CodeActionProvider>("codeAction");
    const actions = (await provider.provideCodeActions(
      asDocument(document),
      gone.range as never,
      {
        diagnostics: [gone],
        triggerKind: 1,
        only: undefined,
      } as never,
      token(),
    )) as vscode.CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(["Choose the item…"]);
    standIn.answer({ quickPick: "Postgres Staging", type: "postgres" }, { quickPick: "host" });
    await vscode.commands.executeCommand(actions[0]!.command!.command, ...actions[0]!.command!.arguments!);
    expect(document.getText().split("\n")[2]).toBe(
      'GONE="op://Development/Postgres Staging/Connection/host"',
    );
    expect(standIn.messages("error")).toEqual([]);
    // The edit starts a (debounced) check of the new text: only the malformed line is left.
    await features.diagnostics.settled(asDocument(document));
    expect(editorStandIn.diagnostics(document).map((p) => p.range.start.line)).toEqual([1]);
  });

  test("a mistyped vault, item or field gets its closest names as one-click fixes that resolve", async () => {
    const { features } = setUp();
    const typos =
      "A=op://Development/Postgres Stagin/password\n" +
      "B=op://Developmnt/Postgres Staging/password\n" +
      "C=op://Development/Postgres Staging/pasword\n" +
      "D=op://Development/Nothing Like It/password\n";
    const document = editorStandIn.openDocument(typos, "dotenv", "/work/.env");
    await features.diagnostics.settled(asDocument(document));
    const problems = editorStandIn.diagnostics(document);
    expect(problems).toHaveLength(4);
    const provider = editorStandIn.provider<vs.CodeActionProvider>("codeAction");
    const actionsFor = async (problem: vscode.Diagnostic) =>
      (await provider.provideCodeActions(
        asDocument(document),
        problem.range as never,
        { diagnostics: [problem], triggerKind: 1, only: undefined } as never,
        token(),
      )) as vscode.CodeAction[];
    const offered = await Promise.all(problems.map(actionsFor));
    expect(offered.map((actions) => actions.map((a) => a.title))).toEqual([
      ['Replace with "Postgres Staging"', "Choose the item…"],
      ['Replace with "Development"', "Choose the item…"],
      ['Replace with "password"', "Choose the item…"],
      ["Choose the item…"],
    ]);
    expect(offered.map((actions) => actions[0]!.isPreferred)).toEqual([true, true, true, true]);
    for (const actions of offered.slice(0, 3).reverse()) {
      expect(await vscode.workspace.applyEdit(actions[0]!.edit! as never)).toBe(true);
    }
    expect(document.getText().split("\n").slice(0, 3)).toEqual([
      'A="op://Development/Postgres Staging/password"',
      'B="op://Development/Postgres Staging/password"',
      'C="op://Development/Postgres Staging/password"',
    ]);
    await features.diagnostics.settled(asDocument(document));
    expect(editorStandIn.diagnostics(document).map((p) => p.range.start.line)).toEqual([3]);
  });

  test("a reference being typed gets no problem until the cursor leaves it", async () => {
    const { features } = setUp();
    const document = editorStandIn.openDocument(
      "A=op://Development/Nope/password\nB=\n",
      "dotenv",
      "/work/.env",
    );
    await features.diagnostics.settled(asDocument(document));
    const half = "A=op://Development/Nope/password\nB=op://Devel";
    editorStandIn.moveCursor(document, document.getText().length - 1);
    editorStandIn.type(document, `${half}\n`);
    editorStandIn.moveCursor(document, half.length);
    await features.diagnostics.settled(asDocument(document));
    // The finished reference above keeps its problem; the half-typed one under the cursor gets none.
    expect(editorStandIn.diagnostics(document).map((p) => p.range.start.line)).toEqual([0]);
    // Moving within it changes nothing; leaving it checks it.
    editorStandIn.moveCursor(document, half.length - 2);
    await features.diagnostics.settled(asDocument(document));
    expect(editorStandIn.diagnostics(document).map((p) => p.range.start.line)).toEqual([0]);
    editorStandIn.moveCursor(document, 0);
    await features.diagnostics.settled(asDocument(document));
    const problems = editorStandIn.diagnostics(document).map((p) => [p.range.start.line, p.message]);
    expect(problems.sort()).toEqual([
      [0, expect.stringContaining("does not resolve")],
      [1, expect.stringMatching(/^Malformed secret reference: it has 1 part/)],
    ]);
  });

  test("typing cancels the pending check: only the last text is reported", async () => {
    const { features } = setUp();
    const document = editorStandIn.openDocument("A=1\n", "dotenv", "/work/.env");
    await features.diagnostics.settled(asDocument(document));
    const checks = vi.spyOn(features.diagnostics, "check");
    editorStandIn.type(document, "A=op://Development/Interim/password\n");
    editorStandIn.type(document, "A=op://Development/Missing/password\n");
    await features.diagnostics.settled(asDocument(document));
    // Two keystrokes within the pause: one check, of the last text.
    expect(checks).toHaveBeenCalledTimes(1);
    expect(editorStandIn.diagnostics(document).map((p) => p.message)).toEqual([
      'Secret reference does not resolve: no item is named "Missing" or has that ID in vault "Development"',
    ]);
  });
});

describe("links", () => {
  test("each reference that leads to an item links to it, revealed in the 1Password view; others get no link", async () => {
    const { view } = setUp();
    const document = editorStandIn.openDocument(
      "A=op://Development/Postgres Staging/password\nB=op://bad\nC=op://Development/Nope/password\n",
      "dotenv",
      "/work/.env",
    );
    const provider = editorStandIn.provider<vs.DocumentLinkProvider>("documentLink");
    const links = (await provider.provideDocumentLinks(
      asDocument(document),
      token(),
    )) as vscode.DocumentLink[];
    expect(links).toHaveLength(1);
    expect(links[0]!.range.start.character).toBe(2);
    expect(links[0]!.tooltip).toBe("Reveal in 1Password view");
    const target = links[0]!.target!.toString();
    expect(target.startsWith("command:opBridge.openReference?")).toBe(true);
    const args = JSON.parse(decodeURIComponent(target.slice(target.indexOf("?") + 1))) as unknown[];
    await vscode.commands.executeCommand("opBridge.openReference", ...args);
    expect(standIn.messages("error")).toEqual([]);
    const revealed = view.revealed[0] as ItemNode;
    expect(revealed).toBeInstanceOf(ItemNode);
    expect(revealed.item.title).toBe("Postgres Staging");
    expect(revealed.parent.vault.name).toBe("Development");
  });

  test("without the view the item opens in the 1Password app; a reference that leads nowhere says why", async () => {
    const log = vscode.window.createOutputChannel("test", { log: true });
    const registry = createTestRegistry(connectEnv(server), { log });
    registerEditorFeatures({ subscriptions: [] } as never, registry, log);
    await vscode.commands.executeCommand(
      "opBridge.openReference",
      "op://Development/Postgres Staging/password",
    );
    expect(standIn.state.opened).toEqual([
      viewItemUrl({
        vaultId: "vvvvvvvvvvvvvvvvvvvvvvvvv1",
        id: "iiiiiiiiiiiiiiiiiiiiiiiii1",
        source: "connect",
      }),
    ]);
    await vscode.commands.executeCommand("opBridge.openReference", "op://Development/Nope/password");
    expect(standIn.messages("error")).toEqual([
      'op://Development/Nope/password does not resolve: no item is named "Nope" or has that ID in vault "Development"',
    ]);
  });
});
