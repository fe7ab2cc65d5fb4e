// The stand-in 1Password 8 desktop app: listens on a Unix socket for what the SDK sends through the
// ipc-client library, signs clients in to its demo accounts, answers their invocations, and fails on
// request in the ways the real app does. It logs what was asked, never a value.
import { rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { buildDemoAccounts, findAccount, type DesktopAccount } from "./accounts.js";
import { AppError, appErrors, isFailureMode, type FailureMode } from "./failures.js";
import { invoke, type InvocationNote } from "./invocations.js";
import {
  encodeFrame,
  failureReply,
  readFrame,
  successReply,
  type AppReply,
  type AppRequest,
  type ControlRequest,
} from "./protocol.js";

/** One request as the app saw it: enough for tests to check what the SDK asked, with no parameter values. */
export interface AppCall {
  kind: AppRequest["kind"];
  account: string;
  /** The invocation's name (VaultsList, ItemsGet, …) for `invoke`. */
  invocation?: string;
  clientId?: number;
  /** "ok", or the error name the app answered with, or "no answer". */
  outcome: string;
  detail?: string;
}

export interface DesktopAppOptions {
  socketPath: string;
  failure?: FailureMode;
  /** How long every answer takes in the `slow` mode. */
  delayMs?: number;
  accounts?: DesktopAccount[];
  /** Called for `not-installed`: hides or brings back the library the SDK loads (see install.ts). */
  setLibraryInstalled?: (installed: boolean) => void;
  /** Called with one line per request (never a value), e.g. to print with --verbose. */
  log?: (line: string) => void;
}

export interface DesktopApp {
  readonly socketPath: string;
  readonly accounts: DesktopAccount[];
  /** Every request so far, oldest first. */
  readonly calls: AppCall[];
  readonly failure: FailureMode;
  setFailure(failure: FailureMode, options?: { delayMs?: number }): Promise<void>;
  /** Ends every signed-in session, as 10 minutes idle or a lock does. */
  expireSessions(): void;
  stop(): Promise<void>;
}

export async function startDesktopApp(options: DesktopAppOptions): Promise<DesktopApp> {
  const accounts = options.accounts ?? buildDemoAccounts();
  const calls: AppCall[] = [];
  /** Client ID → the account it signed in to. Cleared by a lock, idle time or a crash. */
  const sessions = new Map<number, DesktopAccount>();
  let nextClientId = 1;
  let failure: FailureMode = "none";
  let delayMs = options.delayMs ?? 1_500;
  let server: Server | undefined;
  const open = new Set<Socket>();
  /** Answers held back in the slow mode, let go when the app stops listening. */
  const delays = new Set<NodeJS.Timeout>();
  /** Sign-ins waiting for the user to unlock (awaiting-unlock), let go when the mode changes. */
  const unlockWaiters = new Set<() => void>();

  async function listen(): Promise<void> {
    if (server) return;
    rmSync(options.socketPath, { force: true });
    const listening = createServer((socket) => void serve(socket));
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(options.socketPath, () => resolve());
    });
    server = listening;
  }

  async function stopListening(): Promise<void> {
    const closing = server;
    server = undefined;
    for (const socket of open) socket.destroy();
    for (const delay of delays) delay.unref();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    rmSync(options.socketPath, { force: true });
  }

  async function serve(socket: Socket): Promise<void> {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
    let request: AppRequest;
    try {
      request = JSON.parse((await readFrame(socket)).toString("utf8")) as AppRequest;
    } catch {
      socket.destroy();
      return;
    }
    const call: AppCall = { kind: request.kind, account: request.account_name, outcome: "no answer" };
    calls.push(call);
    if (failure === "crashed") {
      // The app dies with the call in flight: no answer, and nothing listens afterwards.
      sessions.clear();
      options.log?.(describe(call));
      await stopListening();
      return;
    }
    if (failure === "slow") {
      await new Promise<void>((resolve) => {
        const delay = setTimeout(() => {
          delays.delete(delay);
          resolve();
        }, delayMs);
        delays.add(delay);
      });
    }
    if (failure === "awaiting-unlock" && request.kind === "init_client") {
      // The app shows its unlock prompt; the sign-in goes on once the user unlocks and approves.
      await new Promise<void>((resolve) => unlockWaiters.add(resolve));
    }
    const reply = answer(request, call);
    options.log?.(describe(call));
    if (!socket.destroyed) socket.end(encodeFrame(Buffer.from(JSON.stringify(reply))));
  }

  function answer(request: AppRequest, call: AppCall): AppReply {
    try {
      const text = Buffer.from(request.payload, "base64").toString("utf8");
      const result = handle(request, text, call);
      call.outcome = "ok";
      return successReply(result);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError("Internal", String(error));
      call.outcome = appError.errorName;
      return failureReply({ name: appError.errorName, message: appError.message });
    }
  }

  function handle(request: AppRequest, text: string, call: AppCall): string {
    const account = findAccount(accounts, request.account_name);
    if (request.kind === "init_client") {
      if (failure === "locked") throw appErrors.locked();
      if (!account) throw appErrors.accountNotFound();
      // Here the real app asks the user to approve this process; the stand-in approves.
      const clientId = nextClientId++;
      sessions.set(clientId, account);
      call.clientId = clientId;
      return String(clientId);
    }
    if (request.kind === "release_client") {
      sessions.delete(Number(JSON.parse(text)));
      return "";
    }
    const { invocation } = JSON.parse(text) as {
      invocation: { clientId: number; parameters: { name: string; parameters: Record<string, unknown> } };
    };
    call.clientId = invocation.clientId;
    call.invocation = invocation.parameters.name;
    if (failure === "locked" || failure === "awaiting-unlock" || failure === "session-expired")
      sessions.clear();
    if (failure === "session-expired-once") {
      sessions.clear();
      failure = "none";
    }
    const session = sessions.get(invocation.clientId);
    if (!session) throw appErrors.sessionExpired();
    if (failure === "rate-limited") throw appErrors.rateLimited();
    const note: InvocationNote = {};
    const result = invoke(session, invocation.parameters.name, invocation.parameters.parameters ?? {}, note);
    call.detail = note.detail;
    return result;
  }

  /** The harness's switch, on its own socket so it still answers while the app "crashed" or stopped listening. */
  const control = createServer((socket) => {
    socket.on("error", () => socket.destroy());
    void readFrame(socket).then(
      async (frame) => {
        const request = JSON.parse(frame.toString("utf8")) as ControlRequest;
        await app.setFailure(isFailureMode(request.failure) ? request.failure : "none", request);
        socket.end(encodeFrame(Buffer.from(JSON.stringify({ failure }))));
      },
      () => socket.destroy(),
    );
  });
  const controlPath = controlSocketPath(options.socketPath);
  rmSync(controlPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    control.once("error", reject);
    control.listen(controlPath, () => resolve());
  });

  const app: DesktopApp = {
    socketPath: options.socketPath,
    accounts,
    calls,
    get failure() {
      return failure;
    },
    async setFailure(next, more = {}) {
      if (more.delayMs !== undefined) delayMs = more.delayMs;
      options.setLibraryInstalled?.(next !== "not-installed");
      failure = next;
      if (next !== "awaiting-unlock") {
        for (const unlock of unlockWaiters) unlock();
        unlockWaiters.clear();
      }
      if (next === "integration-off" || next === "not-installed") await stopListening();
      else await listen();
    },
    expireSessions: () => sessions.clear(),
    async stop() {
      await stopListening();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      rmSync(controlPath, { force: true });
      options.setLibraryInstalled?.(true);
    },
  };
  await app.setFailure(options.failure ?? "none");
  return app;
}

/** Where a running app takes the harness's switches (see control.ts). */
export const controlSocketPath = (socketPath: string) => `${socketPath}.control`;

function describe(call: AppCall): string {
  const what = call.invocation ? `${call.kind} ${call.invocation}` : call.kind;
  return `desktop app: ${what} for "${call.account}" → ${call.outcome}${call.detail ? ` (${call.detail})` : ""}`;
}
