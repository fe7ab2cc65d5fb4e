// A small Connect-compatible server on loopback for these tests (vaults, items, fields, heartbeat, bearer auth,
// POST items with generated values, injected failures), until they move to test/connect-server's startConnectServer.
import { randomInt } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface MiniVault {
  id: string;
  name: string;
}

/** A Connect item as the server keeps it: full, with field values. */
export interface MiniItem {
  id: string;
  title: string;
  category: string;
  vault: { id: string };
  sections?: { id: string; label?: string }[];
  fields: {
    id: string;
    type: string;
    label?: string;
    purpose?: string;
    value?: string;
    section?: { id: string };
  }[];
  [key: string]: unknown;
}

export interface MiniConnectOptions {
  /** Default: the one vault "Development". */
  vaults?: MiniVault[];
  /** Default: demoItems. */
  items?: MiniItem[];
}

export interface MiniConnect {
  url: string;
  token: string;
  /** `METHOD /path?query` of every request, in order. */
  requests: string[];
  /** The items the server holds now (created ones included). */
  items: MiniItem[];
  /** The bodies of POST …/items as sent, before the server filled in IDs and generated values. */
  created: unknown[];
  /** From now on answers `status` with `message` to every /v1 request `match` accepts (all when omitted); undefined stops. */
  failWith(
    failure:
      { status: number; message: string; match?: (method: string, path: string) => boolean } | undefined,
  ): void;
  /** Delays every /v1 answer by `ms` from now on (0: none), so a test can act while requests are in flight. */
  setLatency(ms: number): void;
  /** The most /v1 requests the server was answering at once since it started or resetPeakInFlight(). */
  readonly peakInFlight: number;
  resetPeakInFlight(): void;
  close(): Promise<void>;
}

const vault: MiniVault = { id: "vvvvvvvvvvvvvvvvvvvvvvvvv1", name: "Development" };
export const demoItems: MiniItem[] = [
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

/** Connect's generator sets (the spec's LETTERS, DIGITS, SYMBOLS). */
export const connectCharacterSets = {
  LETTERS: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  DIGITS: "0123456789",
  SYMBOLS: "!#$%&()*+,-./:;<=>?@[]^_{|}~",
} as const;

export async function startMiniConnect(
  token = "mini-connect-token-0123456789",
  options: MiniConnectOptions = {},
): Promise<MiniConnect> {
  const requests: string[] = [];
  const vaults = options.vaults ?? [vault];
  const items: MiniItem[] = structuredClone(options.items ?? demoItems);
  const created: unknown[] = [];
  let failure: Parameters<MiniConnect["failWith"]>[0];
  let latency = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? "";
      const method = req.method ?? "GET";
      requests.push(`${method} ${path}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "1Password-Connect-Version": "1.7.1" });
        res.end(JSON.stringify(body));
      };
      if (path === "/heartbeat") return res.end(".");
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      res.on("close", () => inFlight--);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      if (req.headers.authorization !== `Bearer ${token}`)
        return send(401, { status: 401, message: "Invalid bearer token" });
      if (failure && (!failure.match || failure.match(method, path)))
        return send(failure.status, { status: failure.status, message: failure.message });

      const [, v1, root, vaultId, collection, itemId] = path.split("?")[0]!.split("/");
      if (v1 !== "v1" || root !== "vaults") return send(404, { status: 404, message: "not found" });
      if (!vaultId) return send(200, vaults);
      const found = vaults.find((v) => v.id === vaultId);
      if (!found) return send(404, { status: 404, message: `vault ${vaultId} not found` });
      if (!collection) return send(200, found);
      if (collection !== "items") return send(404, { status: 404, message: "not found" });
      const inVault = items.filter((i) => i.vault.id === vaultId);
      if (method === "POST" && !itemId) {
        const body = await readJson(req);
        created.push(structuredClone(body));
        const item = fillIn(body as MiniItem, vaultId);
        items.push(item);
        return send(200, item);
      }
      if (!itemId)
        return send(
          200,
          inVault.map(({ fields: _f, sections: _s, ...summary }) => summary),
        );
      const item = inVault.find((i) => i.id === itemId);
      return item ? send(200, item) : send(404, { status: 404, message: `item ${itemId} not found` });
    })().catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: 500, message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    items,
    created,
    failWith: (next) => {
      failure = next;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    resetPeakInFlight: () => {
      peakInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** What Connect does with a new item: IDs for the item and its fields, values for fields that ask to be generated. */
function fillIn(input: MiniItem, vaultId: string): MiniItem {
  const fields = (input.fields ?? []).map((field) => {
    const { generate, recipe, ...rest } = field as typeof field & {
      generate?: boolean;
      recipe?: { length?: number; characterSets?: (keyof typeof connectCharacterSets)[] };
    };
    const id = rest.id ?? (rest.purpose === "PASSWORD" ? "password" : newId());
    const value = rest.value ?? (generate ? generateValue(recipe ?? {}) : undefined);
    return { ...rest, id, ...(value !== undefined ? { value } : {}) };
  });
  const now = new Date().toISOString();
  return {
    ...input,
    id: newId(),
    vault: { id: vaultId },
    fields,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function generateValue(recipe: {
  length?: number;
  characterSets?: (keyof typeof connectCharacterSets)[];
}): string {
  const sets = recipe.characterSets?.length
    ? recipe.characterSets
    : (["LETTERS", "DIGITS", "SYMBOLS"] as const);
  const pool = sets.map((name) => connectCharacterSets[name]).join("");
  return Array.from({ length: recipe.length ?? 32 }, () => pool[randomInt(pool.length)]).join("");
}

function newId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: 26 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

export const demoVault = vault;
