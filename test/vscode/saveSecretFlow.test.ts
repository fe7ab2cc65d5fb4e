// Save in 1Password's choices: category and field label before saving, and several selections saved as several
// fields of one item, replaced by their references in one undoable edit.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import { defaultPlan } from "../../vscode-extension/src/editor/saveSecretFlow.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { clickLens, codeLensesOf } from "./helpers/codeLenses.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
const apiToken = "Zx8vQ2mN7pL4kR9tW3yB6cF1";
const stripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
let server: TestConnect;

beforeAll(async () => {
  server = await startTestConnect();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => standIn.reset());

function setUp() {
  const log = vscode.window.createOutputChannel("test", { log: true });
  const registry = createTestRegistry(connectEnv(server), { log });
  return registerEditorFeatures({ subscriptions: [] } as never, registry, log);
}

describe("defaultPlan", () => {
  test("passwords suggest a Password item, anything else an API Credential; several values take their keys", () => {
    expect(defaultPlan([{ kind: "password" }])).toEqual({ category: "PASSWORD", labels: ["password"] });
    expect(defaultPlan([{ kind: "api-key", key: "API_TOKEN" }])).toEqual({
      category: "API_CREDENTIAL",
      labels: ["credential"],
    });
    expect(
      defaultPlan([{ kind: "api-key", key: "TOKEN" }, { kind: "secret", key: "token" }, { kind: "secret" }]),
    ).toEqual({ category: "API_CREDENTIAL", labels: ["TOKEN", "token 2", "credential 3"] });
  });
});

describe("Save in 1Password", () => {
  test("the category and the field label can be changed before saving; the reference names the label", async () => {
    setUp();
    const document = editorStandIn.openDocument(`API_TOKEN=${apiToken}\n`, "dotenv", "/work/.env");
    const [lens] = await codeLensesOf(document);
    standIn.answer(
      { quickPick: "Development" },
      { input: "Billing" },
      { quickPick: "Change the Category…" },
      { quickPick: "Database" },
      { quickPick: "Change the Field Label…" },
      { input: "" },
      { input: "api key" },
      { quickPick: "Save" },
    );
    await clickLens(lens!);
    expect(standIn.messages("error")).toEqual([]);
    // The summary row says what will be saved, in 1Password's words.
    const summaries = standIn.state.pickers
      .filter((p) => p.labels[0]?.startsWith("Save"))
      .map((p) => p.rows![0]);
    expect(summaries).toEqual([
      // The detector names the provider's field ("token"); a label it suggests stays when the category changes.
      'Save "Billing" · API Credential · field "token" · In Development; the value is concealed.',
      'Save "Billing" · Database · field "token" · In Development; the value is concealed.',
      'Save "Billing" · Database · field "api key" · In Development; the value is concealed.',
    ]);
    expect(standIn.state.validations).toContainEqual({ value: "", message: "The field needs a label." });
    expect(document.getText()).toBe('API_TOKEN="op://Development/Billing/api key"\n');
    const saved = (await server.storedItems()).find((item) => item.title === "Billing");
    expect(saved?.category).toBe("DATABASE");
    expect(saved?.fields).toEqual([
      expect.objectContaining({ label: "api key", type: "CONCEALED", value: apiToken }),
    ]);
  });

  test("several selections become fields of one item, replaced in one edit that one undo restores", async () => {
    setUp();
    const text = `API_TOKEN=${apiToken}\nLOG_LEVEL=debug\nSTRIPE_KEY=${stripeKey}\n`;
    const document = editorStandIn.openDocument(text, "dotenv", "/work/.env");
    const select = (value: string) =>
      new vscode.Selection(
        document.positionAt(text.indexOf(value)),
        document.positionAt(text.indexOf(value) + value.length),
      );
    const selections = [select(stripeKey), select(apiToken)];
    standIn.state.activeTextEditor = { document, selection: selections[0], selections } as never;
    standIn.answer({ quickPick: "Development" }, { input: "Payments" }, { quickPick: "Save" });
    await vscode.commands.executeCommand("opBridge.saveInOnePassword");
    expect(standIn.messages("error")).toEqual([]);
    expect(document.getText()).toBe(
      "API_TOKEN=op://Development/Payments/API_TOKEN\nLOG_LEVEL=debug\nSTRIPE_KEY=op://Development/Payments/STRIPE_KEY\n",
    );
    const saved = (await server.storedItems()).find((item) => item.title === "Payments");
    expect(saved?.fields.map((f) => [f.label, f.value])).toEqual([
      ["API_TOKEN", apiToken],
      ["STRIPE_KEY", stripeKey],
    ]);
    expect(standIn.messages("info")).toEqual([
      'Saved "Payments" in Development with 2 fields; each value was replaced by its reference.',
    ]);
    expect(editorStandIn.state.appliedEdits).toBe(1);
    editorStandIn.undo(document);
    expect(document.getText()).toBe(text);
  });
});
