// What travels between @1password/sdk (through the ipc-client library) and the stand-in desktop app.
// The SDK's side is in node_modules/@1password/sdk/dist/shared_lib_core.js; the socket framing is ours.
import type { Socket } from "node:net";

/** The environment variable the ipc-client library reads the app's socket path from. */
export const SOCKET_VARIABLE = "OP_BRIDGE_DESKTOP_APP_SOCKET";

/** What the SDK hands `sendMessage`: its own JSON (the payload is base64 of the core's input). */
export interface AppRequest {
  account_name: string;
  kind: "init_client" | "invoke" | "release_client";
  payload: string;
}

/** What the harness sends to switch a running app's behaviour (never sent by the SDK). */
export interface ControlRequest {
  kind: "stand_in_control";
  failure: string;
  delayMs?: number;
}

/**
 * The app's answer: `payload` is the bytes as a JSON array of numbers, as the real library answers
 * (the SDK reads it with `Buffer.from(payload)` on success and `String.fromCharCode(...payload)` on failure).
 */
export interface AppReply {
  success: boolean;
  payload: number[];
}

export function successReply(text: string): AppReply {
  return { success: true, payload: [...Buffer.from(text, "utf8")] };
}

/** A failure as the SDK's `throwError` reads it: `{ name, message }` JSON picks the error class. */
export function failureReply(error: { name: string; message: string }): AppReply {
  return { success: false, payload: [...Buffer.from(JSON.stringify(error), "utf8")] };
}

/** A frame: a 4-byte big-endian length, then that many bytes. */
export function encodeFrame(body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/** Reads one frame from a socket; rejects when the socket ends first. */
export function readFrame(socket: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanUp = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) return;
      cleanUp();
      resolve(buffered.subarray(4, 4 + length));
    };
    const onEnd = () => {
      cleanUp();
      reject(new Error("the connection ended before a whole message arrived"));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("error", onError);
  });
}
