// A hostile or broken server: echoes of the token in any form, stalls and cuts during downloads, endless retries.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectConfigError,
  ConnectHttpError,
  ConnectNetworkError,
  ConnectTimeoutError,
  createConnectClient,
  titleEquals,
  type ConnectClient,
  type ConnectClientOptions,
} from "@op-bridge/shared";
import { startConnectServer, type ConnectServer } from "../../connect-server/server.js";
import { FILE, ITEM, VAULT, sendJson, startTinyServer, type TinyServer } from "./tinyServer.js";

/**
 * Long like a real Connect token (a JWT of several hundred characters), in capitals and digits so
 * that no 4-character piece of it can occur by chance in the English of a message or a stack, and
 * with `+`, `/` and `=` so that its URL-encoded form differs from it.
 */
const TOKEN = Array.from({ length: 420 }, (_, i) => "QWZ7XK+R2/PV=9M4HJ8N"[(i * 7 + (i >> 3)) % 20]).join("");

let tiny: TinyServer | undefined;
let local: ConnectServer | undefined;
let client: ConnectClient | undefined;
afterEach(async () => {
  await client?.close();
  await tiny?.close();
  await local?.close();
  client = tiny = local = undefined;
});

function connect(serverUrl: string, options: Partial<ConnectClientOptions> = {}): ConnectClient {
  client = createConnectClient({ serverUrl, token: TOKEN, retryBaseDelayMs: 10, ...options });
  return client;
}

/** The 4-character pieces of `secret` found in `text`. */
function leakedPieces(text: string, secret: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 4 <= secret.length; i++) {
    const piece = secret.slice(i, i + 4);
    if (text.includes(piece)) found.add(piece);
  }
  return [...found];
}

function everyRendering(error: Error): string {
  return [
    error.message,
    String(error),
    error.stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
  ].join("\n");
}

const base64 = (text: string) => Buffer.from(text).toString("base64");

describe("a server that echoes the Authorization header in its error never gets any piece of the token into one", () => {
  const echoes: [string, (authorization: string) => string, "json" | "html"][] = [
    ["plainly", (auth) => `invalid token: ${auth}`, "json"],
    ["cut by the server at 300 characters", (auth) => `invalid token: ${auth}`.slice(0, 300), "json"],
    ["cut by the server at 200 characters", (auth) => `<h1>Denied</h1> ${auth}`.slice(0, 200), "html"],
    ["from its middle on (its start cut off)", (auth) => `...${auth.slice(150)} is not valid`, "json"],
    ["URL-encoded", (auth) => `bad header ${encodeURIComponent(auth)}`, "json"],
    [
      "URL-encoded with lower-case escapes",
      (auth) => `bad ${encodeURIComponent(auth).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
      "html",
    ],
    ["base64 of the token", (auth) => `token ${base64(auth.replace(/^Bearer /, ""))} unknown`, "json"],
    ["base64 of `Bearer <token>`", (auth) => `header ${base64(auth)} unknown`, "json"],
    [
      "base64 of the whole header line, cut",
      (auth) => base64(`Authorization: ${auth}`).slice(0, 250),
      "html",
    ],
    ["as a JSON unicode escape", (auth) => auth.replace(/Q/g, "\\u0051"), "json"],
  ];

  it.each(echoes)("%s", async (_name, echo, kind) => {
    tiny = await startTinyServer((request, response) => {
      const said = echo(String(request.headers.authorization));
      if (kind === "html") {
        response.writeHead(401, { "content-type": "text/html" });
        response.end(`<html><body>${said}</body></html>`);
      } else {
        // Written by hand, so a unicode escape reaches the client as the server wrote it.
        const body = `{"status":401,"message":"${said.replace(/"/g, "'")}"}`;
        response.writeHead(401, { "content-type": "application/json" });
        response.end(body);
      }
    });
    const error = (await connect(tiny.url)
      .getItem(VAULT, ITEM)
      .catch((e: unknown) => e)) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.message).toMatch(/^The Connect token was rejected by .*: check the token/);
    const forms = [TOKEN, encodeURIComponent(TOKEN), encodeURIComponent(TOKEN).toLowerCase()];
    for (const form of forms) {
      expect(leakedPieces(error.message, form)).toEqual([]);
      expect(leakedPieces(error.serverMessage, form)).toEqual([]);
      expect(leakedPieces(everyRendering(error), form)).toEqual([]);
    }
    // A base64 form depends on where the token starts (its byte offset modulo 3); no 8 characters
    // that only the token's bytes decide survive, whatever the offset.
    for (const offset of [0, 1, 2]) {
      const encoded = base64("x".repeat(offset) + TOKEN).slice(offset === 0 ? 0 : offset + 1, -4);
      for (let i = 0; i + 8 <= encoded.length; i++) {
        expect(error.serverMessage).not.toContain(encoded.slice(i, i + 8));
      }
    }
    expect(error.serverMessage).toContain("[hidden]");
  });

  it("keeps what the server said around the token, so the message still helps", async () => {
    tiny = await startTinyServer((request, response) =>
      sendJson(response, 401, { status: 401, message: `token ${request.headers.authorization} has expired` }),
    );
    const error = (await connect(tiny.url)
      .listVaults()
      .catch((e: unknown) => e)) as ConnectHttpError;
    expect(error.serverMessage).toBe("token Bearer [hidden] has expired");
  });

  it("a readable token's pieces do not hide the ordinary words of a message", async () => {
    tiny = await startTinyServer((_request, response) =>
      sendJson(response, 500, { message: "Internal Server Error: token store unavailable" }),
    );
    client = createConnectClient({ serverUrl: tiny.url, token: "server-token-store-0123", maxRetries: 0 });
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectHttpError;
    expect(error.serverMessage).toBe("Internal Server Error: token store unavailable");
  });

  it("a long message is cut after redaction, never through the marker", async () => {
    tiny = await startTinyServer((request, response) =>
      sendJson(response, 400, { message: `${"x".repeat(290)} ${request.headers.authorization} tail` }),
    );
    const error = (await connect(tiny.url)
      .listVaults()
      .catch((e: unknown) => e)) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.serverMessage.length).toBeLessThanOrEqual(300);
    expect(error.serverMessage).toMatch(/^x{290} Bearer $/);
    expect(leakedPieces(error.message, TOKEN)).toEqual([]);
  });
});

describe("the server URL field never sends or shows a token pasted into it", () => {
  it("a token in the URL field: ConnectConfigError that does not repeat it", () => {
    let error: unknown;
    try {
      createConnectClient({ serverUrl: TOKEN, token: TOKEN });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectConfigError);
    expect((error as Error).message).toMatch(/server URL holds the token/);
    expect(leakedPieces(everyRendering(error as Error), TOKEN)).toEqual([]);
  });

  it.each([
    ["a token alone", "ops_EYJQWZ7XKR2PV9M4HJ8NQWZ7XKR2PV9M4HJ8N"],
    ["a token with a colon in it", "EYJQWZ7XKR2PV9M4HJ8NQWZ7X:KR2PV9M4HJ8N"],
  ])("%s where the URL belongs (the token not known yet): the message does not repeat it", (_name, value) => {
    let error: unknown;
    try {
      createConnectClient({ serverUrl: value, token: "another-token" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectConfigError);
    expect((error as Error).message).toMatch(/Connect server URL (is not a URL|must start with https:\/\/)/);
    expect(leakedPieces((error as Error).message, value.toUpperCase())).toEqual([]);
    expect(leakedPieces((error as Error).message, value.toLowerCase())).toEqual([]);
  });

  it("still names a short scheme, which helps and cannot be a token", () => {
    expect(() => createConnectClient({ serverUrl: "ftp://example.com", token: TOKEN })).toThrow(
      "The Connect server URL must start with https:// or http:// (got ftp:).",
    );
  });
});

describe("a download that stalls or is cut fails with the client's own error and what to do", () => {
  const download = (
    handler: Parameters<typeof startTinyServer>[0],
    options: Partial<ConnectClientOptions> = {},
  ) =>
    startTinyServer(handler).then((server) => {
      tiny = server;
      return connect(server.url, options).getFileContent(VAULT, ITEM, FILE);
    });

  it("a body that stops arriving: ConnectTimeoutError through arrayBuffer()", async () => {
    const content = await download(
      (_request, response) => {
        response.writeHead(200, { "content-type": "application/octet-stream", "content-length": "10000" });
        response.write(Buffer.alloc(2000, 1));
      },
      { timeoutMs: 300 },
    );
    const error = (await content.arrayBuffer().catch((e: unknown) => e)) as ConnectTimeoutError;
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toMatch(
      new RegExp(
        `^The Connect server at ${tiny!.url} stopped sending its answer to GET /v1/vaults/.*/content for 0.3 s: check that it is running`,
      ),
    );
  });

  it("a body that stops arriving: ConnectTimeoutError while iterating the stream", async () => {
    const content = await download(
      (_request, response) => {
        response.writeHead(200, { "content-type": "application/octet-stream" });
        response.write(Buffer.alloc(2000, 1));
      },
      { timeoutMs: 300 },
    );
    let received = 0;
    const error = await (async () => {
      for await (const chunk of content.body) received += chunk.byteLength;
    })().catch((e: unknown) => e);
    expect(received).toBe(2000);
    expect(error).toBeInstanceOf(ConnectTimeoutError);
  });

  it("a connection cut half-way: ConnectNetworkError that says so", async () => {
    const content = await download((_request, response) => {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": "10000" });
      response.write(Buffer.alloc(2000, 1), () => setTimeout(() => response.socket?.destroy(), 20));
    });
    const error = (await content.arrayBuffer().catch((e: unknown) => e)) as ConnectNetworkError;
    expect(error).toBeInstanceOf(ConnectNetworkError);
    expect(error.message).toMatch(
      /^The connection to the Connect server at .* was lost while its answer to GET .* arrived \(.+\): check/,
    );
  });

  it("the caller's abort during the download stays an AbortError, not a failure", async () => {
    const controller = new AbortController();
    tiny = await startTinyServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.write(Buffer.alloc(100, 1));
    });
    const content = await connect(tiny.url).getFileContent(VAULT, ITEM, FILE, { signal: controller.signal });
    const reader = content.body.getReader();
    expect((await reader.read()).value?.byteLength).toBe(100);
    controller.abort();
    const error = (await reader.read().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AbortError");
  });
});

describe("one deadline bounds a call across its retries, and the message says which limit it hit", () => {
  async function developmentVault(server: ConnectServer): Promise<string> {
    const setup = createConnectClient({ serverUrl: server.url, token: server.token });
    const id = (await setup.listVaults({ filter: titleEquals("Development") }))[0]!.id;
    await setup.close();
    return id;
  }

  it("slow 503s are retried only while the call's deadline lasts: ConnectTimeoutError naming the whole-call limit", async () => {
    local = await startConnectServer({ port: 0, seed: "demo" });
    const vault = await developmentVault(local);
    local.setFaults({ latencyMs: 250, serverErrors: { count: 50 }, only: { method: "GET" } });
    const client = createConnectClient({
      serverUrl: local.url,
      token: local.token,
      timeoutMs: 2_000,
      deadlineMs: 700,
      maxRetries: 20,
      retryBaseDelayMs: 10,
    });
    const error = (await client.listItems(vault).catch((e: unknown) => e)) as ConnectTimeoutError;
    await client.close();
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toMatch(
      /did not answer GET \/v1\/vaults\/\w+\/items within the 0\.7 s a call may take in all \(\d attempts\): check that it is running/,
    );
    // Twenty retries of 250 ms each were allowed; the deadline stopped them after a few.
    expect(local.stats.faultsInjected.serverErrors).toBeLessThan(6);
  });

  it("a Retry-After longer than what is left of the deadline is not waited for: the wait is named", async () => {
    local = await startConnectServer({ port: 0, seed: "demo" });
    local.setFaults({ tooManyRequests: { count: 5, retryAfterSeconds: 3 } });
    const client = createConnectClient({ serverUrl: local.url, token: local.token, deadlineMs: 1_000 });
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectHttpError;
    await client.close();
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(
      /limiting requests .* The server asked to wait 3 s before the next request\.$/,
    );
    expect(local.stats.faultsInjected.tooManyRequests).toBe(1);
  });

  it("after its retries a failure says how many attempts were made and how long they took", async () => {
    local = await startConnectServer({ port: 0, seed: "demo" });
    local.setFaults({ serverErrors: { count: 10, status: 502 } });
    const client = createConnectClient({
      serverUrl: local.url,
      token: local.token,
      maxRetries: 2,
      retryBaseDelayMs: 5,
    });
    const error = (await client.listVaults().catch((e: unknown) => e)) as ConnectHttpError;
    await client.close();
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(
      /failed to answer GET \/v1\/vaults \(502 .*\): check .* Gave up after 3 attempts in [\d.]+ s\.$/,
    );
  });

  it("deadlineMs must be a positive number", () => {
    expect(() =>
      createConnectClient({ serverUrl: "http://127.0.0.1:9", token: TOKEN, deadlineMs: 0 }),
    ).toThrow(ConnectConfigError);
  });
});
