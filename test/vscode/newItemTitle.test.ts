// New items never collide: Save in 1Password and Generate Password next to the demo's "GitHub" item offer a free
// title, refuse a taken one, and leave every reference in the file (old and new) resolving to its own item.
import { locateSecretReference, type ItemDetails, type ItemSummary } from "@op-bridge/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { buildDemoSeed } from "../connect-server/demoSeed.js";
import { generatePasswordItem } from "../../vscode-extension/src/commands/generatePassword.js";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import { referenceForNewItem, uniqueTitle } from "../../vscode-extension/src/editor/newItemTitle.js";
import type { Source } from "../../vscode-extension/src/sources/SourceRegistry.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { clickLens, codeLensesOf } from "./helpers/codeLenses.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
const githubToken = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
let server: TestConnect;

beforeAll(async () => {
  server = await startTestConnect({ seed: buildDemoSeed() });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => standIn.reset());

describe("uniqueTitle", () => {
  test("keeps a free title, numbers a taken one past every number already used, compares as references do", () => {
    expect(uniqueTitle("GitHub", new Set(["gitlab"]))).toBe("GitHub");
    expect(uniqueTitle(" GitHub ", new Set(["github"]))).toBe("GitHub 2");
    expect(uniqueTitle("GitHub", new Set(["github", "github 2", "github 3"]))).toBe("GitHub 4");
    // Titles unknown (the vault could not be read): the wanted one is offered.
    expect(uniqueTitle("GitHub", undefined)).toBe("GitHub");
  });
});

describe("saving and generating next to an existing item of the same title", () => {
  test("the new items get free titles, and every reference, the old one included, resolves to its own item", async () => {
    const log = vscode.window.createOutputChannel("test", { log: true });
    const registry = createTestRegistry(connectEnv(server, server.token), { log });
    registerEditorFeatures({ subscriptions: [] } as never, registry, log);
    const providers = await registry.providers();
    const existing = await locateSecretReference(providers, "op://Development/GitHub/password");

    const text = `GITHUB_LOGIN=op://Development/GitHub/password\nGITHUB_TOKEN=${githubToken}\nDB=\n`;
    const document = editorStandIn.openDocument(text, "dotenv", "/work/.env");
    const [lens] = await codeLensesOf(document);
    // "github" is refused (references compare titles case-insensitively); the offered title is accepted.
    standIn.answer(
      { quickPick: "Development" },
      // Offered instead of a second "GitHub": adding to it, or a new item with a free title.
      { quickPick: 'New Item "GitHub 2"' },
      { input: "github" },
      { input: "GitHub 2" },
      { quickPick: "Save" },
    );
    await clickLens(lens!);
    expect(standIn.messages("error")).toEqual([]);
    expect(editorStandIn.state.inputBoxes[0]?.value).toBe("GitHub 2");
    expect(standIn.state.validations[0]).toEqual({
      value: "github",
      message:
        'Development already has an item "github": references by its title would become ambiguous. Choose another title.',
    });

    // Generate Password twice with its default title, at the end of the file.
    for (const expected of ["Generated Password", "Generated Password 2"]) {
      const before = document.getText();
      standIn.state.activeTextEditor = {
        document,
        selections: [
          new vscode.Selection(document.positionAt(before.length), document.positionAt(before.length)),
        ],
        edit: async (build: (b: { replace(range: vscode.Range, text: string): void }) => void) => {
          const edit = new vscode.WorkspaceEdit();
          build({ replace: (range, inserted) => edit.replace(document.uri as never, range, inserted) });
          return vscode.workspace.applyEdit(edit as never);
        },
      } as never;
      standIn.answer(
        { quickPick: "Development" },
        { input: expected },
        { quickPick: "Insert Secret Reference" },
      );
      await generatePasswordItem(registry);
      const offered = editorStandIn.state.inputBoxes.at(-1)?.value;
      expect(offered).toBe(expected);
    }
    expect(standIn.messages("error")).toEqual([]);

    const references = document.getText().match(/op:\/\/[^"\n]+/g)!;
    expect(references).toEqual([
      "op://Development/GitHub/password",
      "op://Development/GitHub 2/token",
      "op://Development/Generated Password/password",
      "op://Development/Generated Password 2/password",
    ]);
    const located = await Promise.all(references.map((r) => locateSecretReference(providers, r)));
    // The old reference leads where it led before; each new one to its own item.
    expect(located[0]!.item.summary.id).toBe(existing.item.summary.id);
    expect(new Set(located.map((l) => l.item.summary.id)).size).toBe(4);
  });
});

describe("adding to the existing item instead", () => {
  test('"Add to "GitHub"" adds the token as a new field; both references lead to that one item', async () => {
    const log = vscode.window.createOutputChannel("test", { log: true });
    const registry = createTestRegistry(connectEnv(server, server.token), { log });
    registerEditorFeatures({ subscriptions: [] } as never, registry, log);
    const providers = await registry.providers();
    const before = await locateSecretReference(providers, "op://Development/GitHub/password");
    const text = `GITHUB_LOGIN=op://Development/GitHub/password\nGITHUB_TOKEN=${githubToken}\n`;
    const document = editorStandIn.openDocument(text, "dotenv", "/work/add.env");
    const [lens] = await codeLensesOf(document);
    standIn.answer({ quickPick: "Development" }, { quickPick: 'Add to "GitHub"' });
    await clickLens(lens!);
    expect(standIn.messages("error")).toEqual([]);
    expect(document.getText()).toBe(
      "GITHUB_LOGIN=op://Development/GitHub/password\nGITHUB_TOKEN=op://Development/GitHub/token\n",
    );
    const [login, token] = await Promise.all(
      ["op://Development/GitHub/password", "op://Development/GitHub/token"].map((r) =>
        locateSecretReference(providers, r),
      ),
    );
    expect(login!.item.summary.id).toBe(before.item.summary.id);
    expect(token!.item.summary.id).toBe(before.item.summary.id);
    expect(
      await server.storedItems().then((items) => items.filter((i) => i.title === "GitHub")),
    ).toHaveLength(1);
    editorStandIn.undo(document);
    expect(document.getText()).toBe(text);
  });
});

describe("referenceForNewItem", () => {
  const details: ItemDetails = {
    summary: {
      id: "newitem00000000000000000001",
      title: "GitHub",
      vaultId: "vault0000000000000000000001",
      vaultName: "Development",
      category: "API Credential",
      urls: [],
    } as unknown as ItemSummary,
    fields: [{ id: "credential", label: "credential", type: "CONCEALED", concealed: true }],
    sections: [],
  } as unknown as ItemDetails;
  const field = details.fields[0]!;
  const sourceListing = (listItems: () => Promise<ItemSummary[]>) =>
    ({ label: "Demo", provider: { listItems } }) as unknown as Source;

  test("by names when the new item is the only one of its title", async () => {
    const source = sourceListing(async () => [details.summary]);
    expect(await referenceForNewItem(source, details, field)).toBe("op://Development/GitHub/credential");
  });

  test("by IDs when another item got the same title meanwhile, or the vault cannot be read again", async () => {
    const twin = { ...details.summary, id: "other000000000000000000001", title: "github" };
    const ids = "op://vault0000000000000000000001/newitem00000000000000000001/credential";
    expect(
      await referenceForNewItem(
        sourceListing(async () => [details.summary, twin]),
        details,
        field,
      ),
    ).toBe(ids);
    const failing = sourceListing(async () => {
      throw new Error("The server did not answer");
    });
    expect(await referenceForNewItem(failing, details, field)).toBe(ids);
  });
});
