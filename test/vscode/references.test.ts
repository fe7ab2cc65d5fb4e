// Insert/Copy Secret Reference against a real HTTP Connect server on loopback, configured by OP_CONNECT_HOST/TOKEN.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { copyReference, insertReference } from "../../vscode-extension/src/commands/references.js";
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

const registry = (env = connectEnv(server)) => createTestRegistry(env);

describe("Insert Secret Reference", () => {
  test("searches as the user types, groups fields by section and inserts at every cursor of a .env file", async () => {
    const editor = standIn.openEditor("A=|\nB=|\n", "dotenv", "/work/.env");
    standIn.answer({ quickPick: "Postgres Staging", type: "postgres" }, { quickPick: "host" });
    await insertReference(registry());
    expect(editor.document.getText()).toBe(
      // The space in the item's name needs quotes in .env.
      'A="op://Development/Postgres Staging/Connection/host"\nB="op://Development/Postgres Staging/Connection/host"\n',
    );
    const [items, fields] = standIn.state.pickers;
    // The typed query filtered the list with the shared search.
    expect(items!.labels).toEqual(["Postgres Staging"]);
    // Fields without a section first, then a separator named after the section; no value is shown.
    expect(fields!.labels).toEqual(["username", "password", "Connection", "host"]);
    expect(JSON.stringify(standIn.state.pickers)).not.toContain("s3cr3t-value-never-shown");
  });

  test("quotes the reference in YAML when needed and uses IDs where names are not allowed", async () => {
    const editor = standIn.openEditor("key: |\n", "yaml", "/work/config.yaml");
    standIn.answer({ quickPick: "Stripe: live key", type: "stripe" }, { quickPick: "credential" });
    await insertReference(registry());
    // "Stripe: live key" has a colon, which a reference cannot hold: the item's ID goes in.
    expect(editor.document.getText()).toBe("key: op://Development/iiiiiiiiiiiiiiiiiiiiiiiii2/credential\n");
  });

  test("alwaysUseIds writes IDs for every part", async () => {
    standIn.setSetting("opBridge.references.alwaysUseIds", true);
    standIn.openEditor("|", "plaintext", "/work/notes.txt");
    standIn.answer({ quickPick: "Postgres Staging" }, { quickPick: "password" });
    await insertReference(registry());
    expect(standIn.state.activeTextEditor!.document.getText()).toBe(
      "op://vvvvvvvvvvvvvvvvvvvvvvvvv1/iiiiiiiiiiiiiiiiiiiiiiiii1/password",
    );
  });

  test("from the palette with no file open it asks where the reference goes: the clipboard or a new file", async () => {
    standIn.answer(
      { quickPick: "Postgres Staging", type: "postgres" },
      { quickPick: "password" },
      { quickPick: "Copy to Clipboard" },
    );
    await insertReference(registry());
    expect(standIn.state.clipboard).toBe("op://Development/Postgres Staging/password");
    expect(standIn.state.pickers.at(-1)!.title).toBe("Insert Secret Reference");

    standIn.answer(
      { quickPick: "Postgres Staging", type: "postgres" },
      { quickPick: "username" },
      { quickPick: "Insert into a New File" },
    );
    await insertReference(registry());
    const [shown] = standIn.state.shownDocuments;
    expect(shown!.document.getText()).toBe("op://Development/Postgres Staging/username\n");
    expect(standIn.messages("error")).toEqual([]);
  });

  test("hiding the item picker cancels quietly: nothing inserted", async () => {
    const editor = standIn.openEditor("X=|", "dotenv", "/work/.env");
    standIn.answer({ quickPick: undefined });
    await expect(insertReference(registry())).rejects.toHaveProperty("name", "CancellationError");
    expect(editor.document.getText()).toBe("X=");
  });

  test("a server that is down is named in the error, and the token is not", async () => {
    standIn.openEditor("X=|", "dotenv", "/work/.env");
    standIn.answer({ quickPick: "anything" });
    const down = registry({
      OP_CONNECT_HOST: "http://127.0.0.1:9",
      OP_CONNECT_TOKEN: "token-never-shown-123",
    });
    const error = await insertReference(down).catch((e: Error) => e);
    expect(String(error)).toMatch(/127\.0\.0\.1:9 cannot be reached/);
    expect(String(error)).not.toContain("token-never-shown-123");
  });
});

test("Copy Secret Reference puts the bare reference on the clipboard", async () => {
  standIn.answer({ quickPick: "Postgres Staging" }, { quickPick: "username" });
  await copyReference(registry());
  expect(standIn.state.clipboard).toBe("op://Development/Postgres Staging/username");
});
