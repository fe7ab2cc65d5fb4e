// The same endpoint suite through our own client (createConnectClient from @op-bridge/shared) against the local server.
import {
  ConnectHttpError,
  createConnectClient,
  nameEquals,
  tagEquals,
  titleContains,
  titleEquals,
  type ConnectClient,
} from "@op-bridge/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnectServer } from "./server.js";
import { DEMO_VAULT_NAMES, startCheckedServer, type CheckedServer } from "./testServer.js";

const LIMITED = "limited-token-for-finance-only";
let server: CheckedServer;
let client: ConnectClient;
let vaultIds: Record<string, string>;

beforeAll(async () => {
  server = await startCheckedServer({ scopedTokens: [{ token: LIMITED, vaults: ["Finance"] }] });
  client = createConnectClient({ serverUrl: server.url, token: server.token, maxRetries: 0 });
  vaultIds = Object.fromEntries((await client.listVaults()).map((v) => [v.name, v.id]));
});

afterAll(async () => {
  await client.close();
  await server.close();
  expect(server.checked.problems).toEqual([]);
  expect(server.checked.count).toBeGreaterThan(200);
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as ConnectHttpError,
  );

describe("reading", () => {
  it("health, heartbeat and metrics, and the server's version header", async () => {
    expect(await client.heartbeat()).toBe(".");
    expect((await client.health()).name).toBe("1Password Connect API");
    expect(await client.metrics()).toContain("# TYPE connect_http_requests_total counter");
    expect(client.serverVersion).toBe("1.7.1");
  });

  it("vaults, filtered by name and by title", async () => {
    expect(Object.keys(vaultIds)).toEqual(DEMO_VAULT_NAMES);
    expect((await client.listVaults({ filter: nameEquals("Staging") })).map((v) => v.id)).toEqual([
      vaultIds.Staging,
    ]);
    expect((await client.listVaults({ filter: titleEquals("Staging") })).map((v) => v.id)).toEqual([
      vaultIds.Staging,
    ]);
    expect((await client.getVault(vaultIds.Shared!)).type).toBe("EVERYONE");
  });

  it("items, filtered by title eq, title co and tag", async () => {
    const staging = vaultIds.Staging!;
    expect(
      (await client.listItems(staging, { filter: titleEquals("Postgres Staging") })).map((i) => i.title),
    ).toEqual(["Postgres Staging"]);
    expect(
      (await client.listItems(staging, { filter: titleContains("stripe") })).map((i) => i.title),
    ).toEqual(["Stripe Test Mode"]);
    const cache = await client.listItems(staging, { filter: tagEquals("cache") });
    expect(cache.every((i) => i.tags?.includes("cache"))).toBe(true);
    const [summary] = await client.listItems(staging, { filter: titleEquals("Postgres Staging") });
    const item = await client.getItem(staging, summary!.id);
    expect(item.category).toBe("DATABASE");
    expect(item.fields?.find((f) => f.purpose === "PASSWORD")?.value).toHaveLength(28);
  });

  it("getItems loads every item of every vault with its fields", async () => {
    const all = await client.getItems();
    const vaults = await client.listVaults();
    expect(all).toHaveLength(vaults.reduce((sum, v) => sum + (v.items ?? 0), 0));
    expect(all.every((item) => Array.isArray(item.fields))).toBe(true);
    expect(
      all.filter((item) => item.fields?.some((f) => f.type === "OTP" && /^\d{6}$/.test(f.totp ?? ""))).length,
    ).toBeGreaterThan(10);
  });

  it("files: list, inline, too large to inline (413), content with its name and size", async () => {
    const production = vaultIds.Production!;
    const [backup] = await client.listItems(production, {
      filter: titleEquals("Production Database Backup"),
    });
    const [file] = await client.listFiles(production, backup!.id);
    const error = await rejection(client.getFile(production, backup!.id, file!.id, { inlineContent: true }));
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error!.status).toBe(413);
    expect(error!.serverMessage).toMatch(/^File is too large to inline in request/);
    const content = await client.getFileContent(production, backup!.id, file!.id);
    expect([content.name, content.size, content.contentType]).toEqual([
      "prod-db-backup.sql.gz",
      150 * 1024,
      "application/octet-stream",
    ]);
    expect((await content.arrayBuffer()).byteLength).toBe(150 * 1024);

    const [kube] = await client.listItems(production, { filter: titleEquals("Kubernetes Prod Cluster") });
    const [config] = await client.listFiles(production, kube!.id, { inlineContent: true });
    expect(Buffer.from(config!.content!, "base64").toString()).toMatch(/^apiVersion: v1/);
  });

  it("activity pages with their total", async () => {
    const page = await client.listActivity({ limit: 5, offset: 0 });
    expect(page.activity).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
  });
});

describe("writing", () => {
  it("create, replace, patch and delete", async () => {
    const vault = vaultIds.Development!;
    const created = await client.createItem(vault, {
      title: "Client Created",
      category: "PASSWORD",
      fields: [
        {
          type: "CONCEALED",
          purpose: "PASSWORD",
          generate: true,
          recipe: { length: 12, characterSets: ["DIGITS"] },
        },
      ],
    });
    expect(created.fields?.[0]?.value).toMatch(/^\d{12}$/);
    const replaced = await client.replaceItem(vault, created.id, { ...created, title: "Client Replaced" });
    expect([replaced.title, replaced.version]).toEqual(["Client Replaced", created.version! + 1]);
    const patched = await client.patchItem(vault, created.id, [
      { op: "add", path: "/tags", value: ["patched"] },
      { op: "replace", path: "/fields/password/value", value: "000000" },
    ]);
    expect(patched.tags).toEqual(["patched"]);
    expect(patched.fields?.[0]?.value).toBe("000000");
    await expect(client.deleteItem(vault, created.id)).resolves.toBeUndefined();
    const gone = await rejection(client.getItem(vault, created.id));
    expect(gone!.status).toBe(404);
    expect(gone!.message).toContain(`The item ${created.id} was not found in vault ${vault}`);
  });

  it("a refused create is a ConnectHttpError with the server's message", async () => {
    const error = await rejection(
      client.createItem(vaultIds.Development!, {
        category: "LOGIN",
        fields: [{ type: "CONCEALED", generate: true, recipe: { length: 99 } }],
      }),
    );
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error!.status).toBe(400);
    expect(error!.serverMessage).toMatch(/length must be/);
  });
});

describe("tokens", () => {
  it("a scoped token sees one vault and gets a 403 naming the others", async () => {
    const limited = createConnectClient({ serverUrl: server.url, token: LIMITED, maxRetries: 0 });
    try {
      expect((await limited.listVaults()).map((v) => v.name)).toEqual(["Finance"]);
      const error = await rejection(limited.listItems(vaultIds.Production!));
      expect(error!.status).toBe(403);
      expect(error!.serverMessage).toBe(
        `Authorization: token does not have access to vault ${vaultIds.Production}`,
      );
      expect(error!.message).toContain(`no access to vault ${vaultIds.Production}`);
    } finally {
      await limited.close();
    }
  });

  it("a wrong token is a 401 whose message does not contain the token", async () => {
    const wrong = createConnectClient({ serverUrl: server.url, token: "wrong-token-value", maxRetries: 0 });
    try {
      const error = await rejection(wrong.listVaults());
      expect(error!.status).toBe(401);
      expect(error!.serverMessage).toBe("Invalid bearer token");
      expect(error!.message).not.toContain("wrong-token-value");
    } finally {
      await wrong.close();
    }
  });
});

describe("a call waiting for a free connection", () => {
  it("an abort ends it at once, and it is never sent", async () => {
    // One connection, held for 600 ms by a slow heartbeat: the next call waits in the client's queue.
    const slowServer = await startConnectServer({ faults: { latencyMs: 600, only: { path: "/heartbeat" } } });
    const single = createConnectClient({
      serverUrl: slowServer.url,
      token: slowServer.token,
      connections: 1,
    });
    try {
      const slow = single.heartbeat();
      const controller = new AbortController();
      const started = Date.now();
      const queued = single.listVaults({ signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect(await rejection(queued)).toMatchObject({ name: "AbortError" });
      expect(Date.now() - started).toBeLessThan(400);
      expect(await slow).toBe(".");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(slowServer.stats.requestsTotal).toBe(1);
    } finally {
      await single.close();
      await slowServer.close();
    }
  });
});

describe("getItems without a concurrency", () => {
  it("keeps as many requests in flight as the client has connections, no more", async () => {
    const slowServer = await startConnectServer({ seed: "demo", faults: { latencyMs: 5 } });
    const few = createConnectClient({ serverUrl: slowServer.url, token: slowServer.token, connections: 3 });
    try {
      const items = await few.getItems();
      expect(items.length).toBeGreaterThan(20);
      expect(slowServer.stats.peakRequestsInFlight).toBe(3);
      expect(slowServer.stats.peakOpenConnections).toBeLessThanOrEqual(3);
    } finally {
      await few.close();
      await slowServer.close();
    }
  });
});
