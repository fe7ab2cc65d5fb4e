// The token never appears in an error, its JSON, its inspection, or the client's; even when the server echoes it.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectHttpError,
  ConnectNetworkError,
  createConnectClient,
  type ConnectClient,
} from "@op-bridge/shared";
import { ITEM, TOKEN, VAULT, sendJson, startTinyServer, type TinyServer } from "./tinyServer.js";

let server: TinyServer | undefined;
let client: ConnectClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

function everyRendering(value: unknown): string {
  const parts = [
    String(value),
    JSON.stringify(value) ?? "",
    inspect(value, { depth: Infinity, showHidden: true }),
  ];
  if (value instanceof Error)
    parts.push(value.stack ?? "", inspect(value.cause, { depth: Infinity, showHidden: true }));
  return parts.join("\n");
}

describe("the token stays secret", () => {
  it("is not in the client's toString, JSON or inspection", () => {
    client = createConnectClient({ serverUrl: "http://127.0.0.1:9", token: TOKEN });
    const shown = everyRendering(client);
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain("s3cr3t");
    expect(String(client)).toBe("ConnectClient(http://127.0.0.1:9)");
  });

  it("a rejected token: 401 message says what to do, and never holds the token, even echoed by the server", async () => {
    server = await startTinyServer((req, res) =>
      sendJson(res, 401, { status: 401, message: `Invalid bearer token ${req.headers.authorization}` }),
    );
    client = createConnectClient({ serverUrl: server.url, token: TOKEN });
    const error = (await client.getItem(VAULT, ITEM).catch((e: unknown) => e)) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(
      new RegExp(`^The Connect token was rejected by ${server.url} .*check the token`),
    );
    expect(everyRendering(error)).not.toContain(TOKEN);
    expect(error.serverMessage).toBe("Invalid bearer token Bearer [hidden]");
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("network errors and their causes do not hold it", async () => {
    server = await startTinyServer((_req, res) => res.socket?.destroy());
    client = createConnectClient({ serverUrl: server.url, token: TOKEN, maxRetries: 0 });
    const error = await client.createItem(VAULT, { category: "LOGIN", title: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectNetworkError);
    expect(everyRendering(error)).not.toContain(TOKEN);
  });
});
