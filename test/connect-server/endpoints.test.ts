// Every endpoint of the local Connect server through plain fetch: statuses, messages, headers and bodies as a real server gives them.
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SeedError, startConnectServer } from "./server.js";
import { bearer, DEMO_VAULT_NAMES, startCheckedServer, type CheckedServer } from "./testServer.js";
import { currentTotp } from "./totp.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely; the OpenAPI check types them
type Json = any;

let server: CheckedServer;
const others: CheckedServer[] = [];
const LIMITED = "limited-token-for-development-only";

beforeAll(async () => {
  server = await startCheckedServer({ scopedTokens: [{ token: LIMITED, vaults: ["Development"] }] });
});
afterAll(async () => {
  await server.close();
  for (const other of others) await other.close();
  // Every answer given in this file conforms to the official OpenAPI document.
  for (const checked of [server, ...others]) expect(checked.checked.problems).toEqual([]);
  expect(server.checked.count).toBeGreaterThan(50);
});

async function call(path: string, init: RequestInit & { token?: string | null; on?: CheckedServer } = {}) {
  const { token = (init.on ?? server).token, on = server, ...rest } = init;
  const headers: Record<string, string> = { ...(token === null ? {} : bearer(token)) };
  if (rest.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${on.url}${path}`, {
    ...rest,
    headers: { ...headers, ...(rest.headers as object) },
  });
  const text = await response.text();
  let json: Json | undefined;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Json };
}

const send = (method: string, path: string, body: unknown, on?: CheckedServer) =>
  call(path, { method, body: typeof body === "string" ? body : JSON.stringify(body), on });

async function vaultId(name: string, on = server): Promise<string> {
  const { json } = await call(`/v1/vaults?filter=${encodeURIComponent(`name eq "${name}"`)}`, { on });
  expect(json).toHaveLength(1);
  return json[0].id;
}

async function itemByTitle(vault: string, title: string, on = server): Promise<Json> {
  const { json } = await call(
    `/v1/vaults/${vault}/items?filter=${encodeURIComponent(`title eq "${title}"`)}`,
    { on },
  );
  expect(json).toHaveLength(1);
  return (await call(`/v1/vaults/${vault}/items/${json[0].id}`, { on })).json;
}

const MISSING = "0".repeat(26);

describe("the endpoints without a token", () => {
  it("heartbeat answers a dot, health names the server, metrics are Prometheus text", async () => {
    const heartbeat = await call("/heartbeat", { token: null });
    expect([heartbeat.status, heartbeat.text]).toEqual([200, "."]);
    expect(heartbeat.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(heartbeat.headers.get("1password-connect-version")).toBe("1.7.1");
    const health = await call("/health", { token: null });
    expect(health.json).toMatchObject({ name: "1Password Connect API", version: "1.7.1" });
    expect(health.json.dependencies.length).toBeGreaterThan(0);
    const metrics = await call("/metrics", { token: null });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^# HELP connect_http_requests_total /m);
    expect(metrics.text).toMatch(/^connect_items \d+$/m);
  });
});

describe("authentication", () => {
  it.each([
    ["no token", null],
    ["a wrong token", "not-the-token"],
  ])("answers 401 Invalid bearer token with %s", async (_name, token) => {
    const answer = await call("/v1/vaults", { token });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ status: 401, message: "Invalid bearer token" });
    expect(answer.headers.get("1password-connect-version")).toBe("1.7.1");
  });

  it("a token scoped to one vault lists only it and gets 403 for the others", async () => {
    const listed = await call("/v1/vaults", { token: LIMITED });
    expect(listed.json.map((v: Json) => v.name)).toEqual(["Development"]);
    const production = await vaultId("Production");
    for (const path of [`/v1/vaults/${production}`, `/v1/vaults/${production}/items`]) {
      const denied = await call(path, { token: LIMITED });
      expect(denied.status).toBe(403);
      expect(denied.json.message).toBe(`Authorization: token does not have access to vault ${production}`);
    }
    const development = await vaultId("Development");
    expect((await call(`/v1/vaults/${development}/items`, { token: LIMITED })).status).toBe(200);
    const activity = await call("/v1/activity?limit=20");
    expect(activity.json.some((a: Json) => a.result === "DENY" && a.resource.vault.id === production)).toBe(
      true,
    );
  });
});

describe("vaults", () => {
  it("lists the demo vaults with their item counts", async () => {
    const { status, json } = await call("/v1/vaults");
    expect(status).toBe(200);
    expect(json.map((v: Json) => v.name)).toEqual(DEMO_VAULT_NAMES);
    for (const vault of json) {
      expect(vault.id).toMatch(/^[\da-z]{26}$/);
      expect(vault.items).toBeGreaterThan(0);
    }
    expect(json.reduce((sum: number, v: Json) => sum + v.items, 0)).toBeGreaterThanOrEqual(200);
  });

  it("filters by name eq and by title eq (connect-sdk-js), and a trailing slash is the same path", async () => {
    for (const filter of ['name eq "Production"', 'title eq "Production"']) {
      const { json } = await call(`/v1/vaults/?filter=${encodeURIComponent(filter)}`);
      expect(json.map((v: Json) => v.name)).toEqual(["Production"]);
    }
    expect((await call(`/v1/vaults?filter=${encodeURIComponent('name eq "Nope"')}`)).json).toEqual([]);
  });

  it("refuses a filter with a single quote, or one it cannot read", async () => {
    for (const filter of ["name eq 'Production'", 'colour eq "red"', 'name eq "unclosed']) {
      const { status, json } = await call(`/v1/vaults?filter=${encodeURIComponent(filter)}`);
      expect(status).toBe(400);
      expect(json.message).toMatch(/^Invalid filter/);
    }
  });

  it("gets one vault; a malformed ID is 400, an unknown one 404", async () => {
    const id = await vaultId("Shared");
    const { json } = await call(`/v1/vaults/${id}`);
    expect(json).toMatchObject({ id, name: "Shared", type: "EVERYONE" });
    expect(json.contentVersion).toBeGreaterThan(0);
    expect((await call("/v1/vaults/not-a-vault")).json).toEqual({
      status: 400,
      message: "Invalid Vault UUID",
    });
    expect((await call(`/v1/vaults/${MISSING}`)).json).toEqual({
      status: 404,
      message: `vault ${MISSING} not found`,
    });
  });
});

describe("items", () => {
  it("lists summaries without fields, sections or files", async () => {
    const { json } = await call(`/v1/vaults/${await vaultId("Production")}/items`);
    expect(json.length).toBeGreaterThan(20);
    for (const item of json) {
      expect(item.id).toMatch(/^[\da-z]{26}$/);
      expect(item).not.toHaveProperty("fields");
      expect(item).not.toHaveProperty("sections");
      expect(item).not.toHaveProperty("files");
    }
  });

  it("filters by title eq, title co, tag eq, and combinations", async () => {
    const id = await vaultId("Staging");
    const titles = async (filter: string) =>
      (await call(`/v1/vaults/${id}/items?filter=${encodeURIComponent(filter)}`)).json.map(
        (i: Json) => i.title,
      );
    expect(await titles('title eq "Postgres Staging"')).toEqual(["Postgres Staging"]);
    expect(await titles('title eq "postgres staging"')).toEqual([]);
    expect(await titles('title co "postgres"')).toEqual(["Postgres Staging"]);
    const cache = await titles('tag eq "cache"');
    expect(cache).toContain("Redis Staging");
    expect(await titles('tag eq "staging" and title co "redis"')).toEqual(["Redis Staging"]);
    expect((await titles('title eq "Postgres Staging" or title eq "Redis Staging"')).sort()).toEqual([
      "Postgres Staging",
      "Redis Staging",
    ]);
    const quoted = await call(`/v1/vaults/${id}/items?filter=${encodeURIComponent("title eq 'x'")}`);
    expect(quoted.status).toBe(400);
  });

  it("gets a full item with sections, fields, files, and the current code of its OTP field", async () => {
    const item = await itemByTitle(await vaultId("Production"), "AWS Production");
    expect(item.category).toBe("API_CREDENTIAL");
    expect(item.favorite).toBe(true);
    expect(item.urls[0]).toEqual({ href: "https://console.aws.amazon.com", primary: true });
    expect(item.sections.map((s: Json) => s.label)).toContain("Console sign-in");
    const otp = item.fields.find((f: Json) => f.type === "OTP");
    expect(otp.value).toMatch(/^otpauth:\/\/totp\//);
    expect(otp.totp).toMatch(/^\d{6}$/);
    // Computed again now: equal unless the 30 s window turned in between.
    const now = currentTotp(otp.value);
    const before = currentTotp(otp.value, Date.now() - 30_000);
    expect([now, before]).toContain(otp.totp);
    expect(item.sections.some((s: Json) => s.id === otp.section.id)).toBe(true);
  });

  it("a malformed item ID is 400, an unknown one 404", async () => {
    const id = await vaultId("Production");
    expect((await call(`/v1/vaults/${id}/items/BAD`)).json).toEqual({
      status: 400,
      message: "Invalid Item UUID",
    });
    expect((await call(`/v1/vaults/${id}/items/${MISSING}`)).json).toEqual({
      status: 404,
      message: `item ${MISSING} not found`,
    });
    expect((await call(`/v1/vaults/${MISSING}/items/${MISSING}`)).json.message).toBe(
      `vault ${MISSING} not found`,
    );
  });
});

describe("changing items", () => {
  it("creates an item (200, the full item), generating a password from the recipe", async () => {
    const id = await vaultId("Development");
    const before = (await call(`/v1/vaults/${id}`)).json;
    const { status, json } = await send("POST", `/v1/vaults/${id}/items`, {
      title: "New Service",
      category: "LOGIN",
      vault: { id },
      tags: ["new"],
      urls: [{ href: "https://new.example.com", primary: true }],
      sections: [{ id: "extra", label: "Extra" }],
      fields: [
        { type: "STRING", purpose: "USERNAME", label: "username", value: "me" },
        {
          type: "CONCEALED",
          purpose: "PASSWORD",
          label: "password",
          generate: true,
          recipe: { length: 20, characterSets: ["DIGITS"] },
        },
        { type: "CONCEALED", label: "api key", generate: true, section: { id: "extra" } },
        {
          type: "CONCEALED",
          label: "no vowels",
          generate: true,
          recipe: { characterSets: ["LETTERS"], excludeCharacters: "aeiouAEIOU" },
        },
      ],
    });
    expect(status).toBe(200);
    expect(json.id).toMatch(/^[\da-z]{26}$/);
    expect(json).toMatchObject({ title: "New Service", version: 1, vault: { id }, tags: ["new"] });
    const [user, pass, key, noVowels] = json.fields;
    expect(user).toMatchObject({ id: "username", value: "me" });
    expect(pass.id).toBe("password");
    expect(pass.value).toMatch(/^\d{20}$/);
    expect(pass.entropy).toBeCloseTo(20 * Math.log2(10), 1);
    expect(key.value).toHaveLength(32);
    expect(key.section).toEqual({ id: "extra" });
    expect(noVowels.value).toMatch(/^[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]{32}$/);
    const fetched = await call(`/v1/vaults/${id}/items/${json.id}`);
    expect(fetched.json.fields[1].value).toBe(pass.value);
    const after = (await call(`/v1/vaults/${id}`)).json;
    expect(after.items).toBe(before.items + 1);
    expect(after.contentVersion).toBe(before.contentVersion + 1);
  });

  it.each([
    [{ title: "x", category: "CUSTOM" }, /^Invalid item category/],
    [{ title: "x", category: "DOCUMENT" }, /^Invalid item category/],
    [{ title: "x", category: "SPACESHIP" }, /^Invalid item category$/],
    [{ title: "x" }, /^Invalid item category$/],
    [
      { category: "LOGIN", fields: [{ type: "CONCEALED", generate: true, recipe: { length: 65 } }] },
      /length must be/,
    ],
    [
      {
        category: "LOGIN",
        fields: [{ type: "CONCEALED", generate: true, recipe: { characterSets: ["EMOJI"] } }],
      },
      /characterSets/,
    ],
    [{ category: "LOGIN", fields: [{ type: "STRING", section: { id: "nope" } }] }, /section "nope"/],
    [{ category: "LOGIN", fields: [{ type: "BLOB" }] }, /Invalid field type "BLOB"/],
    [{ category: "LOGIN", fields: [{ type: "DATE", value: "12/31/2024" }] }, /YYYY-MM-DD/],
    [{ category: "LOGIN", vault: { id: MISSING } }, /vault/],
    ["{not json", /not valid JSON/],
  ])("refuses %j with 400", async (body, message) => {
    const id = await vaultId("Development");
    const { status, json } = await send("POST", `/v1/vaults/${id}/items`, body);
    expect(status).toBe(400);
    expect(json.message).toMatch(message);
  });

  it("replaces an item: version and updatedAt move on, files stay", async () => {
    const id = await vaultId("Production");
    const item = await itemByTitle(id, "Kubernetes Prod Cluster");
    const { status, json } = await send("PUT", `/v1/vaults/${id}/items/${item.id}`, {
      ...item,
      title: "Kubernetes Prod Cluster (rotated)",
      fields: item.fields.map((f: Json) => (f.id === "password" ? { ...f, value: "new-value-1!" } : f)),
    });
    expect(status).toBe(200);
    expect(json.version).toBe(item.version + 1);
    expect(Date.parse(json.updatedAt)).toBeGreaterThan(Date.parse(item.updatedAt));
    expect(json.createdAt).toBe(item.createdAt);
    expect(json.fields.find((f: Json) => f.id === "password").value).toBe("new-value-1!");
    expect(json.files.map((f: Json) => f.name)).toEqual(["kubeconfig.yaml"]);
    const mismatch = await send("PUT", `/v1/vaults/${id}/items/${item.id}`, { ...item, id: MISSING });
    expect(mismatch.status).toBe(400);
  });

  it("a read after a change answers the changed item, not the one read before", async () => {
    const id = await vaultId("Development");
    const created = await send("POST", `/v1/vaults/${id}/items`, { title: "Read twice", category: "LOGIN" });
    const item = created.json;
    const path = `/v1/vaults/${id}/items/${item.id}`;
    expect((await call(path)).json.title).toBe("Read twice");
    await send("PATCH", path, [{ op: "replace", path: "/title", value: "Renamed once" }]);
    expect((await call(path)).json).toMatchObject({ title: "Renamed once", version: item.version + 1 });
    await send("PUT", path, { ...item, title: "Renamed twice" });
    expect((await call(path)).json).toMatchObject({ title: "Renamed twice", version: item.version + 2 });
    await send("DELETE", path, undefined);
    expect((await call(path)).status).toBe(404);
  });

  it("patches attributes, fields by ID and field attributes; no operations change nothing", async () => {
    const id = await vaultId("Development");
    const item = await itemByTitle(id, "GitHub");
    const path = `/v1/vaults/${id}/items/${item.id}`;
    const patched = await send("PATCH", path, [
      { op: "replace", path: "/title", value: "GitHub (work)" },
      { op: "replace", path: "/favorite", value: false },
      { op: "remove", path: "/tags/1" },
      { op: "add", path: "/fields", value: { label: "note", type: "STRING", value: "added" } },
      { op: "replace", path: "/fields/password/value", value: "patched-pass" },
      { op: "add", path: "/fields/username/label", value: "login" },
    ]);
    expect(patched.status).toBe(200);
    const json = patched.json;
    expect(json).toMatchObject({
      title: "GitHub (work)",
      tags: ["dev"],
      version: item.version + 1,
    });
    expect(json.favorite ?? false).toBe(false);
    expect(json.fields).toHaveLength(item.fields.length + 1);
    expect(json.fields.at(-1)).toMatchObject({ label: "note", value: "added" });
    expect(json.fields.at(-1).id).toMatch(/^[\da-z]{26}$/);
    expect(json.fields.find((f: Json) => f.id === "password").value).toBe("patched-pass");
    expect(json.fields.find((f: Json) => f.id === "username").label).toBe("login");

    const removed = await send("PATCH", path, [{ op: "remove", path: "/fields/password" }]);
    expect(removed.json.fields.some((f: Json) => f.id === "password")).toBe(false);

    const unchanged = await send("PATCH", path, []);
    expect(unchanged.json.version).toBe(removed.json.version);

    const whole = await send("PATCH", path, [
      {
        op: "replace",
        path: "/",
        value: { title: "GitHub", category: "LOGIN", tags: ["a", "b"], fields: [] },
      },
    ]);
    expect(whole.json).toMatchObject({ id: item.id, title: "GitHub", tags: ["a", "b"], fields: [] });
  });

  it.each([
    [[{ op: "move", from: "/title", path: "/x" }], /only add, remove and replace/],
    [[{ op: "replace", path: "/id", value: "x" }], /cannot be changed/],
    [[{ op: "replace", path: "/version", value: 9 }], /cannot be changed/],
    [[{ op: "remove", path: "/fields/no-such-field" }], /no field with ID "no-such-field"/],
    [
      [
        { op: "replace", path: "/title", value: "ok" },
        { op: "remove", path: "/tags/99" },
      ],
      /does not exist/,
    ],
    [{ op: "replace" }, /array of operations/],
  ])("refuses the patch %j with 400 and leaves the item as it was", async (operations, message) => {
    const id = await vaultId("Shared");
    const item = await itemByTitle(id, "Zoom");
    const { status, json } = await send("PATCH", `/v1/vaults/${id}/items/${item.id}`, operations);
    expect(status).toBe(400);
    expect(json.message).toMatch(message);
    const after = (await call(`/v1/vaults/${id}/items/${item.id}`)).json;
    expect([after.title, after.version]).toEqual([item.title, item.version]);
  });

  it("deletes an item for good: 204 with no body, then 404", async () => {
    const id = await vaultId("Shared");
    const item = await itemByTitle(id, "Figma");
    const deleted = await call(`/v1/vaults/${id}/items/${item.id}`, { method: "DELETE" });
    expect([deleted.status, deleted.text]).toEqual([204, ""]);
    expect((await call(`/v1/vaults/${id}/items/${item.id}`)).status).toBe(404);
    expect((await call(`/v1/vaults/${id}/items/${item.id}`, { method: "DELETE" })).json.message).toBe(
      `item ${item.id} not found`,
    );
  });
});

describe("files", () => {
  it("lists files with their content path, and inlines small ones with inline_files or inline_content", async () => {
    const id = await vaultId("Development");
    const item = await itemByTitle(id, "Local Dev .env");
    const base = `/v1/vaults/${id}/items/${item.id}/files`;
    const [file] = (await call(base)).json;
    expect(file).toMatchObject({
      name: ".env.example",
      content_path: `v1/vaults/${id}/items/${item.id}/files/${file.id}/content`,
    });
    expect(file).not.toHaveProperty("content");
    for (const query of ["inline_files=true", "inline_content=true"]) {
      const [inlined] = (await call(`${base}?${query}`)).json;
      expect(Buffer.from(inlined.content, "base64").toString()).toMatch(/^DATABASE_URL=op:\/\//);
      expect(inlined.size).toBe(Buffer.from(inlined.content, "base64").length);
    }
    const single = await call(`${base}/${file.id}?inline_files=true`);
    expect(single.json.id).toBe(file.id);
    expect(single.json.content).toBeDefined();
  });

  it("answers 413 for a file over 100 KB asked inline, and serves it from /content", async () => {
    const id = await vaultId("Production");
    const item = await itemByTitle(id, "Production Database Backup");
    const base = `/v1/vaults/${id}/items/${item.id}/files`;
    const [file] = (await call(base)).json;
    expect(file.size).toBeGreaterThan(100 * 1024);
    const message =
      "File is too large to inline in request. Use the /v1/vaults/{vaultUUID}/items/{itemUUID}/files/{fileUUID}/content endpoint instead.";
    expect((await call(`${base}?inline_files=true`)).json).toEqual({ status: 413, message });
    expect((await call(`${base}/${file.id}?inline_content=true`)).json).toEqual({ status: 413, message });

    const response = await fetch(`${server.url}${base}/${file.id}/content`, {
      headers: bearer(server.token),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="prod-db-backup.sql.gz"');
    expect(response.headers.get("content-length")).toBe(String(file.size));
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(file.size);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it("an unknown file is 404, a malformed file ID 400; the inline limit follows maxInlineFileSizeKb", async () => {
    const id = await vaultId("Development");
    const item = await itemByTitle(id, "Local Dev .env");
    const base = `/v1/vaults/${id}/items/${item.id}/files`;
    expect((await call(`${base}/${MISSING}`)).json).toEqual({
      status: 404,
      message: `file ${MISSING} not found`,
    });
    expect((await call(`${base}/${MISSING}/content`)).status).toBe(404);
    expect((await call(`${base}/x/content`)).json).toEqual({ status: 400, message: "Invalid File UUID" });
    const strict = await startCheckedServer({ maxInlineFileSizeKb: 0 });
    others.push(strict);
    const strictVault = await vaultId("Development", strict);
    const strictItem = await itemByTitle(strictVault, "Local Dev .env", strict);
    const answer = await call(`/v1/vaults/${strictVault}/items/${strictItem.id}/files?inline_files=true`, {
      on: strict,
    });
    expect(answer.status).toBe(413);
  });
});

describe("activity", () => {
  it("pages API requests newest first, with Content-Range", async () => {
    const id = await vaultId("Finance");
    const item = await itemByTitle(id, "QuickBooks");
    const page = await call("/v1/activity?limit=2&offset=0");
    expect(page.status).toBe(200);
    expect(page.json).toHaveLength(2);
    const total = Number(page.headers.get("content-range")!.split("/")[1]);
    expect(page.headers.get("content-range")).toBe(`1-2/${total}`);
    expect(page.json[0]).toMatchObject({
      action: "READ",
      result: "SUCCESS",
      resource: { type: "ITEM", vault: { id }, item: { id: item.id }, itemVersion: item.version },
    });
    const next = await call("/v1/activity?limit=3&offset=2");
    expect(next.headers.get("content-range")).toMatch(/^3-5\/\d+$/);
    const beyond = await call(`/v1/activity?offset=${total + 100}`);
    expect([beyond.json, beyond.headers.get("content-range")]).toEqual([
      [],
      expect.stringMatching(/^\*\/\d+$/),
    ]);
    expect((await call("/v1/activity?limit=-1")).status).toBe(400);
  });
});

describe("paths and methods Connect does not have", () => {
  it("answers 404 for unknown paths and 405 for unknown methods, with Connect's error body", async () => {
    expect((await call("/v1/nothing")).json).toEqual({ status: 404, message: "Not Found" });
    expect((await call("/v2/vaults")).status).toBe(404);
    expect((await call("/v1/vaults", { method: "DELETE" })).json).toEqual({
      status: 405,
      message: "Method Not Allowed",
    });
  });
});

describe("seeds", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "connect-seed-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(async () => {
    while (others.length > 3) await others.pop()!.close();
  });

  it("the demo seed has the same IDs on every run", async () => {
    const again = await startCheckedServer();
    others.push(again);
    const ids = async (on: CheckedServer) => {
      const vaults = (await call("/v1/vaults", { on })).json;
      const private_ = vaults.find((v: Json) => v.name === "Private").id;
      return [
        vaults.map((v: Json) => v.id),
        (await call(`/v1/vaults/${private_}/items`, { on })).json.map((i: Json) => i.id),
      ];
    };
    expect(await ids(again)).toEqual(await ids(server));
  });

  it("a seed file without IDs gets 26-character ones; its files and OTP work", async () => {
    const path = join(dir, "seed.json");
    await writeFile(
      path,
      JSON.stringify({
        vaults: [
          {
            name: "Team",
            items: [
              {
                title: "Mail",
                category: "LOGIN",
                fields: [{ type: "OTP", label: "otp", value: "JBSWY3DPEHPK3PXP" }],
                files: [{ name: "a.txt", content: Buffer.from("hello").toString("base64") }],
              },
            ],
          },
        ],
      }),
    );
    const seeded = await startCheckedServer({ seed: path });
    others.push(seeded);
    const team = await vaultId("Team", seeded);
    expect(team).toMatch(/^[\da-z]{26}$/);
    const item = await itemByTitle(team, "Mail", seeded);
    expect(item.id).toMatch(/^[\da-z]{26}$/);
    expect(item.fields[0].totp).toMatch(/^\d{6}$/);
    const content = await call(`/v1/vaults/${team}/items/${item.id}/files/${item.files[0].id}/content`, {
      on: seeded,
    });
    expect(content.text).toBe("hello");
  });

  it.each([
    ["[]", /the top level must be an object with a "vaults" array/],
    ['{"vaults":[{"items":[]}]}', /vaults\[0\]\.name must be a non-empty string/],
    ['{"vaults":[{"name":"A","id":"short"}]}', /vaults\[0\]\.id must be 26 lowercase letters and digits/],
    ['{"vaults":[{"name":"A"},{"name":"A"}]}', /repeats the vault name "A"/],
    [
      '{"vaults":[{"name":"A","items":[{"title":"T","category":"LOGIN","fields":"x"}]}]}',
      /items\[0\] \("T"\) is not a valid item: .*fields must be an array/,
    ],
    ["{not json", /is not valid JSON/],
  ])("a malformed seed file (%s) is a SeedError naming the file and the fault", async (text, message) => {
    const path = join(dir, "bad.json");
    await writeFile(path, text);
    const error = (await startConnectServer({ seed: path }).catch((e: unknown) => e)) as SeedError;
    expect(error).toBeInstanceOf(SeedError);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(message);
  });

  it("an unreadable seed file names the file", async () => {
    const path = join(dir, "missing.json");
    await expect(startConnectServer({ seed: path })).rejects.toThrow(
      `The seed file ${path} cannot be read (ENOENT).`,
    );
  });
});

describe("faults", () => {
  it("429s with Retry-After, chosen 5xx and dropped connections, limited to a method and path, switched at run time", async () => {
    const faulty = await startCheckedServer();
    others.push(faulty);
    faulty.setFaults({
      tooManyRequests: { count: 2, retryAfterSeconds: 7 },
      only: { method: "GET", path: "/v1/vaults" },
    });
    expect((await call("/heartbeat", { on: faulty })).status).toBe(200);
    const limited = await call("/v1/vaults", { on: faulty });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    expect((await call("/v1/vaults", { on: faulty })).status).toBe(429);
    expect((await call("/v1/vaults", { on: faulty })).status).toBe(200);

    faulty.setFaults({ serverErrors: { count: 1, status: 502 } });
    expect((await call("/v1/vaults", { on: faulty })).json).toEqual({
      status: 502,
      message: "Internal Server Error",
    });
    expect((await call("/v1/vaults", { on: faulty })).status).toBe(200);

    faulty.setFaults({ dropConnections: { count: 1 } });
    const dropped = await fetch(`${faulty.url}/v1/vaults`, { headers: bearer(faulty.token) })
      .then((r) => r.text())
      .catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(Error);
    expect((await call("/v1/vaults", { on: faulty })).status).toBe(200);
    expect(faulty.stats.faultsInjected).toEqual({
      tooManyRequests: 2,
      serverErrors: 1,
      droppedConnections: 1,
    });

    faulty.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await call("/heartbeat", { on: faulty, token: null });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    faulty.setFaults({});
    expect(faulty.stats.requestsByMethod.GET).toBeGreaterThanOrEqual(9);
    expect(faulty.stats.peakOpenConnections).toBeGreaterThanOrEqual(1);
  });

  it("refuses faults that cannot work", async () => {
    const faulty = await startCheckedServer();
    others.push(faulty);
    expect(() => faulty.setFaults({ serverErrors: { count: 1, status: 404 } })).toThrow(/5xx/);
    expect(() => faulty.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
  });
});
