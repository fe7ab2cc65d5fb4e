// A small Connect-compatible server on loopback for these tests (vaults, items, fields, heartbeat, bearer auth),
// until they move to test/connect-server's startConnectServer.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface MiniConnect {
  url: string;
  token: string;
  requests: string[];
  close(): Promise<void>;
}

const vault = { id: "vvvvvvvvvvvvvvvvvvvvvvvvv1", name: "Development" };
export const demoItems = [
  {
    id: "iiiiiiiiiiiiiiiiiiiiiiiii1",
    title: "Postgres Staging",
    category: "DATABASE",
    vault: { id: vault.id },
    sections: [{ id: "conn", label: "Connection" }],
    fields: [
      { id: "username", type: "STRING", purpose: "USERNAME", label: "username", value: "app" },
      {
        id: "password",
        type: "CONCEALED",
        purpose: "PASSWORD",
        label: "password",
        value: "s3cr3t-value-never-shown",
      },
      { id: "host", type: "STRING", label: "host", value: "db.internal", section: { id: "conn" } },
    ],
  },
  {
    id: "iiiiiiiiiiiiiiiiiiiiiiiii2",
    title: "Stripe: live key",
    category: "API_CREDENTIAL",
    vault: { id: vault.id },
    fields: [{ id: "credential", type: "CONCEALED", label: "credential", value: "sk_live_never" }],
  },
];

export async function startMiniConnect(token = "mini-connect-token-0123456789"): Promise<MiniConnect> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "";
    requests.push(`${req.method} ${path}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "1Password-Connect-Version": "1.7.1" });
      res.end(JSON.stringify(body));
    };
    if (path === "/heartbeat") return res.end(".");
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, { status: 401, message: "Invalid bearer token" });
    const summary = ({
      fields: _f,
      sections: _s,
      ...rest
    }: (typeof demoItems)[number] & { sections?: unknown }) => rest;
    if (/^\/v1\/vaults\/?(\?.*)?$/.test(path)) return send(200, [vault]);
    if (path === `/v1/vaults/${vault.id}`) return send(200, vault);
    if (path.startsWith(`/v1/vaults/${vault.id}/items`)) {
      const itemId = path.split("?")[0]!.split("/")[5];
      if (!itemId) return send(200, demoItems.map(summary));
      const item = demoItems.find((i) => i.id === itemId);
      return item ? send(200, item) : send(404, { status: 404, message: `item ${itemId} not found` });
    }
    return send(404, { status: 404, message: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const demoVault = vault;
