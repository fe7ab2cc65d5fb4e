// Turns an error status or a socket failure into an error whose message tells a person what to do.
import { ConnectError, ConnectHttpError, ConnectNetworkError, ConnectTimeoutError } from "./errors.js";

export interface RequestIds {
  vaultId?: string;
  itemId?: string;
  fileId?: string;
}

export interface FailureContext {
  /** How the server is named in messages (its URL). */
  server: string;
  method: string;
  path: string;
  ids: RequestIds;
}

export function httpError(status: number, serverMessage: string, context: FailureContext): ConnectHttpError {
  const { server, method, path, ids } = context;
  const said = serverMessage ? ` (${serverMessage})` : "";
  let message: string;
  if (status === 401) {
    message = `The Connect token was rejected by ${server}${said}: check the token (copy it again from the Connect server's settings in 1Password) and try again.`;
  } else if (status === 403) {
    message = ids.vaultId
      ? `This token has no access to vault ${ids.vaultId} on ${server}: give the Connect token access to that vault in 1Password, or use a token that has it.`
      : `This token is not allowed to do that on ${server}${said}: check the token's permissions in 1Password.`;
  } else if (status === 404) {
    message = notFoundMessage(serverMessage, context);
  } else if (status === 413) {
    message = `The file is too large to inline${said}: read it with getFileContent (the …/files/{fileId}/content endpoint) instead.`;
  } else if (status === 429) {
    message = `${server} is limiting requests (429 Too Many Requests): wait a moment, then try again.`;
  } else if (status >= 500) {
    message = `The Connect server at ${server} failed to answer ${method} ${path} (${status}${serverMessage ? ` ${serverMessage}` : ""}): check that it is running and healthy (its /health), then try again.`;
  } else if (status === 400) {
    message = `${server} refused ${method} ${path}${said}: check the values sent.`;
  } else {
    message = `${server} answered ${method} ${path} with ${status}${said}.`;
  }
  return new ConnectHttpError(message, { status, method, path, serverMessage });
}

function notFoundMessage(serverMessage: string, { server, method, path, ids }: FailureContext): string {
  const lower = serverMessage.toLowerCase();
  if (ids.fileId && (lower.startsWith("file") || (!lower.startsWith("item") && !lower.startsWith("vault")))) {
    return `The file ${ids.fileId} was not found in item ${ids.itemId} on ${server}: it may have been removed; refresh the item.`;
  }
  if (ids.itemId && !lower.startsWith("vault")) {
    return `The item ${ids.itemId} was not found in vault ${ids.vaultId} on ${server}: it may have been deleted or moved; refresh the list.`;
  }
  if (ids.vaultId) {
    return `The vault ${ids.vaultId} was not found on ${server}, or this token cannot see it: refresh the vault list.`;
  }
  return `${server} has no ${method} ${path}: check that the URL points at a 1Password Connect server.`;
}

/** A socket-level failure: refused, unknown host, dropped. */
export function networkError(cause: unknown, context: FailureContext): ConnectNetworkError {
  const code = errorCode(cause);
  const { server, method } = context;
  const writes = method !== "GET" && method !== "HEAD";
  const reason = code ?? (cause instanceof Error ? cause.message : "network error");
  let message: string;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EHOSTUNREACH") {
    message = `The Connect server at ${server} cannot be reached (${reason}): check that it is running and that the URL is right.`;
  } else if (writes) {
    message = `The connection to the Connect server at ${server} was lost during ${method} (${reason}): the change may or may not have been made; check before trying again.`;
  } else {
    message = `The connection to the Connect server at ${server} was lost (${reason}): check that it is running and reachable, then try again.`;
  }
  return new ConnectNetworkError(message, { cause, code });
}

/** How long one attempt may take, and whether that is what is left of the call's deadline. */
export interface AttemptLimit {
  ms: number;
  /** 1 for the first. */
  attempt: number;
  /** Set when the call's deadline, not the per-attempt timeout, bounds this attempt. */
  wholeCallMs?: number;
}

export function timeoutError(
  limit: AttemptLimit,
  cause: unknown,
  context: FailureContext,
): ConnectTimeoutError {
  const within =
    limit.wholeCallMs === undefined
      ? `within ${seconds(limit.ms)} s`
      : `within the ${seconds(limit.wholeCallMs)} s a call may take in all`;
  const tries = limit.attempt > 1 ? ` (${limit.attempt} attempts)` : "";
  return new ConnectTimeoutError(
    `The Connect server at ${context.server} did not answer ${context.method} ${context.path} ${within}${tries}: check that it is running and reachable, or allow a longer timeout.`,
    { cause },
  );
}

/** A failure while the body of an answer arrives (a download): a stall, or the connection cut. */
export function bodyError(
  cause: unknown,
  timeoutMs: number,
  context: FailureContext,
): ConnectTimeoutError | ConnectNetworkError {
  const { server, method, path } = context;
  const code = errorCode(cause);
  if (code === "UND_ERR_BODY_TIMEOUT") {
    return new ConnectTimeoutError(
      `The Connect server at ${server} stopped sending its answer to ${method} ${path} for ${seconds(timeoutMs)} s: check that it is running and reachable, then try again (or allow a longer timeout).`,
      { cause },
    );
  }
  const reason = code ?? (cause instanceof Error ? cause.message : "network error");
  return new ConnectNetworkError(
    `The connection to the Connect server at ${server} was lost while its answer to ${method} ${path} arrived (${reason}): check that it is running and reachable, then try again.`,
    { cause, code },
  );
}

/** The same error, of the same class, with a sentence added to its message. */
export function withNote<E extends ConnectError>(error: E, note: string): E {
  let noted: ConnectError;
  const message = `${error.message} ${note}`;
  if (error instanceof ConnectHttpError) noted = new ConnectHttpError(message, error);
  else if (error instanceof ConnectNetworkError)
    noted = new ConnectNetworkError(message, { cause: error.cause, code: error.code });
  else if (error instanceof ConnectTimeoutError)
    noted = new ConnectTimeoutError(message, { cause: error.cause });
  else noted = new ConnectError(message, { cause: error.cause });
  return noted as E;
}

/** Milliseconds as seconds with one decimal, as messages show them. */
export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** The code of a Node/undici error, or of its cause (fetch-style wrapping). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
