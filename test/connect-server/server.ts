// The local Connect-compatible server: node:http on loopback, bearer tokens, in-memory store, injectable faults.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ActivityLog } from "./activity.js";
import { ApiError } from "./errors.js";
import { FaultInjector, type FaultCounts, type Faults } from "./faults.js";
import { DEFAULT_MAX_INLINE_KB } from "./files.js";
import { CONNECT_VERSION, errorReply, readJsonBody, type Reply } from "./http.js";
import { formatMetrics } from "./metrics.js";
import { describeHealth, routeApiRequest, routeRootRequest, type TokenGrant } from "./routes.js";
import { populateStore, readSeed, type SeedOption } from "./seed.js";
import { ConnectStore } from "./store.js";

export type { Faults, FaultScope } from "./faults.js";
export type { SeedObject } from "./types.js";
export { SeedError } from "./seed.js";

export interface ConnectServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The token that can reach every vault; generated when absent. */
  token?: string;
  /**
   * Tokens limited to some vaults (by ID or name), so 403 can be tested; `readOnly` ones read but cannot
   * create, change or delete items (a Connect token given read access only).
   */
  scopedTokens?: ScopedToken[];
  seed?: SeedOption;
  faults?: Faults;
  /** OP_MAX_INLINE_FILE_SIZE_KB of a real server; default 100. */
  maxInlineFileSizeKb?: number;
  /** Sees every answer as it is written (tests validate them against the OpenAPI document). */
  onResponse?: (event: ResponseEvent) => void;
}

export interface ScopedToken {
  token: string;
  vaults: string[];
  readOnly?: boolean;
}

export interface ResponseEvent {
  method: string;
  /** The request path with its query. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The connection was cut after part of this body (a dropConnections fault). */
  dropped: boolean;
  /** The request's JSON body as the endpoint read it (POST, PUT, PATCH); absent when none was read. */
  requestBody?: unknown;
}

/** Live counters: read them any time (structuredClone gives a snapshot). */
export interface ServerStats {
  requestsByMethod: Record<string, number>;
  requestsTotal: number;
  /** Requests received and not yet answered (or abandoned), and the most there were at once. */
  requestsInFlight: number;
  peakRequestsInFlight: number;
  responsesByStatus: Record<string, number>;
  openConnections: number;
  peakOpenConnections: number;
  connectionsTotal: number;
  faultsInjected: FaultCounts;
}

export interface ConnectServer {
  url: string;
  token: string;
  stats: ServerStats;
  /** Replaces the faults (and resets their counts); `{}` turns them off. */
  setFaults(faults: Faults): void;
  /**
   * Changes a token's access from now on, as editing or revoking it in 1Password does: `vaults` absent
   * reaches every vault, `[]` none. A token the server does not know yet is added.
   */
  setTokenAccess(token: string, access: Omit<ScopedToken, "token" | "vaults"> & { vaults?: string[] }): void;
  close(): Promise<void>;
}

export async function startConnectServer(options: ConnectServerOptions = {}): Promise<ConnectServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`port ${port} is not a port number`);
  const maxInlineKb = options.maxInlineFileSizeKb ?? DEFAULT_MAX_INLINE_KB;
  if (!(Number.isFinite(maxInlineKb) && maxInlineKb >= 0))
    throw new RangeError("maxInlineFileSizeKb must be a number of kilobytes, 0 or more");

  const store = new ConnectStore();
  const { seed, source } = await readSeed(options.seed);
  populateStore(store, seed, source);

  const token = options.token ?? randomBytes(24).toString("base64url");
  const grants = createGrants(token, options.scopedTokens ?? [], store);
  const stats: ServerStats = {
    requestsByMethod: {},
    requestsTotal: 0,
    requestsInFlight: 0,
    peakRequestsInFlight: 0,
    responsesByStatus: {},
    openConnections: 0,
    peakOpenConnections: 0,
    connectionsTotal: 0,
    faultsInjected: { tooManyRequests: 0, serverErrors: 0, droppedConnections: 0 },
  };
  const faults = new FaultInjector(options.faults, stats.faultsInjected);
  const deps = { store, activity: new ActivityLog(), maxInlineBytes: maxInlineKb * 1024 };
  const metrics = () => {
    const vaults = store.listVaults();
    const items = vaults.reduce((sum, vault) => sum + store.countItems(vault.id), 0);
    return formatMetrics(stats, { vaults: vaults.length, items });
  };

  async function answer(request: IncomingMessage, read: { body?: unknown }): Promise<Reply> {
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://connect.invalid");
    const segments = url.pathname.split("/").filter((s) => s !== "");
    if (segments[0] !== "v1") return routeRootRequest(method, segments, metrics, describeHealth);
    const grant = grants.get(readBearer(request.headers.authorization) ?? "");
    if (!grant) return errorReply(401, "Invalid bearer token");
    return routeApiRequest(
      {
        method,
        segments,
        query: url.searchParams,
        readBody: async () => (read.body = await readJsonBody(request)),
        grant,
        userAgent: request.headers["user-agent"] ?? "",
        requestIp: request.socket.remoteAddress ?? "",
      },
      deps,
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    stats.requestsTotal++;
    stats.requestsByMethod[method] = (stats.requestsByMethod[method] ?? 0) + 1;
    stats.requestsInFlight++;
    stats.peakRequestsInFlight = Math.max(stats.peakRequestsInFlight, stats.requestsInFlight);
    response.once("close", () => stats.requestsInFlight--);
    const path = (request.url ?? "/").split("?")[0]!;
    const latency = faults.latencyFor(method, path);
    if (latency > 0) await delay(latency);
    const fault = faults.take(method, path);
    let reply: Reply;
    const read: { body?: unknown } = {};
    if (fault.kind === "status") {
      reply = errorReply(fault.status, fault.message, fault.headers);
      request.resume();
    } else {
      try {
        reply = await answer(request, read);
      } catch (error) {
        reply =
          error instanceof ApiError
            ? errorReply(error.status, error.message)
            : errorReply(500, "Internal Server Error");
        if (!(error instanceof ApiError)) process.stderr.write(`connect-server: ${String(error)}\n`);
      }
    }
    write(request, response, reply, fault.kind === "drop", read.body);
  }

  function write(
    request: IncomingMessage,
    response: ServerResponse,
    reply: Reply,
    drop: boolean,
    requestBody?: unknown,
  ): void {
    if (response.destroyed || response.writableEnded) return;
    stats.responsesByStatus[reply.status] = (stats.responsesByStatus[reply.status] ?? 0) + 1;
    const headers = {
      ...reply.headers,
      "content-length": String(reply.body.length),
      "1password-connect-version": CONNECT_VERSION,
    };
    const method = request.method ?? "GET";
    options.onResponse?.({
      method,
      url: request.url ?? "/",
      status: reply.status,
      headers,
      body: reply.body,
      dropped: drop,
      ...(requestBody === undefined ? {} : { requestBody }),
    });
    if (drop) {
      // Headers and part of the body go out, then the connection is cut: the client sees a truncated answer.
      if (reply.body.length < 2) {
        response.socket?.destroy();
        return;
      }
      response.writeHead(reply.status, headers);
      response.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () =>
        response.socket?.destroy(),
      );
      return;
    }
    response.writeHead(reply.status, headers);
    response.end(method === "HEAD" ? undefined : reply.body);
  }

  // Latency waits end early when the server closes, so a long fault does not hold the process open.
  const waits = new Set<() => void>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waits.add(done);
    });

  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`connect-server: ${String(error)}\n`);
      response.destroy();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    stats.connectionsTotal++;
    stats.openConnections++;
    stats.peakOpenConnections = Math.max(stats.peakOpenConnections, stats.openConnections);
    socket.once("close", () => {
      sockets.delete(socket);
      stats.openConnections--;
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    token,
    stats,
    setFaults: (next) => faults.set(next),
    setTokenAccess: (wanted, access) => {
      const jti = grants.get(wanted)?.jti ?? randomUUID();
      grants.set(wanted, { ...grantFor({ ...access, token: wanted }, store), jti });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        for (const done of waits) done();
      });
      return closing;
    },
  };
}

function readBearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** The full-access token and the scoped ones, each with a jti that stands for it in the activity log. */
function createGrants(
  token: string,
  scoped: { token: string; vaults: string[] }[],
  store: ConnectStore,
): Map<string, TokenGrant> {
  const grants = new Map<string, TokenGrant>([[token, { jti: randomUUID() }]]);
  for (const entry of scoped) grants.set(entry.token, grantFor(entry, store));
  return grants;
}

/** The grant of a scoped token; `vaults` undefined reaches every vault. */
function grantFor(
  entry: Omit<ScopedToken, "vaults"> & { vaults?: string[] },
  store: ConnectStore,
): TokenGrant {
  const vaults =
    entry.vaults &&
    new Set(
      entry.vaults.map((wanted) => {
        const vault = store.listVaults().find((v) => v.id === wanted || v.name === wanted);
        if (!vault)
          throw new Error(`a scoped token names the vault "${wanted}", which the seed does not have`);
        return vault.id;
      }),
    );
  return { jti: randomUUID(), ...(vaults ? { vaults } : {}), ...(entry.readOnly ? { readOnly: true } : {}) };
}
