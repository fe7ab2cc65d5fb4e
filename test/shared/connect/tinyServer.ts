// A small node:http server on loopback whose every answer a test writes, for faults a full server cannot stage exactly.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

export interface TinyServer {
  url: string;
  requests: SeenRequest[];
  /** Connections opened so far. */
  connections: number;
  /** Most requests being handled at the same moment. */
  peakInFlight: number;
  close(): Promise<void>;
}

export type Handler = (request: SeenRequest, response: ServerResponse, index: number) => void | Promise<void>;

export async function startTinyServer(handler: Handler): Promise<TinyServer> {
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const state: TinyServer = {
    url: "",
    requests: [],
    connections: 0,
    peakInFlight: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      const index = state.requests.push(seen) - 1;
      inFlight++;
      state.peakInFlight = Math.max(state.peakInFlight, inFlight);
      res.on("close", () => inFlight--);
      void Promise.resolve(handler(seen, res, index)).catch((error: unknown) => {
        res.destroy(error as Error);
      });
    });
  });
  server.on("connection", (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "1password-connect-version": "1.7.1",
    ...headers,
  });
  res.end(text);
}

export const VAULT = "a".repeat(25) + "1";
export const ITEM = "b".repeat(25) + "2";
export const FILE = "c".repeat(25) + "3";
export const TOKEN = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.s3cr3t-t0ken-for-tests";
