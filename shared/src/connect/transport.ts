// Sends one Connect request over the client's own undici dispatcher: timeout, retries, error mapping.
import { EventEmitter } from "node:events";
import { Pool, type Dispatcher } from "undici";
import {
  type AttemptLimit,
  type FailureContext,
  type RequestIds,
  bodyError,
  errorCode,
  httpError,
  networkError,
  seconds,
  timeoutError,
  withNote,
} from "./describeFailure.js";
import { ConnectConfigError, ConnectError } from "./errors.js";
import { type BufferedResponse, requestBuffered } from "./requestBuffered.js";
import {
  DROPPED_CONNECTION_CODES,
  RETRY_STATUSES,
  backoffDelay,
  isIdempotent,
  parseRetryAfter,
  sleep,
} from "./retry.js";
import { createRedactor } from "./redactSecret.js";
import { readErrorMessage } from "./readErrorMessage.js";
import { type ParsedServerUrl, parseServerUrl } from "./serverUrl.js";
import { mapStreamErrors } from "./streamBody.js";

export interface TransportOptions {
  serverUrl: string;
  token: string;
  /** Per attempt: connecting, waiting for headers, and reading a JSON body. Default 15 s. */
  timeoutMs?: number;
  /**
   * One call in all, across its retries and their waits (up to the headers of a download). Default
   * 30 s: without it, four attempts of 15 s plus backoff would take about 90 s.
   */
  deadlineMs?: number;
  /** Extra attempts for GET/HEAD after 429/502/503/504 or a dropped connection. Default 3. */
  maxRetries?: number;
  /** Bring your own (e.g. a shared Agent); otherwise the client owns one keep-alive Pool. */
  dispatcher?: Dispatcher;
  allowInsecureHttp?: boolean;
  /** First backoff step; doubles each retry (with jitter). Default 200 ms. */
  retryBaseDelayMs?: number;
  /** A longer Retry-After than this is not waited for: the error is thrown instead. Default 10 s. */
  maxRetryAfterMs?: number;
  /** Connections the owned Pool may open, and what getItems keeps in flight by default. Default 64. */
  connections?: number;
}

export interface SendOptions {
  query?: URLSearchParams;
  body?: unknown;
  ids?: RequestIds;
  signal?: AbortSignal;
  /** Outside /v1 (heartbeat, health, metrics). */
  root?: boolean;
}

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData["body"];
}

const MAX_BACKOFF_MS = 5_000;
/** Of an error answer, only this much is read for its message (a proxy's page can be large). */
const MAX_ERROR_BODY = 64 * 1024;
/**
 * Requests a bulk load keeps in flight, one per pooled keep-alive connection. Each request waits a
 * round trip, so this bounds a bulk load's speed at 128 per round trip: against a server 20 ms
 * away, 2,000 items take about 0.4 s at 128, 0.8 s at 64 and 2.8 s at 16 (measured on loopback
 * with 3 ms added per answer: 64 stays bound by the wait, 145-165 ms at 128 against 170-195 ms at
 * 64; 256 gains nothing more). 128 connections stay far below what a Connect server (a Go
 * service) handles, and below the hundreds an unbounded Promise.all opens.
 */
export const DEFAULT_CONNECTIONS = 128;

/** Marks the per-attempt timer's abort, so it is told apart from the caller's. */
class AttemptTimedOut extends Error {
  override readonly name = "AttemptTimedOut";
}

/**
 * One attempt's abort signal, in the EventEmitter form undici's `signal` option also takes. An
 * AbortController costs about ten times more to make and listen to, which shows when thousands of
 * requests are sent in a bulk load; an attempt's signal never leaves the transport.
 */
class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit("abort");
  }
}

export class ConnectTransport {
  readonly server: ParsedServerUrl;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  /** The owned Pool's connections (DEFAULT_CONNECTIONS when a dispatcher was passed in). */
  readonly connections: number;
  /** Hides the token in anything a server says back; the token itself is kept only in the headers. */
  readonly #redact: (text: string) => string;
  #dispatcher: Dispatcher;
  #ownsDispatcher: boolean;
  #maxRetries: number;
  #retryBaseDelayMs: number;
  #maxRetryAfterMs: number;
  #serverVersion: string | undefined;
  /** The same for every request (undici only reads them), so made once. */
  readonly #headers: Readonly<Record<string, string>>;

  constructor(options: TransportOptions) {
    const token = checkToken(options.token);
    // A token pasted into the URL field must not travel to a host, nor be named in a message.
    if (String(options.serverUrl).includes(token)) {
      throw new ConnectConfigError(
        "The Connect server URL holds the token: put the server's address there (e.g. http://localhost:8080), and the token where the token is asked for.",
      );
    }
    this.server = parseServerUrl(options.serverUrl, options.allowInsecureHttp);
    this.#redact = createRedactor(token);
    this.#headers = Object.freeze({
      authorization: `Bearer ${token}`,
      accept: "application/json",
      "user-agent": "op-bridge-connect/0.1",
    });
    this.timeoutMs = positive(options.timeoutMs, 15_000, "timeoutMs");
    this.deadlineMs = positive(options.deadlineMs, 30_000, "deadlineMs");
    this.#maxRetries = Math.floor(nonNegative(options.maxRetries, 3, "maxRetries"));
    this.#retryBaseDelayMs = nonNegative(options.retryBaseDelayMs, 200, "retryBaseDelayMs");
    this.#maxRetryAfterMs = nonNegative(options.maxRetryAfterMs, 10_000, "maxRetryAfterMs");
    this.connections = Math.floor(positive(options.connections, DEFAULT_CONNECTIONS, "connections"));
    this.#ownsDispatcher = !options.dispatcher;
    this.#dispatcher =
      options.dispatcher ??
      new Pool(this.server.origin, {
        connections: this.connections,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        connect: { timeout: this.timeoutMs },
      });
  }

  /** The `1Password-Connect-Version` header of the latest response. */
  get serverVersion(): string | undefined {
    return this.#serverVersion;
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /** Sends a request and parses the JSON answer; also answers the response headers. */
  async json<T>(
    method: string,
    path: string,
    options: SendOptions = {},
  ): Promise<{ data: T; headers: RawResponse["headers"] }> {
    return this.send(method, path, options, async (response: BufferedResponse, context) => {
      const text = await response.body.text();
      if (response.statusCode === 204 || text === "")
        return { data: undefined as T, headers: response.headers };
      try {
        return { data: JSON.parse(text) as T, headers: response.headers };
      } catch {
        throw new ConnectError(
          `${context.server} answered ${context.method} ${context.path} with something that is not JSON: check that the URL points at a 1Password Connect server.`,
        );
      }
    });
  }

  /** Sends a request and reads the answer as text (heartbeat, metrics). */
  async text(method: string, path: string, options: SendOptions = {}): Promise<string> {
    return this.send(method, path, options, (response: BufferedResponse) => response.body.text());
  }

  /**
   * Sends a request and answers once the headers arrive; the body is the caller's to read or cancel.
   * The attempt timer and the call's deadline stop at the headers (a long download is not cut off);
   * undici's bodyTimeout still ends a stalled body, and the caller's signal still aborts it. The
   * body's failures are the client's errors (a stall a ConnectTimeoutError, a cut a
   * ConnectNetworkError); the caller's abort stays the caller's reason.
   */
  async stream(method: string, path: string, options: SendOptions = {}): Promise<StreamedResponse> {
    const read = async (response: RawResponse, context: FailureContext): Promise<StreamedResponse> => ({
      statusCode: response.statusCode,
      headers: response.headers,
      body: mapStreamErrors(response.body, (error) =>
        options.signal?.aborted ? options.signal.reason : bodyError(error, this.timeoutMs, context),
      ),
    });
    return this.send(method, path, options, read, true);
  }

  /**
   * Sends with a timeout per attempt, retries, and one deadline for the whole call; `streaming`
   * hands `read` the body as a stream, else read to its end.
   */
  async send<T, R extends BufferedResponse>(
    method: string,
    path: string,
    options: SendOptions,
    read: (response: R, context: FailureContext) => Promise<T>,
    streaming = false,
  ): Promise<T> {
    options.signal?.throwIfAborted();
    const prefix = this.server.basePath + (options.root ? "" : "/v1");
    const search = options.query && options.query.size > 0 ? `?${options.query.toString()}` : "";
    const context: FailureContext = {
      server: this.server.display,
      method,
      path: prefix + path + search,
      ids: options.ids ?? {},
    };
    let headers = this.#headers;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers = { ...headers, "content-type": "application/json" };
    }
    const request: AttemptRequest = { origin: this.server.origin, path: context.path, headers, body };
    const startedAt = performance.now();
    const deadline = startedAt + this.deadlineMs;

    for (let attempt = 1; ; attempt++) {
      const left = deadline - performance.now();
      const limit: AttemptLimit =
        left < this.timeoutMs
          ? { ms: Math.max(1, left), attempt, wholeCallMs: this.deadlineMs }
          : { ms: this.timeoutMs, attempt };
      const outcome = await this.#attempt(request, limit, context, options.signal, read, streaming);
      if ("result" in outcome) return outcome.result;
      const { failure, retryDelay, asked } = outcome;
      if (retryDelay === undefined || attempt > this.#maxRetries) {
        throw attempt > 1 ? withNote(failure, gaveUpNote(attempt, startedAt)) : failure;
      }
      if (performance.now() + retryDelay >= deadline) {
        if (asked) throw withWait(failure, retryDelay);
        const note = `${gaveUpNote(attempt, startedAt)} A call may take ${seconds(this.deadlineMs)} s in all.`;
        throw withNote(failure, note);
      }
      await sleep(retryDelay, options.signal);
    }
  }

  /** The wait before the attempt after `attempt` (1 for the first), when the server named none. */
  #backoff(attempt: number): number {
    return backoffDelay(attempt - 1, this.#retryBaseDelayMs, MAX_BACKOFF_MS);
  }

  /** One attempt: its answer, or the failure with how long to wait before the next (none: do not retry). */
  async #attempt<T, R extends BufferedResponse>(
    request: AttemptRequest,
    limit: AttemptLimit,
    context: FailureContext,
    callerSignal: AbortSignal | undefined,
    read: (response: R, context: FailureContext) => Promise<T>,
    streaming: boolean,
  ): Promise<{ result: T } | { failure: ConnectError; retryDelay?: number; asked?: boolean }> {
    // One signal per attempt, aborted by its timer or by the caller: linking the caller's signal
    // by hand costs less per request than AbortSignal.any, which matters under bulk loading.
    const signal = new AttemptSignal();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      signal.abort(new AttemptTimedOut());
    }, limit.ms);
    const onCallerAbort = () => signal.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    let keepCallerLink = false;
    const { method } = context;
    try {
      const options: Dispatcher.DispatchOptions = {
        ...request,
        method: method as Dispatcher.HttpMethod,
        headersTimeout: limit.ms,
        // A download's body has no deadline, only a limit on how long it may stall.
        bodyTimeout: streaming ? this.timeoutMs : limit.ms,
      };
      const response = (
        streaming
          ? await this.#dispatcher.request({ ...options, signal })
          : await requestBuffered(this.#dispatcher, options, signal)
      ) as R;
      const version = header(response.headers, "1password-connect-version");
      if (version) this.#serverVersion = version;
      if (response.statusCode < 300) {
        const result = await read(response, context);
        if (streaming) {
          // The body is still to come: the caller's signal must still end it.
          keepCallerLink = true;
          (response as unknown as RawResponse).body.once("close", () =>
            callerSignal?.removeEventListener("abort", onCallerAbort),
          );
        }
        return { result };
      }
      // Redact first, then cut: a cut can then never keep a part of the token.
      // (A cut of a long page before it is safe too: a token's start left at the cut is still hidden.)
      const body = (await response.body.text()).slice(0, MAX_ERROR_BODY);
      const serverMessage = readErrorMessage(this.#redact(body), this.#redact);
      const failure = httpError(response.statusCode, serverMessage, context);
      if (!isIdempotent(method) || !RETRY_STATUSES.has(response.statusCode)) return { failure };
      const asked = parseRetryAfter(header(response.headers, "retry-after"));
      if (asked !== undefined && asked > this.#maxRetryAfterMs) throw withWait(failure, asked);
      return { failure, retryDelay: asked ?? this.#backoff(limit.attempt), asked: asked !== undefined };
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const code = errorCode(error);
      if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
        throw timeoutError(limit, error, context);
      }
      if (error instanceof ConnectError) throw error;
      const failure = networkError(error, context);
      const dropped = code !== undefined && DROPPED_CONNECTION_CODES.has(code);
      return isIdempotent(method) && dropped
        ? { failure, retryDelay: this.#backoff(limit.attempt) }
        : { failure };
    } finally {
      clearTimeout(timeout);
      if (!keepCallerLink) callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }
}

/** An answer whose body is still to come, as a web stream whose failures are the client's errors. */
export interface StreamedResponse {
  statusCode: number;
  headers: RawResponse["headers"];
  body: ReadableStream<Uint8Array>;
}

type AttemptRequest = Pick<Dispatcher.DispatchOptions, "origin" | "path" | "headers" | "body">;

const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function checkToken(value: unknown): string {
  const token = typeof value === "string" ? value.trim() : "";
  if (!token)
    throw new ConnectConfigError("No Connect token was given: paste the Connect server's access token.");
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ConnectConfigError(
      "The Connect token contains spaces or characters a token cannot have: copy it again from 1Password.",
    );
  }
  return token;
}

function gaveUpNote(attempts: number, startedAt: number): string {
  return `Gave up after ${attempts} attempts in ${seconds(performance.now() - startedAt)} s.`;
}

function withWait(error: ConnectError, waitMs: number): ConnectError {
  return withNote(error, `The server asked to wait ${Math.ceil(waitMs / 1000)} s before the next request.`);
}

export function header(headers: RawResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new ConnectConfigError(`${name} must be a positive number.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new ConnectConfigError(`${name} must be zero or more.`);
  return value;
}
