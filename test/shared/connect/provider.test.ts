// Connect items as the shared summaries and details, and the item source the extensions use.
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectConfigError,
  createConnectClient,
  createConnectProvider,
  itemToDetails,
  itemToSummary,
  toConnectItem,
  type ConnectClient,
  type ConnectFullItem,
} from "@op-bridge/shared";
import { ITEM, TOKEN, VAULT, sendJson, startTinyServer, type TinyServer } from "./tinyServer.js";

const vault = { id: VAULT, name: "Work" };
const item: ConnectFullItem = {
  id: ITEM,
  title: "GitHub",
  vault: { id: VAULT },
  category: "LOGIN",
  urls: [{ href: "https://github.com/login" }, { href: "https://github.com", primary: true }],
  tags: ["dev"],
  favorite: true,
  createdAt: "2024-01-02T03:04:05Z",
  updatedAt: "2024-02-03T04:05:06.789Z",
  sections: [{ id: "sec1", label: "Security" }, { id: "" }],
  fields: [
    { id: "username", type: "STRING", purpose: "USERNAME", label: "username", value: "octo" },
    { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", value: "hunter2" },
    {
      id: "otp1",
      type: "OTP",
      label: "one-time password",
      section: { id: "sec1" },
      value: "otpauth://x",
      totp: "123456",
    },
    { id: "notesPlain", type: "STRING", purpose: "NOTES", label: "notesPlain", value: "note" },
    { id: "legacy", type: "TOTP", purpose: "", section: { id: "sec1" } },
  ],
};

describe("itemToSummary / itemToDetails", () => {
  it("maps an item to the shared summary, primary URL first", () => {
    expect(itemToSummary(item, vault)).toEqual({
      id: ITEM,
      vaultId: VAULT,
      vaultName: "Work",
      title: "GitHub",
      categoryId: "LOGIN",
      category: "Login",
      urls: ["https://github.com", "https://github.com/login"],
      createdAt: 1704164645,
      modifiedAt: 1706933106,
      source: "connect",
      tags: ["dev"],
      favorite: true,
    });
    expect(itemToSummary({ id: ITEM, vault: { id: VAULT }, category: "SSH_KEY" }, vault)).toMatchObject({
      title: "",
      category: "SSH Key",
      urls: [],
    });
  });

  it("maps fields and sections without any value", () => {
    const details = itemToDetails(item, vault);
    expect(details.sections).toEqual([{ id: "sec1", label: "Security" }]);
    expect(details.fields).toEqual([
      { id: "username", type: "STRING", purpose: "USERNAME", label: "username", concealed: false },
      { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", concealed: true },
      { id: "otp1", type: "OTP", label: "one-time password", sectionId: "sec1", concealed: true },
      { id: "notesPlain", type: "STRING", purpose: "NOTES", label: "notesPlain", concealed: false },
      { id: "legacy", type: "OTP", sectionId: "sec1", concealed: true },
    ]);
    const text = JSON.stringify(details);
    for (const secret of ["hunter2", "octo", "123456", "otpauth", 'note"'])
      expect(text).not.toContain(secret);
  });
});

describe("toConnectItem", () => {
  it("asks the server to generate values from a recipe", () => {
    expect(
      toConnectItem({
        title: "DB",
        category: "database",
        urls: ["https://db.example.com", "https://b.example.com"],
        tags: ["prod"],
        fields: [
          { label: "username", type: "STRING", purpose: "USERNAME", value: "admin" },
          {
            label: "password",
            type: "CONCEALED",
            purpose: "PASSWORD",
            generate: { length: 40, characterSets: ["LETTERS", "DIGITS"] },
          },
          { label: "pin", type: "concealed", generate: {} },
        ],
      }),
    ).toEqual({
      title: "DB",
      category: "DATABASE",
      urls: [
        { href: "https://db.example.com", primary: true },
        { href: "https://b.example.com", primary: false },
      ],
      tags: ["prod"],
      fields: [
        { label: "username", type: "STRING", purpose: "USERNAME", value: "admin" },
        {
          label: "password",
          type: "CONCEALED",
          purpose: "PASSWORD",
          generate: true,
          recipe: { length: 40, characterSets: ["LETTERS", "DIGITS"] },
        },
        { label: "pin", type: "CONCEALED", generate: true, recipe: {} },
      ],
    });
  });

  it.each(["CUSTOM", "DOCUMENT", "NONSENSE"])("refuses the category %s", (category) => {
    expect(() => toConnectItem({ title: "x", category, fields: [] })).toThrow(ConnectConfigError);
  });
});

describe("createConnectProvider", () => {
  let server: TinyServer | undefined;
  let client: ConnectClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    client = server = undefined;
  });

  async function setUp() {
    server = await startTinyServer((req, res) => {
      if (req.url === "/v1/vaults") return sendJson(res, 200, [vault]);
      if (req.url === `/v1/vaults/${VAULT}`) return sendJson(res, 200, vault);
      if (req.url === `/v1/vaults/${VAULT}/items` && req.method === "GET") {
        return sendJson(res, 200, [
          { id: ITEM, title: "GitHub", vault: { id: VAULT }, category: "LOGIN" },
          { id: "z".repeat(26), title: "Old", vault: { id: VAULT }, category: "LOGIN", state: "ARCHIVED" },
        ]);
      }
      if (req.method === "POST") {
        const sent = JSON.parse(req.body) as ConnectFullItem;
        return sendJson(res, 200, {
          ...sent,
          id: "n".repeat(26),
          fields: sent.fields?.map((f, i) => ({ ...f, id: `f${i}`, value: f.value ?? "generated!" })),
        });
      }
      sendJson(res, 200, item);
    });
    client = createConnectClient({ serverUrl: server.url, token: TOKEN });
    return { server, provider: createConnectProvider(client) };
  }

  it("lists vaults and items from the list endpoints only (no request per item), archived left out", async () => {
    const { server, provider } = await setUp();
    expect(provider.source).toBe("connect");
    expect(provider.label).toBe(new URL(server.url).host);
    expect(await provider.listVaults()).toEqual([vault]);
    const items = await provider.listItems();
    expect(items.map((i) => [i.title, i.vaultName, i.source])).toEqual([["GitHub", "Work", "connect"]]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/vaults",
      "/v1/vaults",
      `/v1/vaults/${VAULT}/items`,
    ]);
  });

  it("reads details, field values and the current one-time code", async () => {
    const { provider } = await setUp();
    const details = await provider.getItemDetails(VAULT, ITEM);
    expect(details.summary.vaultName).toBe("Work");
    expect(details.fields.map((f) => f.id)).toContain("otp1");
    expect(await provider.readFieldValue(VAULT, ITEM, "password")).toBe("hunter2");
    expect(await provider.readFieldValue(VAULT, ITEM, "otp1")).toBe("123456");
    expect(await provider.readFieldValue(VAULT, ITEM, "otp1", { attribute: "otp" })).toBe("123456");
    expect(await provider.readFieldValue(VAULT, ITEM, "otp1", { attribute: "value" })).toBe("otpauth://x");
    await expect(provider.readFieldValue(VAULT, ITEM, "password", { attribute: "otp" })).rejects.toThrow(
      /not a one-time password field/,
    );
    await expect(provider.readFieldValue(VAULT, ITEM, "gone")).rejects.toThrow(
      /"gone" no longer exists in the item "GitHub"/,
    );
  });

  it("creates an item and answers its structure without values", async () => {
    const { server, provider } = await setUp();
    const details = await provider.createItem(VAULT, {
      title: "New API",
      category: "API_CREDENTIAL",
      fields: [{ label: "credential", type: "CONCEALED", generate: { length: 20 } }],
    });
    expect(details.summary.title).toBe("New API");
    expect(details.fields).toEqual([{ id: "f0", label: "credential", type: "CONCEALED", concealed: true }]);
    const post = server.requests.find((r) => r.method === "POST")!;
    expect(JSON.parse(post.body).fields[0]).toEqual({
      label: "credential",
      type: "CONCEALED",
      generate: true,
      recipe: { length: 20 },
    });
    expect(JSON.stringify(details)).not.toContain("generated!");
  });
});
