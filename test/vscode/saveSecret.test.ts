// "Save in 1Password": lenses on values that look like secrets, the save flow against a real Connect server on
// loopback (item created, value replaced by its reference in one undoable edit), refusals, large files, the setting.
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import type * as vs from "vscode";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import { developmentVault, startTestConnect, type TestConnect } from "./helpers/connect.js";
import { clickLens, codeLensesOf } from "./helpers/codeLenses.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
const apiToken = "Zx8vQ2mN7pL4kR9tW3yB6cF1";
const githubToken = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
/** Reads the Development vault but may not create items in it (a token given read access only). */
const readOnlyToken = "read-only-token-0123456789";
let server: TestConnect;

beforeAll(async () => {
  server = await startTestConnect({
    scopedTokens: [{ token: readOnlyToken, vaults: ["Development"], readOnly: true }],
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => standIn.reset());

function setUp(token = server.token) {
  const log = vscode.window.createOutputChannel("test", { log: true });
  const registry = createTestRegistry(connectEnv(server, token), { log });
  return registerEditorFeatures({ subscriptions: [] } as never, registry, log);
}

const envText = [
  "# app settings",
  "DB_REF=op://Development/Postgres Staging/password",
  `API_TOKEN=${apiToken}`,
  "HOME_TOKEN=${HOME_TOKEN}",
  "SESSION_SECRET={{ session_secret }}",
  "DB_PASSWORD=password",
  "",
].join("\n");

/** The "Save in 1Password" lenses (each finding also has an "Ignore" lens beside it). */
async function lensesOf(document: vscode.StandInDocument, token = editorStandIn.token()) {
  return (await codeLensesOf(document, token)).filter(
    (l) => l.command?.command === "opBridge.saveInOnePassword",
  );
}

/** Everything a person could read: notifications, pickers, input boxes and the log. */
function everythingShown(): string {
  return JSON.stringify([
    standIn.state.notifications,
    standIn.state.pickers,
    editorStandIn.state.inputBoxes,
    standIn.state.logLines,
  ]);
}

describe("lenses", () => {
  test("Save and Ignore above the random value; references, placeholders and plain words get none", async () => {
    setUp();
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const lenses = await codeLensesOf(document);
    expect(lenses.map((l) => [l.range.start.line, l.range.start.character, l.command?.title])).toEqual([
      [2, 10, "Save in 1Password"],
      [2, 10, "Ignore"],
    ]);
    // The lens carries where the value is, never the value.
    expect(JSON.stringify(lenses[0]!.command!.arguments)).not.toContain(apiToken);
  });

  test("turning opBridge.secretDetection.enabled off removes the lenses at once, and on brings them back", async () => {
    setUp();
    const provider = editorStandIn.provider<vs.CodeLensProvider>("codeLens");
    let asked = 0;
    provider.onDidChangeCodeLenses!(() => asked++);
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    expect(await lensesOf(document)).toHaveLength(1);
    standIn.setSetting("opBridge.secretDetection.enabled", false);
    expect(asked).toBe(1);
    expect(await lensesOf(document)).toEqual([]);
    standIn.setSetting("opBridge.secretDetection.enabled", true);
    expect(asked).toBe(2);
    expect(await lensesOf(document)).toHaveLength(1);
  });
});

describe("ignoring a finding and custom patterns", () => {
  test("Ignore removes the lenses of that value wherever it moves, stores no value, and can be undone", async () => {
    const workspaceState = new vscode.MemoryMemento();
    const log = vscode.window.createOutputChannel("test", { log: true });
    registerEditorFeatures(
      { subscriptions: [], workspaceState } as never,
      createTestRegistry(connectEnv(server, server.token), { log }),
      log,
    );
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const ignore = (await codeLensesOf(document)).find((l) => l.command?.title === "Ignore")!;
    await clickLens(ignore);
    expect(await codeLensesOf(document)).toEqual([]);
    expect(JSON.stringify([...workspaceState.values])).not.toContain(apiToken);
    // The same value in another file, on another line, stays ignored: the fingerprint has no position.
    const moved = editorStandIn.openDocument(
      `# moved\n\nOTHER_TOKEN=${apiToken}\n`,
      "dotenv",
      "/work/other.env",
    );
    expect(await codeLensesOf(moved)).toEqual([]);
    await vscode.commands.executeCommand("opBridge.forgetIgnoredSecretFindings");
    expect(standIn.messages("info")).toEqual(["1 ignored secret finding(s) will be shown again."]);
    expect(await lensesOf(document)).toHaveLength(1);
  });

  test("a custom pattern adds lenses named after it; a dangerous one is refused with a warning", async () => {
    setUp();
    standIn.setSetting("opBridge.secretDetection.customPatterns", [
      { name: "Acme deploy key", pattern: "acme_[a-z0-9]{24}" },
      { name: "Greedy [link](command:x)", pattern: "(a+)+$" },
    ]);
    const text = "deploy: acme_k2v9q8w7e6r5t4y3u2i1o0pz\n";
    const document = editorStandIn.openDocument(text, "yaml", "/work/deploy.yaml");
    const [lens] = await lensesOf(document);
    expect(lens?.command?.tooltip).toMatch(/Acme deploy key/);
    expect(standIn.messages("warning")).toEqual([
      expect.stringMatching(/^Custom secret pattern "Greedy linkcommand:x" is ignored: a repeated group/),
    ]);
    standIn.setSetting("opBridge.secretDetection.customPatterns", []);
  });
});

describe("Save in 1Password", () => {
  test("creates the item with the value concealed, puts its reference in its place, and one undo restores the value", async () => {
    setUp();
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const [lens] = await lensesOf(document);
    standIn.answer({ quickPick: "Development" }, { input: "Billing API Token" }, { quickPick: "Save" });
    await clickLens(lens!);

    expect(standIn.messages("error")).toEqual([]);
    // The title offered was the key's, as a person would write it.
    expect(editorStandIn.state.inputBoxes[0]?.value).toBe("API Token");
    // The name has spaces, so .env needs quotes around the reference.
    expect(document.getText().split("\n")[2]).toBe('API_TOKEN="op://Development/Billing API Token/token"');
    const saved = (await server.storedItems()).find((item) => item.title === "Billing API Token");
    expect(saved?.category).toBe("API_CREDENTIAL");
    expect(saved?.fields).toEqual([
      expect.objectContaining({ type: "CONCEALED", label: "token", value: apiToken }),
    ]);
    expect(standIn.messages("info")).toEqual([
      'Saved "Billing API Token" in Development; the value was replaced by op://Development/Billing API Token/token.',
    ]);
    expect(everythingShown()).not.toContain(apiToken);

    expect(editorStandIn.state.appliedEdits).toBe(1);
    editorStandIn.undo(document);
    expect(document.getText()).toBe(envText);
  });

  test("in JSON the reference goes inside the existing quotes; a password becomes a Password item", async () => {
    setUp();
    const text = `{\n  "apiKey": "${githubToken}",\n  "db": { "password": "Tr0ub4dor&3xQ!" }\n}\n`;
    const document = editorStandIn.openDocument(text, "json", "/work/config.json");
    const lenses = await lensesOf(document);
    expect(lenses).toHaveLength(2);
    standIn.answer({ quickPick: "Development" }, { input: "GitHub CI" }, { quickPick: "Save" });
    await clickLens(lenses[0]!);
    // The GitHub format proposes its own title and the field label "token".
    expect(editorStandIn.state.inputBoxes[0]?.value).toBe("GitHub");
    expect(document.getText()).toContain('"apiKey": "op://Development/GitHub CI/token",');

    // The second lens was drawn for the older version: it finds its value again.
    standIn.answer({ quickPick: "Development" }, { input: "Config DB" }, { quickPick: "Save" });
    await clickLens(lenses[1]!);
    expect(standIn.messages("error")).toEqual([]);
    expect(document.getText()).toContain('"db": { "password": "op://Development/Config DB/password" }');
    const saved = (await server.storedItems()).find((item) => item.title === "Config DB");
    expect(saved?.category).toBe("PASSWORD");
    expect(saved?.fields[0]).toMatchObject({
      type: "CONCEALED",
      purpose: "PASSWORD",
      value: "Tr0ub4dor&3xQ!",
    });
  });

  test("a source that refuses (403) is reported clearly; the file keeps its value", async () => {
    // The token lists the vault, so it is offered, but the server refuses to create items in it.
    setUp(readOnlyToken);
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const [lens] = await lensesOf(document);
    const itemsBefore = (await server.storedItems()).length;
    standIn.answer({ quickPick: "Development" }, { input: "API Token" }, { quickPick: "Save" });
    await clickLens(lens!);
    expect(standIn.messages("error")).toEqual([
      expect.stringMatching(
        new RegExp(
          `^"API Token" was not saved in 1Password: This token has no access to vault ${developmentVault.id} on `,
        ),
      ),
    ]);
    expect(document.getText()).toBe(envText);
    expect(await server.storedItems()).toHaveLength(itemsBefore);
    expect(everythingShown()).not.toContain(apiToken);
  });

  test("a connection lost after the server stored the item says it may have been saved, not that it was not", async () => {
    setUp();
    // The server stores the item, then the connection is cut before its answer arrives.
    server.setFaults({ dropConnections: { count: 1 }, only: { method: "POST" } });
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const [lens] = await lensesOf(document);
    standIn.answer({ quickPick: "Development" }, { input: "Lost Answer" }, { quickPick: "Save" });
    try {
      await clickLens(lens!);
    } finally {
      server.setFaults({});
    }
    expect(server.stats.faultsInjected.droppedConnections).toBe(1);
    expect(standIn.messages("error")).toEqual([
      expect.stringMatching(
        /^It is not known whether "Lost Answer" was saved in Development: The connection to the Connect server at \S+ was lost during POST \(\w+\): the change may or may not have been made; check before trying again\.$/,
      ),
    ]);
    // It was: a second save would have made a duplicate. The file keeps its value, as no reference is known.
    expect((await server.storedItems()).filter((i) => i.title === "Lost Answer")).toHaveLength(1);
    expect(document.getText()).toBe(envText);
    expect(everythingShown()).not.toContain(apiToken);
  });

  test("Escape at the vault or title step saves nothing and says nothing", async () => {
    setUp();
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const [lens] = await lensesOf(document);
    const itemsBefore = (await server.storedItems()).length;
    standIn.answer({ quickPick: undefined });
    await clickLens(lens!);
    standIn.answer({ quickPick: "Development" }, { input: undefined });
    await clickLens(lens!);
    expect(standIn.state.notifications).toEqual([]);
    expect(await server.storedItems()).toHaveLength(itemsBefore);
    expect(document.getText()).toBe(envText);
  });

  test("an empty title is refused by the input box", async () => {
    setUp();
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    const [lens] = await lensesOf(document);
    standIn.answer(
      { quickPick: "Development" },
      { input: "  " },
      { input: "Kept Title" },
      { quickPick: "Save" },
    );
    await clickLens(lens!);
    expect(standIn.state.validations[0]).toEqual({ value: "  ", message: "The item needs a title." });
    expect(document.getText()).toContain('API_TOKEN="op://Development/Kept Title/token"');
  });
});

describe("from the palette", () => {
  function activeEditor(document: vscode.StandInDocument, start: number, end = start) {
    const selection = new vscode.Selection(document.positionAt(start), document.positionAt(end));
    standIn.state.activeTextEditor = { document, selection, selections: [selection] } as never;
  }

  test("saves the value under the cursor", async () => {
    setUp();
    const document = editorStandIn.openDocument(envText, "dotenv", "/work/.env");
    activeEditor(document, envText.indexOf(apiToken) + 4);
    standIn.answer({ quickPick: "Development" }, { input: "Palette Token" }, { quickPick: "Save" });
    await vscode.commands.executeCommand("opBridge.saveInOnePassword");
    expect(standIn.messages("error")).toEqual([]);
    expect(document.getText()).toContain('API_TOKEN="op://Development/Palette Token/token"');
  });

  test("saves a selected value detection did not flag; says what to do when there is nothing", async () => {
    setUp();
    const text = "greeting: HelloWorld2024\n";
    const document = editorStandIn.openDocument(text, "yaml", "/work/app.yaml");
    activeEditor(document, 0);
    await vscode.commands.executeCommand("opBridge.saveInOnePassword");
    expect(standIn.messages("error")).toEqual([
      'Select the value to save, or put the cursor on one marked "Save in 1Password".',
    ]);
    activeEditor(document, text.indexOf("Hello"), text.indexOf("\n"));
    standIn.answer({ quickPick: "Development" }, { input: "Greeting" }, { quickPick: "Save" });
    await vscode.commands.executeCommand("opBridge.saveInOnePassword");
    expect(document.getText()).toBe("greeting: op://Development/Greeting/credential\n");
    const greeting = (await server.storedItems()).find((i) => i.title === "Greeting");
    expect(greeting?.fields[0]?.value).toBe("HelloWorld2024");
  });
});

describe("large files", () => {
  /**
   * A .env-like text of about `megabytes` MB: a block of 5,000 lines with one secret, repeated (built in
   * one piece, so the test's own garbage does not land in the measurement).
   */
  function bigText(megabytes: number) {
    const lines: string[] = [];
    for (let i = 0; i < 4999; i++) lines.push(`SETTING_${i}=some plain value number ${i} # comment`);
    lines.push("SERVICE_API_KEY=Qx8vQ2mN7pL4kR9tW3yB6cF1");
    const block = `${lines.join("\n")}\n`;
    const copies = Math.ceil((megabytes * 1024 * 1024) / block.length);
    const text = block.repeat(copies);
    // VS Code's getText() answers a flat string; repeat() makes a rope, flattened here rather than mid-scan.
    text.indexOf("\u0000");
    return { text, secrets: copies };
  }

  /**
   * Runs `work` while counting the turns the event loop gave other callbacks meanwhile (each turn
   * runs one queued setImmediate). How long each block lasts is the benchmark's business
   * (npm run bench, secrets section), not a test's: a shared machine makes any limit flaky.
   */
  async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
    let turns = 0;
    let running = true;
    const turn = () => {
      turns++;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    await work();
    running = false;
    return turns;
  }

  test("a 10 MB file is scanned in slices: the host's other work runs meanwhile, and the same version is not scanned again", async () => {
    setUp();
    const { text, secrets } = bigText(10);
    const document = editorStandIn.openDocument(text, "dotenv", "/work/big.env");
    let lenses: vscode.CodeLens[] = [];
    const turns = await turnsDuring(async () => {
      lenses = await lensesOf(document);
    });
    expect(lenses).toHaveLength(secrets);
    // A slice is a few milliseconds of scanning; one scan in a single block would leave a turn or two.
    expect(turns).toBeGreaterThan(10);
    // The same version is answered from the scan already made: its text is not read again.
    const getText = vi.spyOn(document, "getText");
    expect(await lensesOf(document)).toHaveLength(secrets);
    expect(getText).not.toHaveBeenCalled();
  });

  test("the next edit cancels the scan of the version before it", async () => {
    setUp();
    const { text, secrets } = bigText(10);
    const document = editorStandIn.openDocument(text, "dotenv", "/work/big.env");
    const first = lensesOf(document);
    await new Promise((resolve) => setTimeout(resolve, 5));
    editorStandIn.type(document, `${text}\nNEW_SECRET_TOKEN=Zq9vQ2mN7pL4kR9tW3yB6cF1`);
    const second = lensesOf(document);
    // The old version's scan stops: its lenses are not drawn.
    expect(await first).toEqual([]);
    expect(await second).toHaveLength(secrets + 1);
  });
});
