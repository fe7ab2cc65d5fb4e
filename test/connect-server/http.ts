// Answers as values (status, headers, body) so faults can delay, replace or cut them before they are written.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.js";

export const CONNECT_VERSION = "1.7.1";
/** Bodies larger than this are refused before parsing; items are small, and files are not uploaded. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function jsonReply(status: number, data: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: Buffer.from(JSON.stringify(data)),
  };
}

/** An answer whose JSON is already serialised (a stored item's cached bytes). */
export function jsonBodyReply(status: number, body: Buffer): Reply {
  return { status, headers: { "content-type": "application/json" }, body };
}

export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { status, message }, headers);
}

export function textReply(status: number, text: string, contentType = "text/plain; charset=utf-8"): Reply {
  return { status, headers: { "content-type": contentType }, body: Buffer.from(text) };
}

export function emptyReply(status: number): Reply {
  return { status, headers: {}, body: Buffer.alloc(0) };
}

/** Reads and parses a JSON body; an empty body is undefined. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "Invalid request body: it is not valid JSON");
  }
}

/** `attachment; filename="…"`, with an RFC 5987 `filename*` when the name is not plain ASCII. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const plain = `attachment; filename="${ascii}"`;
  return ascii === name ? plain : `${plain}; filename*=UTF-8''${encodeURIComponent(name)}`;
}
