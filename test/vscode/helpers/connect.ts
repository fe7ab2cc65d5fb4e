// Starts the project's Connect server (test/connect-server) on loopback for the VS Code tests, seeded with the
// Development vault they read, and records what reached it: requests in order, item bodies sent and stored.
import {
  startConnectServer,
  type ConnectServer,
  type ResponseEvent,
  type ScopedToken,
  type SeedObject,
} from "../../connect-server/server.js";

export const developmentVault = { id: "vvvvvvvvvvvvvvvvvvvvvvvvv1", name: "Development" };

/** A database login with a section, and an item whose title a reference cannot hold (a colon). */
export const developmentSeed: SeedObject = {
  vaults: [
    {
      ...developmentVault,
      items: [
        {
          id: "iiiiiiiiiiiiiiiiiiiiiiiii1",
          title: "Postgres Staging",
          category: "DATABASE",
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
          fields: [{ id: "credential", type: "CONCEALED", label: "credential", value: "sk_live_never" }],
        },
      ],
    },
  ],
};

/** A full item as the server answers it (GET …/items/{id}, or POST …/items). */
export interface ConnectItem {
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
    entropy?: number;
    section?: { id: string };
  }[];
  [key: string]: unknown;
}

export interface TestConnect extends ConnectServer {
  /** `METHOD /path?query` of every request answered since the start or clearRequests(), in order. */
  requests(): string[];
  /** Requests received (answered or not, heartbeat included) since the start or clearRequests(). */
  requestsReceived(): number;
  clearRequests(): void;
  /**
   * The JSON bodies of POST …/items as the extension sent them, since the start or clearRequests(); a POST
   * refused before its body was read (401, 403, an injected fault) has none.
   */
  sentItems(): unknown[];
  /** What the server answered to those POSTs: the items as stored, generated values included. */
  createdItems(): ConnectItem[];
  /** Every item the server holds now, read through its API with the full token (reads not recorded). */
  storedItems(): Promise<ConnectItem[]>;
  /** Starts counting the most requests in flight at once (stats.peakRequestsInFlight) afresh. */
  resetPeakInFlight(): void;
}

export interface TestConnectOptions {
  token?: string;
  seed?: SeedObject;
  scopedTokens?: ScopedToken[];
}

export async function startTestConnect(options: TestConnectOptions = {}): Promise<TestConnect> {
  let events: ResponseEvent[] = [];
  const server = await startConnectServer({
    host: "127.0.0.1",
    port: 0,
    token: options.token ?? "vscode-test-token-0123456789",
    seed: options.seed ?? developmentSeed,
    scopedTokens: options.scopedTokens,
    onResponse: (event) => events.push(event),
  });
  let receivedBefore = 0;
  const itemPosts = () =>
    events.filter((e) => e.method === "POST" && /^\/v1\/vaults\/\w+\/items$/.test(e.url.split("?")[0]!));

  async function readStoredItems(): Promise<ConnectItem[]> {
    const kept = events.length;
    const get = async <T>(path: string): Promise<T> => {
      // The helper's own reads are not the extension's: they leave neither count changed.
      receivedBefore++;
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
      return (await response.json()) as T;
    };
    try {
      const items: ConnectItem[] = [];
      for (const vault of await get<{ id: string }[]>("/v1/vaults")) {
        for (const summary of await get<{ id: string }[]>(`/v1/vaults/${vault.id}/items`)) {
          items.push(await get<ConnectItem>(`/v1/vaults/${vault.id}/items/${summary.id}`));
        }
      }
      return items;
    } finally {
      events.splice(kept);
    }
  }

  return Object.assign(server, {
    requests: () => events.map((e) => `${e.method} ${e.url}`),
    requestsReceived: () => server.stats.requestsTotal - receivedBefore,
    clearRequests: () => {
      events = [];
      receivedBefore = server.stats.requestsTotal;
    },
    sentItems: () => itemPosts().flatMap((e) => ("requestBody" in e ? [e.requestBody] : [])),
    createdItems: () =>
      itemPosts()
        .filter((e) => e.status === 200)
        .map((e) => JSON.parse(e.body.toString("utf8")) as ConnectItem),
    storedItems: readStoredItems,
    resetPeakInFlight: () => {
      server.stats.peakRequestsInFlight = server.stats.requestsInFlight;
    },
  });
}
