// A small Connect-compatible server on loopback for the Raycast tests (vaults, items, fields, OTP, POST items,
// bearer auth, injected failures), until they move to test/connect-server's startConnectServer.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A Connect item as the server keeps it: full, with field values. */
export interface StubItem {
  id: string;
  title: string;
  category: string;
  urls?: { href: string; primary?: boolean }[];
  favorite?: boolean;
  sections?: { id: string; label?: string }[];
  fields?: {
    id: string;
    type: string;
    label?: string;
    purpose?: string;
    value?: string;
    totp?: string;
    section?: { id: string };
  }[];
  createdAt?: string;
  updatedAt?: string;
}

export interface StubVault {
  id: string;
  name: string;
  items: StubItem[];
}

export interface StubConnect {
  url: string;
  token: string;
  /** `METHOD /path` of every request, in order. */
  requests: string[];
  /** The bodies of POST …/items as sent. */
  created: unknown[];
  vaults: StubVault[];
  /** Every /v1 request answers `status` with `message` until called with undefined. */
  failWith(failure: { status: number; message: string } | undefined): void;
  close(): Promise<void>;
}

const newId = () => [...randomBytes(26)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Summary shape of GET …/items: no fields or sections, as Connect answers. */
function summarize(item: StubItem, vaultId: string) {
  const { fields: _fields, sections: _sections, ...rest } = item;
  return { ...rest, vault: { id: vaultId } };
}

export async function startStubConnect(options: {
  token: string;
  vaults: StubVault[];
}): Promise<StubConnect> {
  const vaults = options.vaults.map((v) => ({ ...v, items: [...v.items] }));
  const requests: string[] = [];
  const created: unknown[] = [];
  let failure: { status: number; message: string } | undefined;

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0] ?? "";
      requests.push(`${req.method} ${path}`);
      res.setHeader("content-type", "application/json");
      res.setHeader("1Password-Connect-Version", "1.7.1");
      const answer = (status: number, body: unknown) => {
        res.statusCode = status;
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        return answer(401, { status: 401, message: "Invalid bearer token" });
      }
      if (failure) return answer(failure.status, failure);
      const parts = path.split("/").filter(Boolean); // v1, vaults, {v}, items, {i}
      if (parts[0] !== "v1" || parts[1] !== "vaults")
        return answer(404, { status: 404, message: "Not found" });
      if (parts.length === 2)
        return answer(
          200,
          vaults.map(({ id, name }) => ({ id, name })),
        );
      const vault = vaults.find((v) => v.id === parts[2]);
      if (!vault) return answer(404, { status: 404, message: `vault ${parts[2]} not found` });
      if (parts.length === 3) return answer(200, { id: vault.id, name: vault.name });
      if (parts.length === 4 && req.method === "POST") {
        const body = JSON.parse(await readBody(req)) as StubItem;
        created.push(body);
        const now = new Date().toISOString();
        const item: StubItem = {
          ...body,
          id: newId(),
          createdAt: now,
          updatedAt: now,
          fields: (body.fields ?? []).map((f) => ({ ...f, id: f.id ?? newId() })),
        };
        vault.items.push(item);
        return answer(200, { ...item, vault: { id: vault.id } });
      }
      if (parts.length === 4)
        return answer(
          200,
          vault.items.map((i) => summarize(i, vault.id)),
        );
      const item = vault.items.find((i) => i.id === parts[4]);
      if (!item) return answer(404, { status: 404, message: `item ${parts[4]} not found` });
      return answer(200, { ...item, vault: { id: vault.id } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    requests,
    created,
    vaults,
    failWith: (next) => {
      failure = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
