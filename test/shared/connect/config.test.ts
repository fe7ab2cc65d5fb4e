// Settings and arguments refused before anything is sent: URLs, plain http, IDs, tokens, filter values.
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ConnectConfigError,
  connectionFromEnvironment,
  createConnectClient,
  nameEquals,
  tagEquals,
  titleContains,
  titleEquals,
  type ConnectClient,
} from "@op-bridge/shared";
import { FILE, ITEM, TOKEN, VAULT, sendJson, startTinyServer, type TinyServer } from "./tinyServer.js";

let server: TinyServer | undefined;
let client: ConnectClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

describe("server URL", () => {
  it.each(["http://connect.example.com:8080", "http://10.0.0.5:8080", "http://[2001:db8::1]:8080"])(
    "refuses plain http to another machine (%s): the token would travel in clear text",
    (serverUrl) => {
      expect(() => createConnectClient({ serverUrl, token: TOKEN })).toThrow(ConnectConfigError);
      expect(() => createConnectClient({ serverUrl, token: TOKEN })).toThrow(/clear text.*allowInsecureHttp/);
    },
  );

  it.each([
    "http://localhost:8080",
    "http://127.0.0.1:8080",
    "http://[::1]:8080",
    "https://connect.example.com",
  ])("accepts %s", async (serverUrl) => {
    const c = createConnectClient({ serverUrl, token: TOKEN });
    await c.close();
  });

  it("accepts plain http to another host when explicitly allowed", async () => {
    const c = createConnectClient({
      serverUrl: "http://connect.lan:8080",
      token: TOKEN,
      allowInsecureHttp: true,
    });
    expect(c.serverUrl).toBe("http://connect.lan:8080");
    await c.close();
  });

  it.each([
    "connect.example.com",
    "ftp://x.example.com",
    "https://user:pw@x.example.com",
    "https://x.example.com/?a=1",
  ])("refuses %s", (serverUrl) => {
    expect(() => createConnectClient({ serverUrl, token: TOKEN })).toThrow(ConnectConfigError);
  });

  it("takes the spec's URL ending in /v1, and a path prefix behind a proxy", async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, []));
    for (const suffix of ["/v1", "/v1/", "/", ""]) {
      const c = createConnectClient({ serverUrl: server.url + suffix, token: TOKEN });
      await c.listVaults();
      await c.close();
    }
    const prefixed = createConnectClient({ serverUrl: `${server.url}/connect/`, token: TOKEN });
    await prefixed.listVaults();
    await prefixed.heartbeat();
    await prefixed.close();
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/vaults",
      "/v1/vaults",
      "/v1/vaults",
      "/v1/vaults",
      "/connect/v1/vaults",
      "/connect/heartbeat",
    ]);
  });
});

describe("token", () => {
  it.each(["", "   ", "abc def", "abc\r\nX-Evil: 1"])("refuses %j without echoing it", (token) => {
    let error: unknown;
    try {
      createConnectClient({ serverUrl: "http://localhost:8080", token });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectConfigError);
    if (token.trim()) expect((error as Error).message).not.toContain(token.trim());
  });

  it("trims a pasted trailing newline", async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, []));
    client = createConnectClient({ serverUrl: server.url, token: `${TOKEN}\n` });
    await client.listVaults();
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("IDs are checked before a URL is built", () => {
  it("refuses malformed vault, item and file IDs without sending anything", async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, {}));
    client = createConnectClient({ serverUrl: server.url, token: TOKEN });
    const c = client;
    const attempts: [() => Promise<unknown>, RegExp][] = [
      [() => c.getVault("../../admin"), /"\.\.\/\.\.\/admin" is not a valid vault ID/],
      [() => c.listItems("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), /not a valid vault ID/],
      [() => c.getItem(VAULT, `${ITEM}?x=1`), /not a valid item ID/],
      [() => c.deleteItem(VAULT, "short"), /not a valid item ID/],
      [() => c.getFile(VAULT, ITEM, "../content"), /not a valid file ID/],
      [() => c.getFileContent(VAULT, ITEM, `${FILE}/`), /not a valid file ID/],
      [() => c.getItems("nope"), /not a valid vault ID/],
      [() => c.patchItem(VAULT, ITEM, [{ op: "move", path: "/a" } as never]), /add, remove and replace/],
      [() => c.listActivity({ limit: -1 }), /limit must be/],
      [() => c.createItem(VAULT, { category: "CUSTOM" }), /CUSTOM/],
      [() => c.listItems(VAULT, { filter: `title eq "O'Brien"` }), /single quote/],
    ];
    for (const [attempt, message] of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectConfigError);
      expect((error as Error).name).toBe("ConnectConfigError");
      expect((error as Error).message).toMatch(message);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("filters", () => {
  it("builds SCIM filters", () => {
    expect(titleEquals("Work Mail")).toBe('title eq "Work Mail"');
    expect(titleContains("mail")).toBe('title co "mail"');
    expect(tagEquals("banking")).toBe('tag eq "banking"');
    expect(nameEquals("Dev Vault")).toBe('name eq "Dev Vault"');
  });

  it.each([`O'Brien`, `say "hi"`, `back\\slash`, "line\nbreak"])(
    "refuses %j instead of sending it",
    (value) => {
      for (const build of [titleEquals, titleContains, tagEquals, nameEquals]) {
        expect(() => build(value)).toThrow(ConnectConfigError);
        expect(() => build(value)).toThrow(/filter.*locally/);
      }
    },
  );

  it("every accepted value round-trips inside the quotes unchanged", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        let filter: string;
        try {
          filter = titleEquals(value);
        } catch (error) {
          expect(error).toBeInstanceOf(ConnectConfigError);
          // eslint-disable-next-line no-control-regex -- control characters are among the refused values
          expect(/['"\\\u0000-\u001f\u007f]/.test(value)).toBe(true);
          return;
        }
        expect(filter).toBe(`title eq "${value}"`);
      }),
    );
  });

  it("sends a filter URL-encoded", async () => {
    server = await startTinyServer((_req, res) => sendJson(res, 200, []));
    client = createConnectClient({ serverUrl: server.url, token: TOKEN });
    await client.listItems(VAULT, { filter: titleEquals("Mail & more") });
    await client.listVaults({ filter: nameEquals("Dev") });
    const urls = server.requests.map((r) => new URL(r.url, server!.url));
    expect(urls[0]!.searchParams.get("filter")).toBe('title eq "Mail & more"');
    expect(urls[1]!.searchParams.get("filter")).toBe('name eq "Dev"');
  });
});

describe("connectionFromEnvironment", () => {
  it("reads OP_CONNECT_HOST and OP_CONNECT_TOKEN", () => {
    expect(
      connectionFromEnvironment({ OP_CONNECT_HOST: "http://localhost:8080", OP_CONNECT_TOKEN: " t0k " }),
    ).toEqual({
      serverUrl: "http://localhost:8080",
      token: "t0k",
    });
    expect(connectionFromEnvironment({ OP_CONNECT_HOST: "localhost:8080", OP_CONNECT_TOKEN: "t" })).toEqual({
      serverUrl: "http://localhost:8080",
      token: "t",
    });
  });

  it("answers undefined unless both are set", () => {
    expect(connectionFromEnvironment({})).toBeUndefined();
    expect(connectionFromEnvironment({ OP_CONNECT_HOST: "http://localhost:8080" })).toBeUndefined();
    expect(connectionFromEnvironment({ OP_CONNECT_HOST: " ", OP_CONNECT_TOKEN: "t" })).toBeUndefined();
  });
});
