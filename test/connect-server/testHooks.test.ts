// The hooks tests of other suites lean on: read-only and revoked tokens, request bodies seen, requests in flight.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bearer } from "./testServer.js";
import { startConnectServer, type ConnectServer, type ResponseEvent } from "./server.js";

const READER = "read-only-token-0123456789";
const vault = { id: "hookvault00000000000000001", name: "Hooks" };
const item = {
  id: "hookitem000000000000000001",
  title: "Hooked",
  category: "PASSWORD",
  fields: [{ id: "password", type: "CONCEALED", purpose: "PASSWORD", value: "hook-value" }],
};
let server: ConnectServer;
const events: ResponseEvent[] = [];

beforeAll(async () => {
  server = await startConnectServer({
    token: "full-token-0123456789",
    scopedTokens: [{ token: READER, vaults: ["Hooks"], readOnly: true }],
    seed: { vaults: [{ ...vault, items: [item] }] },
    onResponse: (event) => events.push(event),
  });
});
afterAll(() => server.close());

const call = (token: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...bearer(token), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const newItem = { title: "New", category: "PASSWORD", vault: { id: vault.id } };
const denied = { status: 403, message: `Authorization: token does not have access to vault ${vault.id}` };

describe("read-only tokens", () => {
  test("read the vault and its items, and every write answers 403 with Connect's message", async () => {
    expect((await call(READER, "GET", "/v1/vaults")).status).toBe(200);
    expect((await call(READER, "GET", `/v1/vaults/${vault.id}/items/${item.id}`)).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", `/v1/vaults/${vault.id}/items`, newItem],
      ["PUT", `/v1/vaults/${vault.id}/items/${item.id}`, { ...item, title: "Changed" }],
      ["PATCH", `/v1/vaults/${vault.id}/items/${item.id}`, [{ op: "replace", path: "/title", value: "X" }]],
      ["DELETE", `/v1/vaults/${vault.id}/items/${item.id}`, undefined],
    ] as const) {
      const response = await call(READER, method, path, body);
      expect([method, response.status, await response.json()]).toEqual([method, 403, denied]);
    }
    const kept = (await (
      await call(server.token, "GET", `/v1/vaults/${vault.id}/items`)
    ).json()) as unknown[];
    expect(kept).toEqual([expect.objectContaining({ id: item.id, title: "Hooked" })]);
  });
});

describe("setTokenAccess", () => {
  test("revoking a token's vault answers 403 at once; granting it back restores reads and writes", async () => {
    const token = "revocable-token-0123456789";
    expect((await call(token, "GET", "/v1/vaults")).status).toBe(401);
    server.setTokenAccess(token, {});
    expect((await call(token, "GET", `/v1/vaults/${vault.id}/items/${item.id}`)).status).toBe(200);
    server.setTokenAccess(token, { vaults: [] });
    const read = await call(token, "GET", `/v1/vaults/${vault.id}/items/${item.id}`);
    expect([read.status, await read.json()]).toEqual([403, denied]);
    expect(await (await call(token, "GET", "/v1/vaults")).json()).toEqual([]);
    server.setTokenAccess(token, { vaults: ["Hooks"], readOnly: true });
    expect((await call(token, "POST", `/v1/vaults/${vault.id}/items`, newItem)).status).toBe(403);
    server.setTokenAccess(token, { vaults: [vault.id] });
    expect((await call(token, "POST", `/v1/vaults/${vault.id}/items`, newItem)).status).toBe(200);
  });

  test("a vault the seed lacks is refused", () => {
    expect(() => server.setTokenAccess("x", { vaults: ["Nowhere"] })).toThrow(
      'a scoped token names the vault "Nowhere", which the seed does not have',
    );
  });
});

describe("what the tests can observe", () => {
  test("onResponse carries the JSON body the endpoint read, and none for a GET", async () => {
    events.length = 0;
    const sent = { ...newItem, title: "Seen", fields: [{ purpose: "PASSWORD", generate: true }] };
    await call(server.token, "POST", `/v1/vaults/${vault.id}/items`, sent);
    await call(server.token, "GET", `/v1/vaults/${vault.id}/items`);
    expect(events.map((e) => [e.method, e.requestBody])).toEqual([
      ["POST", sent],
      ["GET", undefined],
    ]);
    expect("requestBody" in events[1]!).toBe(false);
  });

  test("requests in flight are counted while a latency fault holds them, and their peak kept", async () => {
    server.stats.peakRequestsInFlight = server.stats.requestsInFlight;
    server.setFaults({ latencyMs: 100, only: { path: "/v1/" } });
    try {
      const running = [1, 2, 3].map(() => call(server.token, "GET", "/v1/vaults"));
      await expect.poll(() => server.stats.requestsInFlight).toBe(3);
      await Promise.all(running);
    } finally {
      server.setFaults({});
    }
    await expect.poll(() => server.stats.requestsInFlight).toBe(0);
    expect(server.stats.peakRequestsInFlight).toBe(3);
  });
});
