// Starts the project's Connect-compatible server (test/connect-server) on loopback for the Raycast tests and
// records what reached it, so tests can say which requests an action made and what a write stored.
import {
  startConnectServer,
  type ConnectServer,
  type ResponseEvent,
  type SeedObject,
} from "../../connect-server/server";

export interface TestConnect extends ConnectServer {
  /** `METHOD /path` of every answered request, in order. */
  requests(): string[];
  /** The JSON bodies the server answered to POST …/items: the items as it stored them, values included. */
  createdItems(): Record<string, unknown>[];
}

export async function startTestConnect(seed: SeedObject, token = "raycast-test-token"): Promise<TestConnect> {
  const events: ResponseEvent[] = [];
  const server = await startConnectServer({
    host: "127.0.0.1",
    port: 0,
    token,
    seed,
    onResponse: (event) => events.push(event),
  });
  return Object.assign(server, {
    requests: () => events.map((e) => `${e.method} ${e.url.split("?")[0]}`),
    createdItems: () =>
      events
        .filter((e) => e.method === "POST" && /\/items$/.test(e.url.split("?")[0] ?? "") && e.status === 200)
        .map((e) => JSON.parse(e.body.toString("utf8")) as Record<string, unknown>),
  });
}
