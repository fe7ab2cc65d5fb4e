// The Connect client's error family: each class has a literal name and a message that says what to do.

/** Base of every Connect failure; never holds the token. */
export class ConnectError extends Error {
  override readonly name: string = "ConnectError";
}

/** A setting or argument that cannot work (bad URL, plain http to another host, malformed ID, filter value). */
export class ConnectConfigError extends ConnectError {
  override readonly name = "ConnectConfigError" as const;
}

/** The server answered with an error status. */
export class ConnectHttpError extends ConnectError {
  override readonly name = "ConnectHttpError" as const;
  readonly status: number;
  readonly method: string;
  /** The request path (with its query), relative to the server URL. */
  readonly path: string;
  /** The server's own `message`, with anything token-like removed. */
  readonly serverMessage: string;

  constructor(
    message: string,
    details: { status: number; method: string; path: string; serverMessage: string },
  ) {
    super(message);
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.serverMessage = details.serverMessage;
  }
}

/** The server could not be reached or dropped the connection. */
export class ConnectNetworkError extends ConnectError {
  override readonly name = "ConnectNetworkError" as const;
  readonly status = 0 as const;
  /** undici's or the socket's error code (ECONNREFUSED, UND_ERR_SOCKET, …), when known. */
  readonly code: string | undefined;

  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}

/** The server did not answer (or finish answering) in time. */
export class ConnectTimeoutError extends ConnectError {
  override readonly name = "ConnectTimeoutError" as const;
  readonly status = 0 as const;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
  }
}
