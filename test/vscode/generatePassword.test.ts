// Generate Password against a real loopback Connect server (which generates the value from the recipe) and a
// fake SDK client: the created item, the reference or value inserted at every cursor, settings read at each run.
import type { ItemCreateParams } from "@1password/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { generatePasswordItem } from "../../vscode-extension/src/commands/generatePassword.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
const platform = { id: "pppppppppppppppppppppppp01", name: "Platform" };
const team = { id: "tttttttttttttttttttttttt01", name: "Team" };
/** Lists both vaults but may not create items in them (a token given read access only). */
const readOnlyToken = "read-only-token-0123456789";
/** Connect's generator sets, as the spec names them. */
const connectCharacterSets = {
  LETTERS: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  DIGITS: "0123456789",
  SYMBOLS: "!#$%&()*+,-./:;<=>?@[]^_{|}~",
} as const;
let server: TestConnect;

beforeAll(async () => {
  server = await startTestConnect({
    token: "generate-token-0123456789",
    seed: { vaults: [platform, team] },
    scopedTokens: [{ token: readOnlyToken, vaults: ["Platform", "Team"], readOnly: true }],
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  standIn.reset();
  server.clearRequests();
  server.setFaults({});
});

function registry(withSdk?: (params: ItemCreateParams) => void, token = server.token) {
  const fake = createFakeSdk();
  const client = {
    ...fake.client,
    items: {
      ...fake.client.items,
      create: async (params: ItemCreateParams) => {
        withSdk?.(params);
        return fake.client.items.create(params);
      },
    },
  } as typeof fake.client;
  return createTestRegistry(connectEnv(server, token), { loadSdk: async () => client });
}

/** The value the server generated for the last item created, as its answer to the POST carried it. */
function lastGeneratedValue(): string {
  return server
    .createdItems()
    .at(-1)!
    .fields.find((f) => f.purpose === "PASSWORD")!.value!;
}

const onlyFrom = (sets: (keyof typeof connectCharacterSets)[]) =>
  new RegExp(`^[${sets.map((s) => connectCharacterSets[s].replace(/[\\\]^-]/g, "\\$&")).join("")}]+$`);

describe("Generate Password through Connect", () => {
  test("the server generates the password from the settings' recipe; its reference goes in at every cursor", async () => {
    standIn.setSetting("opBridge.passwordGenerator.length", 20);
    standIn.setSetting("opBridge.passwordGenerator.characterSets", ["LETTERS", "DIGITS"]);
    const editor = standIn.openEditor("DB_PASSWORD=|\nCOPY=|\n", "dotenv", "/work/.env");
    standIn.answer(
      { quickPick: "Team" },
      { input: "CI deploy password" },
      { quickPick: "Insert Secret Reference" },
    );
    await generatePasswordItem(registry());

    expect(standIn.state.pickers[0]!.labels).toEqual(["Platform", "Team"]);
    // Connect makes the value: the request carries `generate` and the recipe, never a value.
    expect(server.sentItems()).toEqual([
      {
        title: "CI deploy password",
        category: "PASSWORD",
        vault: { id: team.id },
        fields: [
          {
            type: "CONCEALED",
            label: "password",
            purpose: "PASSWORD",
            generate: true,
            recipe: { length: 20, characterSets: ["LETTERS", "DIGITS"] },
          },
        ],
      },
    ]);
    const value = lastGeneratedValue();
    expect(value).toHaveLength(20);
    expect(value).toMatch(onlyFrom(["LETTERS", "DIGITS"]));
    // The title has spaces, so .env needs quotes.
    expect(editor.document.getText()).toBe(
      'DB_PASSWORD="op://Team/CI deploy password/password"\nCOPY="op://Team/CI deploy password/password"\n',
    );
    expect(standIn.state.progress.map((p) => p.title)).toEqual([
      `Reading the vaults of Connect server…`,
      // Titles are read before the question, and checked again once the item exists.
      "Reading the items of Team…",
      'Creating "CI deploy password" in Team…',
      'Checking Team for "CI deploy password"…',
    ]);
    expect(standIn.messages("info")).toEqual([
      `Created "CI deploy password" in Team (Connect server) and inserted its reference at 2 cursors.`,
    ]);
    expect(JSON.stringify([standIn.state.notifications, standIn.state.logLines])).not.toContain(value);
  });

  test("changed settings apply to the next run without a reload; the title defaults to Generated Password", async () => {
    const sources = registry();
    standIn.openEditor("|", "yaml", "/work/values.yaml");
    standIn.answer(
      { quickPick: "Platform" },
      { input: "Generated Password" },
      { quickPick: "Insert Secret Reference" },
    );
    await generatePasswordItem(sources);
    // The defaults: 32 characters from all three sets.
    expect(lastGeneratedValue()).toHaveLength(32);
    expect(server.sentItems().at(-1)).toMatchObject({
      fields: [{ recipe: { length: 32, characterSets: ["LETTERS", "DIGITS", "SYMBOLS"] } }],
    });

    standIn.setSetting("opBridge.passwordGenerator.length", 12);
    standIn.setSetting("opBridge.passwordGenerator.characterSets", ["DIGITS"]);
    standIn.openEditor("pin: |\n", "yaml", "/work/values.yaml");
    standIn.answer(
      { quickPick: "Platform" },
      { input: "Door PIN" },
      { quickPick: "Insert Secret Reference" },
    );
    await generatePasswordItem(sources);
    expect(server.sentItems().at(-1)).toMatchObject({
      fields: [{ recipe: { length: 12, characterSets: ["DIGITS"] } }],
    });
    expect(lastGeneratedValue()).toMatch(/^\d{12}$/);
    expect(standIn.state.activeTextEditor!.document.getText()).toBe("pin: op://Platform/Door PIN/password\n");
    // The title box offered the default.
    expect(standIn.state.validations.map((v) => v.value)).toEqual(["Generated Password", "Door PIN"]);
  });

  test("Insert the Password Itself reads the new value at that moment and puts it, quoted for JSON, at the cursor", async () => {
    standIn.setSetting("opBridge.passwordGenerator.characterSets", ["LETTERS", "DIGITS", "SYMBOLS"]);
    const editor = standIn.openEditor('{ "password": | }', "json", "/work/config.json");
    standIn.answer(
      { quickPick: "Platform" },
      { input: "Webhook secret" },
      { quickPick: "Insert the Password Itself" },
    );
    await generatePasswordItem(registry());
    const value = lastGeneratedValue();
    expect(JSON.parse(editor.document.getText())).toEqual({ password: value });
    // Read once, after creating, and never shown or logged.
    const created = server.createdItems().at(-1)!;
    expect(server.requests().filter((r) => r.includes(created.id))).toEqual([
      `GET /v1/vaults/${platform.id}/items/${created.id}`,
    ]);
    expect(
      JSON.stringify([standIn.state.notifications, standIn.state.logLines, standIn.state.progress]),
    ).not.toContain(value);
    expect(standIn.messages("info")).toEqual([
      `Created "Webhook secret" in Platform (Connect server) and inserted its password.`,
    ]);
  });

  test("a title a reference cannot hold gets the item's ID in the reference", async () => {
    const editor = standIn.openEditor("KEY=|", "dotenv", "/work/.env");
    standIn.answer(
      { quickPick: "Team" },
      { input: "Stripe: webhook" },
      { quickPick: "Insert Secret Reference" },
    );
    await generatePasswordItem(registry());
    expect(editor.document.getText()).toBe(`KEY=op://Team/${server.createdItems().at(-1)!.id}/password`);
  });

  test("a server that answers 403 or 500 gives a clear message, and nothing is inserted", async () => {
    const editor = standIn.openEditor("KEY=|", "dotenv", "/work/.env");
    const itemsBefore = (await server.storedItems()).length;
    // The read-only token lists Team, so it is offered; creating the item there is refused.
    standIn.answer({ quickPick: "Team" }, { input: "Denied" }, { quickPick: "Insert Secret Reference" });
    await expect(generatePasswordItem(registry(undefined, readOnlyToken))).rejects.toThrow(
      `This token has no access to vault ${team.id} on ${server.url}: give the Connect token access to that vault in 1Password, or use a token that has it.`,
    );
    server.setFaults({ serverErrors: { count: Infinity, status: 500 }, only: { method: "POST" } });
    standIn.answer({ quickPick: "Team" }, { input: "Broken" }, { quickPick: "Insert Secret Reference" });
    await expect(generatePasswordItem(registry())).rejects.toThrow(
      new RegExp(
        `The Connect server at ${server.url} failed to answer POST /v1/vaults/${team.id}/items \\(500 Internal Server Error\\)`,
      ),
    );
    expect(editor.document.getText()).toBe("KEY=");
    expect(await server.storedItems()).toHaveLength(itemsBefore);
  });

  test("a connection lost after the server created the item says the change may have been made; nothing is inserted, the lists show the item", async () => {
    const editor = standIn.openEditor("KEY=|", "dotenv", "/work/.env");
    const sources = registry();
    expect((await sources.loadItems()).items.map((i) => i.title)).not.toContain("Lost answer");
    server.setFaults({ dropConnections: { count: 1 }, only: { method: "POST" } });
    standIn.answer({ quickPick: "Team" }, { input: "Lost answer" }, { quickPick: "Insert Secret Reference" });
    await expect(generatePasswordItem(sources)).rejects.toThrow(
      new RegExp(
        `^The connection to the Connect server at ${server.url} was lost during POST \\(\\w+\\): the change may or may not have been made; check before trying again\\.$`,
      ),
    );
    // The write is not sent again (that could make a second item), and the one made is there to check.
    expect(server.requests().filter((r) => r.startsWith("POST"))).toHaveLength(1);
    expect((await server.storedItems()).filter((i) => i.title === "Lost answer")).toHaveLength(1);
    expect(editor.document.getText()).toBe("KEY=");
    // Pickers and the tree ask the server again, so the item is there to check.
    expect((await sources.loadItems()).items.map((i) => i.title)).toContain("Lost answer");
  });
});

describe("Generate Password with several sources", () => {
  test("the user picks the SDK account; the SDK gets a generated value that follows the settings", async () => {
    standIn.setSetting("opBridge.passwordGenerator.length", 40);
    standIn.setSetting("opBridge.passwordGenerator.characterSets", ["LETTERS", "SYMBOLS"]);
    const sent: ItemCreateParams[] = [];
    const sources = registry((params) => sent.push(params));
    await sources.signInSdk({ serviceAccountToken: "ops_valid" });
    const editor = standIn.openEditor("|", "plaintext", "/work/notes.txt");
    standIn.answer(
      { quickPick: "Service account" },
      { input: "Generated Password" },
      { quickPick: "Insert Secret Reference" },
    );
    await generatePasswordItem(sources);
    expect(standIn.state.pickers[0]!.rows).toEqual(["Connect server", "Service account · 1Password SDK"]);
    const [params] = sent;
    expect(params).toMatchObject({
      category: "Password",
      vaultId: "sdkvault000000000000000001",
      title: "Generated Password",
    });
    const value = params!.fields![0]!.value;
    expect(value).toHaveLength(40);
    expect(value).toMatch(onlyFrom(["LETTERS", "SYMBOLS"]));
    // The fake SDK has one vault ("Shared"): no vault question.
    expect(editor.document.getText()).toBe("op://Shared/Generated Password/password");
    expect(server.requests().filter((r) => r.startsWith("POST"))).toEqual([]);
  });
});

describe("what cannot work is said before anything is created", () => {
  test("settings out of range name the setting; no question is asked and nothing is sent", async () => {
    standIn.openEditor("|", "dotenv", "/work/.env");
    for (const [key, value, message] of [
      ["length", 100, "opBridge.passwordGenerator.length must be a whole number from 1 to 64 (it is 100)"],
      ["length", 2.5, "(it is 2.5)"],
      ["characterSets", [], "opBridge.passwordGenerator.characterSets is empty"],
      ["characterSets", ["EMOJI"], 'may hold only "LETTERS", "DIGITS" and "SYMBOLS" (it is ["EMOJI"])'],
    ] as const) {
      standIn.reset();
      standIn.openEditor("|", "dotenv", "/work/.env");
      standIn.setSetting(`opBridge.passwordGenerator.${key}`, value);
      await expect(generatePasswordItem(registry())).rejects.toThrow(message);
      expect(standIn.state.pickers).toEqual([]);
    }
    standIn.reset();
    standIn.openEditor("|", "dotenv", "/work/.env");
    standIn.setSetting("opBridge.passwordGenerator.length", 2);
    await expect(generatePasswordItem(registry())).rejects.toThrow(
      "A password of 2 characters cannot hold one character of each of 3 character sets",
    );
    expect(server.requestsReceived()).toBe(0);
  });

  test("escaping the title box creates nothing", async () => {
    const editor = standIn.openEditor("|", "dotenv", "/work/.env");
    standIn.answer({ quickPick: "Team" }, { input: undefined });
    await expect(generatePasswordItem(registry())).rejects.toHaveProperty("name", "CancellationError");
    expect(server.requests().filter((r) => r.startsWith("POST"))).toEqual([]);
    expect(editor.document.getText()).toBe("");
  });

  test("without an editor it asks where the reference goes before creating, and never offers the password itself", async () => {
    standIn.answer({ quickPick: "Team" }, { input: "From the palette" }, { quickPick: "Copy to Clipboard" });
    await generatePasswordItem(registry());
    expect(standIn.messages("error")).toEqual([]);
    expect(standIn.state.pickers.map((p) => p.labels)).toEqual([
      ["Platform", "Team"],
      ["Copy to Clipboard", "Insert into a New File"],
    ]);
    expect(standIn.state.clipboard).toBe("op://Team/From the palette/password");

    // Escape at that question creates nothing.
    const posts = server.requests().filter((r) => r.startsWith("POST")).length;
    standIn.answer({ quickPick: "Team" }, { input: "Never made" }, { quickPick: undefined });
    await expect(generatePasswordItem(registry())).rejects.toHaveProperty("name", "CancellationError");
    expect(server.requests().filter((r) => r.startsWith("POST"))).toHaveLength(posts);
  });
});

describe("a workspace cannot weaken generated passwords", () => {
  test("a repository's 1-digit recipe is raised to the user's floor, said once; the server gets the user's recipe", async () => {
    standIn.setWorkspaceSetting("opBridge.passwordGenerator.length", 1);
    standIn.setWorkspaceSetting("opBridge.passwordGenerator.characterSets", ["DIGITS"]);
    standIn.openEditor("pin: |\n", "yaml", "/work/values.yaml");
    standIn.answer({ quickPick: "Platform" }, { input: "Weak?" }, { quickPick: "Insert Secret Reference" });
    const sources = registry();
    await generatePasswordItem(sources);
    expect(server.sentItems().at(-1)).toMatchObject({
      fields: [{ recipe: { length: 32, characterSets: ["LETTERS", "DIGITS", "SYMBOLS"] } }],
    });
    expect(lastGeneratedValue()).toHaveLength(32);
    const [warning] = standIn.messages("info");
    expect(warning).toMatch(
      /workspace's settings ask for weaker generated passwords than yours: they are generated with 32 characters of letters, digits, symbols/,
    );

    standIn.openEditor("pin: |\n", "yaml", "/work/values.yaml");
    standIn.answer({ quickPick: "Platform" }, { input: "Again" }, { quickPick: "Insert Secret Reference" });
    await generatePasswordItem(sources);
    expect(standIn.messages("info").filter((m) => m.includes("weaker"))).toHaveLength(1);
  });

  test("the user's own shorter recipe is the floor; a workspace may ask for longer passwords and more sets", async () => {
    standIn.setSetting("opBridge.passwordGenerator.length", 12);
    standIn.setSetting("opBridge.passwordGenerator.characterSets", ["DIGITS"]);
    standIn.setWorkspaceSetting("opBridge.passwordGenerator.length", 40);
    standIn.setWorkspaceSetting("opBridge.passwordGenerator.characterSets", ["LETTERS", "DIGITS"]);
    standIn.openEditor("key: |\n", "yaml", "/work/values.yaml");
    standIn.answer(
      { quickPick: "Platform" },
      { input: "Stronger" },
      { quickPick: "Insert Secret Reference" },
    );
    await generatePasswordItem(registry());
    expect(server.sentItems().at(-1)).toMatchObject({
      fields: [{ recipe: { length: 40, characterSets: ["LETTERS", "DIGITS"] } }],
    });
    expect(standIn.messages("info").join()).not.toMatch(/weaker/);
  });
});
