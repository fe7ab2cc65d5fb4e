// Faults staged exactly by a tiny loopback server: retries for reads only, Retry-After, drops, hangs, aborts, a server that is down.
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectHttpError,
  ConnectNetworkError,
  ConnectTimeoutError,
  createConnectClient,
  type ConnectClient,
} from "@op-bridge/shared";
import {
  ITEM,
  TOKEN,
  VAULT,
  sendJson,
  startTinyServer,
  type Handler,
  type TinyServer,
} from "./tinyServer.js";

const item = { id: ITEM, title: "Mail", vault: { id: VAULT }, category: "LOGIN", fields: [] };
let server: TinyServer | undefined;
let client: ConnectClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setUp(
  handler: Handler,
  options: { timeoutMs?: number; maxRetries?: number; connections?: number } = {},
) {
  server = await startTinyServer(handler);
  client = createConnectClient({ serverUrl: server.url, token: TOKEN, retryBaseDelayMs: 10, ...options });
  return { server, client };
}

describe("reads recover from transient failures", () => {
  it("waits the Retry-After seconds of a 429, then succeeds", async () => {
    const { server, client } = await setUp((_req, res, i) =>
      i === 0
        ? sendJson(res, 429, { status: 429, message: "Too many requests" }, { "retry-after": "1" })
        : sendJson(res, 200, item),
    );
    const got = await client.getItem(VAULT, ITEM);
    expect(got.title).toBe("Mail");
    expect(server.requests).toHaveLength(2);
    const waited = server.requests[1]!.at - server.requests[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    const { server, client } = await setUp((_req, res, i) =>
      i === 0
        ? sendJson(
            res,
            503,
            { status: 503, message: "busy" },
            { "retry-after": new Date(Date.now() + 1500).toUTCString() },
          )
        : sendJson(res, 200, [{ id: VAULT, name: "Work" }]),
    );
    expect(await client.listVaults()).toEqual([{ id: VAULT, name: "Work" }]);
    expect(server.requests).toHaveLength(2);
    // An HTTP date has whole seconds: at least half a second must have passed.
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(400);
  });

  it.each([502, 503, 504])("retries a GET answered %i", async (status) => {
    const { server, client } = await setUp((_req, res, i) =>
      i < 2 ? sendJson(res, status, { status, message: "gateway trouble" }) : sendJson(res, 200, item),
    );
    expect((await client.getItem(VAULT, ITEM)).id).toBe(ITEM);
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a 500 (a server bug, not a passing state)", async () => {
    const { server, client } = await setUp((_req, res) =>
      sendJson(res, 500, { status: 500, message: "boom" }),
    );
    const error = await client.getItem(VAULT, ITEM).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect((error as ConnectHttpError).status).toBe(500);
    expect((error as Error).message).toContain(server.url);
    expect(server.requests).toHaveLength(1);
  });

  it("recovers when the connection is dropped in the middle of a response", async () => {
    const { server, client } = await setUp((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"id":"' + ITEM + '","ti');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      sendJson(res, 200, item);
    });
    expect((await client.getItem(VAULT, ITEM)).title).toBe("Mail");
    expect(server.requests).toHaveLength(2);
  });

  it("recovers when the connection is dropped before any answer", async () => {
    const { server, client } = await setUp((_req, res, i) =>
      i === 0 ? res.socket?.destroy() : sendJson(res, 200, []),
    );
    expect(await client.listItems(VAULT)).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after maxRetries and names the server", async () => {
    const { server, client } = await setUp(
      (_req, res) => sendJson(res, 503, { status: 503, message: "down for maintenance" }),
      {
        maxRetries: 2,
      },
    );
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.name).toBe("ConnectHttpError");
    expect(error.status).toBe(503);
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/v1/vaults");
    expect(error.serverMessage).toBe("down for maintenance");
    expect(error.message).toContain(`The Connect server at ${server.url}`);
    expect(server.requests).toHaveLength(3);
  });

  it("does not wait for a Retry-After longer than allowed, and says how long the server asked for", async () => {
    const { server, client } = await setUp((_req, res) =>
      sendJson(res, 429, { status: 429, message: "slow down" }, { "retry-after": "3600" }),
    );
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/wait a moment.*asked to wait 3600 s/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("writes are attempted exactly once", () => {
  const newItem = { title: "New", category: "LOGIN" as const };

  it.each([429, 502, 503, 504])("POST answered %i is not repeated", async (status) => {
    const { server, client } = await setUp((_req, res) =>
      sendJson(res, status, { status, message: "try later" }, { "retry-after": "0" }),
    );
    await expect(client.createItem(VAULT, newItem)).rejects.toBeInstanceOf(ConnectHttpError);
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a dropped PUT, PATCH or DELETE is not repeated, and the message says the change may have happened", async () => {
    const { server, client } = await setUp((_req, res) => res.socket?.destroy());
    for (const attempt of [
      () => client.replaceItem(VAULT, ITEM, newItem),
      () => client.patchItem(VAULT, ITEM, [{ op: "replace", path: "/title", value: "x" }]),
      () => client.deleteItem(VAULT, ITEM),
      () => client.createItem(VAULT, newItem),
    ]) {
      const error = (await attempt().catch((e: unknown) => e)) as ConnectNetworkError;
      expect(error).toBeInstanceOf(ConnectNetworkError);
      expect(error.status).toBe(0);
      expect(error.message).toContain("may or may not have been made");
    }
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "PATCH", "DELETE", "POST"]);
  });
});

describe("nothing hangs past its timeout", () => {
  it("a server that never answers ends in a ConnectTimeoutError, not retried", async () => {
    const { server, client } = await setUp(() => undefined, { timeoutMs: 300 });
    const started = Date.now();
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectTimeoutError;
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.name).toBe("ConnectTimeoutError");
    expect(error.status).toBe(0);
    expect(error.cause).toBeDefined();
    expect(error.message).toContain(server.url);
    expect(error.message).toContain("0.3 s");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it("a body that stops half-way ends in a ConnectTimeoutError", async () => {
    const { client } = await setUp(
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write("[");
      },
      { timeoutMs: 300 },
    );
    await expect(client.listVaults()).rejects.toBeInstanceOf(ConnectTimeoutError);
  });
});

describe("cancellation", () => {
  it("an aborted call rejects with an AbortError and is not retried", async () => {
    const { server, client } = await setUp(() => undefined);
    const controller = new AbortController();
    const pending = client.getItem(VAULT, ITEM, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = (await pending.catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AbortError");
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests).toHaveLength(1);
  });

  it("an abort during the wait before a retry ends the wait", async () => {
    const { server, client } = await setUp((_req, res) =>
      sendJson(res, 429, { status: 429, message: "later" }, { "retry-after": "8" }),
    );
    const controller = new AbortController();
    const pending = client.listVaults({ signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = (await pending.catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { server, client } = await setUp((_req, res) => sendJson(res, 200, []));
    await expect(client.listVaults({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe("a server that is down", () => {
  it("yields one ConnectNetworkError naming the URL", async () => {
    const probe = await startTinyServer(() => undefined);
    const url = probe.url;
    await probe.close();
    client = createConnectClient({ serverUrl: url, token: TOKEN });
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectNetworkError;
    expect(error).toBeInstanceOf(ConnectNetworkError);
    expect(error.name).toBe("ConnectNetworkError");
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.message).toBe(
      `The Connect server at ${url} cannot be reached (ECONNREFUSED): check that it is running and that the URL is right.`,
    );
  });
});

describe("the pooled connection", () => {
  it("reuses keep-alive connections and keeps getItems within its concurrency", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => i.toString(36).padStart(26, "0"));
    const { server, client } = await setUp(
      async (req, res) => {
        if (req.url === "/v1/vaults") return sendJson(res, 200, [{ id: VAULT, name: "Work" }]);
        if (req.url === `/v1/vaults/${VAULT}/items`) {
          return sendJson(
            res,
            200,
            ids.map((id) => ({ id, title: id, vault: { id: VAULT }, category: "LOGIN" })),
          );
        }
        await new Promise((r) => setTimeout(r, 5));
        const id = req.url.split("/").pop()!;
        sendJson(res, 200, {
          id,
          title: id,
          vault: { id: VAULT },
          category: "LOGIN",
          fields: [{ id: "f", type: "STRING" }],
        });
      },
      { connections: 6 },
    );
    const items = await client.getItems(undefined, { concurrency: 6 });
    // 62 requests over at most the pool's 6 keep-alive connections.
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(items.every((i) => i.fields?.length === 1)).toBe(true);
    expect(server.requests).toHaveLength(62);
    expect(server.peakInFlight).toBeLessThanOrEqual(6);
    expect(server.connections).toBeLessThanOrEqual(6);
  });

  it("getItems leaves out items deleted between listing and fetching", async () => {
    const other = "d".repeat(26);
    const { client } = await setUp((req, res) => {
      if (req.url === `/v1/vaults/${VAULT}/items`) {
        return sendJson(res, 200, [
          { id: ITEM, vault: { id: VAULT }, category: "LOGIN" },
          { id: other, vault: { id: VAULT }, category: "LOGIN" },
        ]);
      }
      if (req.url.endsWith(other))
        return sendJson(res, 404, { status: 404, message: `item ${other} not found` });
      sendJson(res, 200, item);
    });
    expect((await client.getItems(VAULT)).map((i) => i.id)).toEqual([ITEM]);
  });
});
