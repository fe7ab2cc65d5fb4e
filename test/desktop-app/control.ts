// Switches a stand-in app running in another process (the one run-with-app.ts starts) to a failure mode.
import { connect } from "node:net";
import { controlSocketPath } from "./app.js";
import type { FailureMode } from "./failures.js";
import { encodeFrame, readFrame, SOCKET_VARIABLE, type ControlRequest } from "./protocol.js";

/** Sets the failure mode of the app listening at `socketPath` (default: the one run-with-app.ts started). */
export async function setDesktopAppFailure(
  failure: FailureMode,
  options: { delayMs?: number; socketPath?: string; signal?: AbortSignal } = {},
): Promise<void> {
  const socketPath = options.socketPath ?? process.env[SOCKET_VARIABLE];
  if (!socketPath)
    throw new Error(`${SOCKET_VARIABLE} is not set: run this under test/desktop-app/run-with-app.ts.`);
  const request: ControlRequest = { kind: "stand_in_control", failure, delayMs: options.delayMs };
  const socket = connect(controlSocketPath(socketPath));
  const abort = () => socket.destroy(options.signal?.reason as Error);
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    socket.write(encodeFrame(Buffer.from(JSON.stringify(request))));
    await readFrame(socket);
  } finally {
    options.signal?.removeEventListener("abort", abort);
    socket.destroy();
  }
}
