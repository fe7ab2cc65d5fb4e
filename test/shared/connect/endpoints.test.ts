// What each method sends and how it reads the answer, against a loopback server that plays Connect's exact replies.
import { afterEach, describe, expect, it } from "vitest";
import { ConnectHttpError, createConnectClient, type ConnectClient } from "@op-bridge/shared";
import {
  FILE,
  ITEM,
  TOKEN,
  VAULT,
  sendJson,
  startTinyServer,
  type Handler,
  type TinyServer,
} from "./tinyServer.js";

let server: TinyServer | undefined;
let client: ConnectClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

async function setUp(handler: Handler) {
  server = await startTinyServer(handler);
  client = createConnectClient({ serverUrl: server.url, token: TOKEN, maxRetries: 0 });
  return { server, client };
}

const full = {
  id: ITEM,
  title: "Mail",
  vault: { id: VAULT },
  category: "LOGIN",
  fields: [{ id: "password", type: "CONCEALED", purpose: "PASSWORD", value: "hunter2" }],
};

describe("requests", () => {
  it("sends the bearer token, asks for JSON and reads the Connect version header", async () => {
    const { server, client } = await setUp((_req, res) => sendJson(res, 200, full));
    expect(client.serverVersion).toBeUndefined();
    await client.getItem(VAULT, ITEM);
    const seen = server.requests[0]!;
    expect(seen.method).toBe("GET");
    expect(seen.url).toBe(`/v1/vaults/${VAULT}/items/${ITEM}`);
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.headers.accept).toBe("application/json");
    expect(client.serverVersion).toBe("1.7.1");
  });

  it("create, replace, patch and delete send the right method, path and body", async () => {
    const { server, client } = await setUp((req, res) =>
      req.method === "DELETE" ? (res.writeHead(204), res.end()) : sendJson(res, 200, full),
    );
    await client.createItem(VAULT, {
      title: "Mail",
      category: "LOGIN",
      fields: [{ type: "CONCEALED", generate: true }],
    });
    await client.replaceItem(VAULT, ITEM, { title: "Mail 2", category: "LOGIN" });
    await client.patchItem(VAULT, ITEM, [{ op: "replace", path: "/favorite", value: true }]);
    await expect(client.deleteItem(VAULT, ITEM)).resolves.toBeUndefined();
    const [create, replace, patch, remove] = server.requests;
    expect([create!.method, create!.url]).toEqual(["POST", `/v1/vaults/${VAULT}/items`]);
    expect(JSON.parse(create!.body)).toEqual({
      title: "Mail",
      category: "LOGIN",
      fields: [{ type: "CONCEALED", generate: true }],
      vault: { id: VAULT },
    });
    expect(create!.headers["content-type"]).toBe("application/json");
    expect([replace!.method, replace!.url]).toEqual(["PUT", `/v1/vaults/${VAULT}/items/${ITEM}`]);
    expect(JSON.parse(replace!.body)).toMatchObject({ id: ITEM, vault: { id: VAULT }, title: "Mail 2" });
    expect([patch!.method, JSON.parse(patch!.body)]).toEqual([
      "PATCH",
      [{ op: "replace", path: "/favorite", value: true }],
    ]);
    expect([remove!.method, remove!.url]).toEqual(["DELETE", `/v1/vaults/${VAULT}/items/${ITEM}`]);
  });

  it("asks for inline file content with inline_files=true", async () => {
    const file = { id: FILE, name: "key.pem", size: 3, content: "YWJj" };
    const { server, client } = await setUp((req, res) =>
      sendJson(res, 200, req.url.includes("/files/") ? file : [file]),
    );
    expect(await client.listFiles(VAULT, ITEM, { inlineContent: true })).toEqual([file]);
    expect(await client.getFile(VAULT, ITEM, FILE, { inlineContent: true })).toEqual(file);
    await client.listFiles(VAULT, ITEM);
    expect(server.requests.map((r) => r.url)).toEqual([
      `/v1/vaults/${VAULT}/items/${ITEM}/files?inline_files=true`,
      `/v1/vaults/${VAULT}/items/${ITEM}/files/${FILE}?inline_files=true`,
      `/v1/vaults/${VAULT}/items/${ITEM}/files`,
    ]);
  });

  it("streams file content and names it from Content-Disposition", async () => {
    const bytes = Buffer.alloc(300_000, 7);
    const { client } = await setUp((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
        "content-disposition": 'attachment; filename="id_ed25519 (work).pem"',
      });
      res.write(bytes.subarray(0, 100_000));
      setTimeout(() => res.end(bytes.subarray(100_000)), 20);
    });
    const content = await client.getFileContent(VAULT, ITEM, FILE);
    expect(content.name).toBe("id_ed25519 (work).pem");
    expect(content.contentType).toBe("application/octet-stream");
    expect(content.size).toBe(bytes.length);
    let received = 0;
    for await (const chunk of content.body) received += chunk.byteLength;
    expect(received).toBe(bytes.length);
  });

  it("reads a UTF-8 filename* and gives the whole content through arrayBuffer()", async () => {
    const { client } = await setUp((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="plain.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`,
      });
      res.end("hello");
    });
    const content = await client.getFileContent(VAULT, ITEM, FILE);
    expect(content.name).toBe("résumé.txt");
    expect(Buffer.from(await content.arrayBuffer()).toString()).toBe("hello");
  });

  it("lists activity with the Content-Range total", async () => {
    const { server, client } = await setUp((_req, res) =>
      sendJson(res, 200, [{ requestId: "r1", action: "READ", result: "SUCCESS" }], {
        "content-range": "11-11/1134",
      }),
    );
    const page = await client.listActivity({ limit: 1, offset: 10 });
    expect(page).toEqual({ activity: [{ requestId: "r1", action: "READ", result: "SUCCESS" }], total: 1134 });
    expect(server.requests[0]!.url).toBe("/v1/activity?limit=1&offset=10");
  });

  it("heartbeat, health and metrics sit at the server's root", async () => {
    const { server, client } = await setUp((req, res) => {
      if (req.url === "/heartbeat") return res.end(".");
      if (req.url === "/metrics") return res.end("# HELP x\nx 1\n");
      sendJson(res, 200, { name: "1Password Connect API", version: "1.7.1", dependencies: [] });
    });
    expect(await client.heartbeat()).toBe(".");
    expect((await client.health()).version).toBe("1.7.1");
    expect(await client.metrics()).toContain("x 1");
    expect(server.requests.map((r) => r.url)).toEqual(["/heartbeat", "/health", "/metrics"]);
  });
});

describe("error messages say what to do", () => {
  const cases: [string, number, string, () => Promise<unknown>, RegExp][] = [
    [
      "403 names the vault",
      403,
      `Authorization: token does not have access to vault ${VAULT}`,
      () => client!.listItems(VAULT),
      new RegExp(
        `^This token has no access to vault ${VAULT} on http://127\\.0\\.0\\.1:\\d+: give the Connect token access`,
      ),
    ],
    [
      "404 names the item",
      404,
      `item ${ITEM} not found`,
      () => client!.getItem(VAULT, ITEM),
      new RegExp(`^The item ${ITEM} was not found in vault ${VAULT}`),
    ],
    [
      "404 names the vault",
      404,
      `vault ${VAULT} not found`,
      () => client!.getItem(VAULT, ITEM),
      new RegExp(`^The vault ${VAULT} was not found`),
    ],
    [
      "404 names the file",
      404,
      `file ${FILE} not found`,
      () => client!.getFile(VAULT, ITEM, FILE),
      new RegExp(`^The file ${FILE} was not found in item ${ITEM}`),
    ],
    [
      "413 points to the content endpoint",
      413,
      "File is too large to inline in request. Use the /v1/vaults/{vaultUUID}/items/{itemUUID}/files/{fileUUID}/content endpoint instead.",
      () => client!.getFile(VAULT, ITEM, FILE, { inlineContent: true }),
      /too large to inline.*getFileContent/,
    ],
    [
      "400 repeats the server's reason",
      400,
      "Invalid item category",
      () => client!.createItem(VAULT, { category: "LOGIN" }),
      /refused POST \/v1\/vaults\/\w+\/items \(Invalid item category\)/,
    ],
  ];

  it.each(cases)("%s", async (_name, status, message, call, expected) => {
    await setUp((_req, res) => sendJson(res, status, { status, message }));
    const error = (await call().catch((e: unknown) => e)) as ConnectHttpError;
    expect(error).toBeInstanceOf(ConnectHttpError);
    expect(error.status).toBe(status);
    expect(error.serverMessage).toBe(message);
    expect(error.message).toMatch(expected);
  });

  it("a server that is not Connect is named as such", async () => {
    const { client } = await setUp((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>router login</html>");
    });
    await expect(client.listVaults()).rejects.toThrow(
      /not JSON: check that the URL points at a 1Password Connect server/,
    );
  });
});

describe("file downloads", () => {
  async function steadyServer() {
    server = await startTinyServer((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-disposition": 'attachment; filename="a.bin"',
      });
      let sent = 0;
      const tick = setInterval(() => {
        if (res.destroyed) return clearInterval(tick);
        res.write(Buffer.alloc(1000, 1));
        if (++sent === 6) {
          clearInterval(tick);
          res.end();
        }
      }, 100);
    });
    return server;
  }

  it("a steady download longer than the timeout is not cut off", async () => {
    const { url } = await steadyServer();
    client = createConnectClient({ serverUrl: url, token: TOKEN, timeoutMs: 350 });
    const content = await client.getFileContent(VAULT, ITEM, FILE);
    expect((await content.arrayBuffer()).byteLength).toBe(6000);
  });

  it("the caller's signal still ends a download in progress", async () => {
    const { url } = await steadyServer();
    client = createConnectClient({ serverUrl: url, token: TOKEN });
    const controller = new AbortController();
    const content = await client.getFileContent(VAULT, ITEM, FILE, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const error = (await content.arrayBuffer().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("AbortError");
  });
});
