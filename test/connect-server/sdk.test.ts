// Conformance: the official @1password/connect SDK works against the local server, and every answer matches the OpenAPI document.
import {
  FieldPurpose,
  FieldType,
  ItemBuilder,
  ItemCategory,
  OnePasswordConnect,
  type GeneratorRecipe,
  type OPConnect,
} from "@1password/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResponseValidator } from "./openapiValidator.js";
import { DEMO_VAULT_NAMES, startCheckedServer, type CheckedServer } from "./testServer.js";
import { currentTotp } from "./totp.js";

let server: CheckedServer;
let sdk: OPConnect;
let development: string;
let production: string;

beforeAll(async () => {
  server = await startCheckedServer();
  sdk = OnePasswordConnect({ serverURL: server.url, token: server.token, keepAlive: true });
  const vaults = await sdk.listVaults();
  development = vaults.find((v) => v.name === "Development")!.id!;
  production = vaults.find((v) => v.name === "Production")!.id!;
});

afterAll(async () => {
  await server.close();
  expect(server.checked.problems).toEqual([]);
  expect(server.checked.count).toBeGreaterThan(10);
});

describe("the official SDK against the local server", () => {
  it("lists vaults and gets one by ID and by title", async () => {
    const vaults = await sdk.listVaults();
    expect(vaults.map((v) => v.name)).toEqual(DEMO_VAULT_NAMES);
    expect((await sdk.getVault(production)).name).toBe("Production");
    // By title, connect-sdk-js sends `title eq "…"` to /v1/vaults/.
    expect((await sdk.getVault("Production")).id).toBe(production);
  });

  it("lists items and gets one by ID and by title, with its OTP", async () => {
    const items = await sdk.listItems(development);
    expect(items.length).toBeGreaterThan(40);
    const summary = items.find((i) => i.title === "GitHub")!;
    const byId = await sdk.getItem(development, summary.id!);
    const byTitle = await sdk.getItemByTitle(development, "GitHub");
    expect(byTitle.id).toBe(byId.id);
    expect(byTitle.fields?.find((f) => f.id === "username")?.value).toBe("jordan-dev");
    const otpField = byTitle.fields!.find((f) => f.type === FieldType.Otp)!;
    const code = await sdk.getItemOTP(development, "GitHub");
    expect([currentTotp(otpField.value), currentTotp(otpField.value, Date.now() - 30_000)]).toContain(code);
  });

  it("creates (with a generated password), updates and deletes an item", async () => {
    const built = new ItemBuilder()
      .setCategory(ItemCategory.Login)
      .setTitle("SDK Created")
      .addTag("sdk")
      .addUrl({ href: "https://sdk.example.com", primary: true })
      .addField({ label: "username", value: "sdk-user", purpose: FieldPurpose.Username })
      .addField({
        label: "password",
        type: FieldType.Concealed,
        purpose: FieldPurpose.Password,
        generate: true,
        // The SDK declares CharacterSetsEnum without values; at run time (and on the wire) they are these strings.
        recipe: {
          length: 40,
          characterSets: ["LETTERS", "DIGITS"] as unknown as GeneratorRecipe.CharacterSetsEnum[],
        },
      })
      .addField({ label: "pin", type: FieldType.Concealed, sectionName: "Extra", value: "1234" })
      .build();
    const created = await sdk.createItem(development, built);
    expect(created.id).toMatch(/^[\da-z]{26}$/);
    const password = created.fields!.find((f) => f.purpose === FieldPurpose.Password)!;
    expect(password.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(password.entropy).toBeGreaterThan(200);
    expect(created.sections?.[0]?.label).toBe("Extra");

    created.title = "SDK Updated";
    const updated = await sdk.updateItem(development, created);
    expect(updated.title).toBe("SDK Updated");
    expect(updated.version).toBe(created.version! + 1);
    expect(updated.fields!.find((f) => f.purpose === FieldPurpose.Password)!.value).toBe(password.value);

    await sdk.deleteItem(development, updated.id!);
    await expect(sdk.getItem(development, updated.id!)).rejects.toEqual({
      status: 404,
      message: `item ${updated.id} not found`,
    });
  });

  it("lists files and reads their content, small and over the inline limit", async () => {
    const env = await sdk.getItemByTitle(development, "Local Dev .env");
    const [file] = await sdk.listFiles(development, env.id!);
    expect(file!.name).toBe(".env.example");
    expect(await sdk.getFileContent(development, env.id!, file!.id!)).toMatch(/^DATABASE_URL=/);
    const backup = await sdk.getItemByTitle(production, "Production Database Backup");
    const [large] = await sdk.listFiles(production, backup.id!);
    expect((await sdk.getFileById(production, backup.id!, large!.id!)).size).toBe(150 * 1024);
    const content = await sdk.getFileContentStream(production, backup.id!, large!.id!);
    let bytes = 0;
    for await (const chunk of content as unknown as AsyncIterable<Buffer>) bytes += chunk.length;
    expect(bytes).toBe(150 * 1024);
  });

  it("gets Connect's own error bodies as rejections", async () => {
    await expect(sdk.getVault("0".repeat(26))).rejects.toEqual({
      status: 404,
      message: `vault ${"0".repeat(26)} not found`,
    });
    const wrong = OnePasswordConnect({ serverURL: server.url, token: "wrong", keepAlive: true });
    await expect(wrong.listVaults()).rejects.toEqual({ status: 401, message: "Invalid bearer token" });
  });
});

describe("the OpenAPI check itself", () => {
  it("finds answers that break the document", () => {
    const validator = createResponseValidator();
    const answer = (method: string, url: string, status: number, body: unknown) => ({
      method,
      url,
      status,
      headers: { "content-type": "application/json", "1password-connect-version": "1.7.1" },
      body: Buffer.from(JSON.stringify(body)),
    });
    const vault = "a".repeat(26);
    expect(
      validator.check(
        answer("GET", `/v1/vaults/${vault}`, 200, { id: vault, name: "ok", type: "USER_CREATED" }),
      ),
    ).toEqual([]);
    expect(
      validator.check(answer("GET", `/v1/vaults/${vault}`, 200, { id: "UPPER", type: "NOPE" })).length,
    ).toBe(2);
    expect(
      validator.check(
        answer("GET", `/v1/vaults/${vault}/items/${vault}`, 200, { id: vault, vault: { id: vault } }),
      ),
    ).toEqual([expect.stringContaining("must have required property 'category'")]);
    expect(validator.check(answer("GET", "/v1/vaults", 401, { status: "401" }))[0]).toContain(
      "/status must be integer",
    );
    expect(
      validator.check({
        ...answer("GET", "/v1/vaults", 200, []),
        headers: { "content-type": "application/json" },
      }),
    ).toEqual([expect.stringContaining("no 1Password-Connect-Version header")]);
  });
});
