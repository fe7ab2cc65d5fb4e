// Our Connect client against the full local server with faults on: nothing hangs, reads recover, writes are sent once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConnectHttpError,
  ConnectNetworkError,
  ConnectTimeoutError,
  createConnectClient,
  titleEquals,
  type ConnectClient,
  type ConnectClientOptions,
} from "@op-bridge/shared";
import { startConnectServer, type ConnectServer } from "../../connect-server/server.js";

let server: ConnectServer;
let client: ConnectClient | undefined;
let development: string;

beforeEach(async () => {
  server = await startConnectServer({ port: 0, seed: "demo" });
  const setup = createConnectClient({ serverUrl: server.url, token: server.token });
  development = (await setup.listVaults({ filter: titleEquals("Development") }))[0]!.id;
  await setup.close();
  // Counters from here on belong to the test.
  for (const method of Object.keys(server.stats.requestsByMethod)) server.stats.requestsByMethod[method] = 0;
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

function connect(options: Partial<ConnectClientOptions> = {}): ConnectClient {
  client = createConnectClient({
    serverUrl: server.url,
    token: server.token,
    retryBaseDelayMs: 10,
    ...options,
  });
  return client;
}

const sent = (method: string) => server.stats.requestsByMethod[method] ?? 0;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe("nothing hangs past its timeout", () => {
  it("a server slower than timeoutMs ends in a ConnectTimeoutError before the server answers, sent once", async () => {
    const serverLatencyMs = 5_000;
    server.setFaults({ latencyMs: serverLatencyMs });
    const client = connect({ timeoutMs: 300 });
    const started = performance.now();
    const error = await failure(client.listItems(development));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error!.message).toContain(server.url);
    expect(error!.message).toContain("0.3 s");
    expect(elapsed).toBeGreaterThanOrEqual(280);
    // Ended by our timeout, not by the slow answer (a bound relative to the race, not a machine's speed).
    expect(elapsed).toBeLessThan(serverLatencyMs);
    expect(sent("GET")).toBe(1);
  });

  it("a slow write times out too, and is not sent again", async () => {
    server.setFaults({ latencyMs: 5_000, only: { method: "POST" } });
    const client = connect({ timeoutMs: 300 });
    const error = await failure(client.createItem(development, { title: "Slow", category: "LOGIN" }));
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(sent("POST")).toBe(1);
  });
});

describe("reads recover from transient faults", () => {
  it("waits the Retry-After of a 429, then succeeds", async () => {
    server.setFaults({ tooManyRequests: { count: 1, retryAfterSeconds: 1 }, only: { method: "GET" } });
    const client = connect();
    const started = performance.now();
    const vaults = await client.listVaults();
    expect(vaults).toHaveLength(6);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(sent("GET")).toBe(2);
    expect(server.stats.faultsInjected.tooManyRequests).toBe(1);
  });

  it.each([502, 503, 504])("retries a GET answered %i twice, then gets the item", async (status) => {
    const [summary] = await connect().listItems(development, { filter: titleEquals("GitHub") });
    server.setFaults({ serverErrors: { count: 2, status }, only: { path: `/items/${summary!.id}` } });
    expect((await client!.getItem(development, summary!.id)).title).toBe("GitHub");
    expect(server.stats.faultsInjected.serverErrors).toBe(2);
    expect(sent("GET")).toBe(1 + 3);
  });

  it("does not retry a 500, and names the server", async () => {
    server.setFaults({ serverErrors: { count: 5, status: 500 } });
    const error = (await failure(connect().listVaults())) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.status).toBe(500);
    expect(error.message).toContain(`The Connect server at ${server.url}`);
    expect(sent("GET")).toBe(1);
  });

  it("reads again when the connection is cut in the middle of an answer", async () => {
    const [summary] = await connect().listItems(development, { filter: titleEquals("npm") });
    server.setFaults({ dropConnections: { count: 1 } });
    const item = await client!.getItem(development, summary!.id);
    expect(item.fields?.some((f) => f.label === "automation token")).toBe(true);
    expect(server.stats.faultsInjected.droppedConnections).toBe(1);
    expect(sent("GET")).toBe(1 + 2);
  });

  it("getItems loads every item although some of its requests are cut, limited or failed", async () => {
    const client = connect();
    const expected = (await client.getVault(development)).items;
    server.setFaults({
      tooManyRequests: { count: 2, retryAfterSeconds: 0 },
      serverErrors: { count: 3, status: 503 },
      dropConnections: { count: 3 },
      only: { method: "GET", path: /\/items\/[\da-z]{26}$/ },
    });
    const items = await client.getItems(development);
    expect(items).toHaveLength(expected!);
    expect(new Set(items.map((i) => i.id)).size).toBe(expected);
    expect(server.stats.faultsInjected).toEqual({
      tooManyRequests: 2,
      serverErrors: 3,
      droppedConnections: 3,
    });
  });
});

describe("writes are attempted exactly once", () => {
  const newItem = { title: "Once", category: "LOGIN" as const };

  async function existingItem(): Promise<string> {
    const [summary] = await connect().listItems(development, { filter: titleEquals("Docker Hub") });
    return summary!.id;
  }

  const writes = (itemId: string) =>
    ({
      POST: () => client!.createItem(development, newItem),
      PUT: () => client!.replaceItem(development, itemId, { title: "Docker Hub", category: "LOGIN" }),
      PATCH: () => client!.patchItem(development, itemId, [{ op: "replace", path: "/title", value: "x" }]),
      DELETE: () => client!.deleteItem(development, itemId),
    }) as const;

  it.each(["POST", "PUT", "PATCH", "DELETE"] as const)(
    "%s answered 429 or 503 is not sent again",
    async (method) => {
      const itemId = await existingItem();
      for (const faults of [
        { tooManyRequests: { count: 1, retryAfterSeconds: 0 } },
        { serverErrors: { count: 1, status: 503 } },
      ]) {
        server.setFaults({ ...faults, only: { method } });
        const before = sent(method);
        const error = (await failure(writes(itemId)[method]())) as ConnectHttpError;
        expect(error).toBeInstanceOf(ConnectHttpError);
        expect([429, 503]).toContain(error.status);
        expect(sent(method) - before).toBe(1);
      }
    },
  );

  it.each(["POST", "PUT", "PATCH", "DELETE"] as const)(
    "%s cut mid-answer is not sent again, and the error says the change may have happened",
    async (method) => {
      const itemId = await existingItem();
      server.setFaults({ dropConnections: { count: 1 }, only: { method } });
      const error = (await failure(writes(itemId)[method]())) as ConnectNetworkError;
      expect(error).toBeInstanceOf(ConnectNetworkError);
      expect(error.message).toContain("may or may not have been made");
      expect(error.message).toContain(server.url);
      expect(sent(method)).toBe(1);
      // The server did make the change: exactly why the client must not repeat it.
      server.setFaults({});
      const titles = (await client!.listItems(development)).map((i) => i.title);
      if (method === "POST") expect(titles.filter((t) => t === "Once")).toHaveLength(1);
      if (method === "DELETE") expect(titles).not.toContain("Docker Hub");
      if (method === "PATCH") expect(titles).toContain("x");
    },
  );
});

describe("a server that is down", () => {
  it("gives one ConnectNetworkError naming the URL, for a call and for getItems", async () => {
    const url = server.url;
    await server.close();
    const client = connect();
    for (const call of [() => client.listVaults(), () => client.getItems()]) {
      const error = (await failure(call())) as ConnectNetworkError;
      expect(error).toBeInstanceOf(ConnectNetworkError);
      expect(error.code).toBe("ECONNREFUSED");
      expect(error.message).toBe(
        `The Connect server at ${url} cannot be reached (ECONNREFUSED): check that it is running and that the URL is right.`,
      );
    }
  });
});
