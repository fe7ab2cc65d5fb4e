// Injected faults (latency, 429 with Retry-After, 5xx, connections dropped mid-response), switchable at run time.

export interface FaultScope {
  /** Only requests of this method (GET, POST, …). */
  method?: string;
  /** Only requests whose path (without the query) contains this text, or matches this pattern. */
  path?: string | RegExp;
}

export interface Faults {
  /** Added before every answer of the requests in scope. */
  latencyMs?: number;
  /** The next `count` requests in scope answer 429 with `Retry-After: retryAfterSeconds` (default 1). */
  tooManyRequests?: { count: number; retryAfterSeconds?: number };
  /** The next `count` requests in scope answer `status` (default 503). */
  serverErrors?: { count: number; status?: number };
  /**
   * The next `count` requests in scope are handled (a write takes effect), then their connection is
   * cut after the headers and part of the body.
   */
  dropConnections?: { count: number };
  /** Limits every fault above to matching requests; all requests when absent. */
  only?: FaultScope;
}

export type FaultDecision =
  | { kind: "none" }
  | { kind: "status"; status: number; message: string; headers: Record<string, string> }
  | { kind: "drop" };

export interface FaultCounts {
  tooManyRequests: number;
  serverErrors: number;
  droppedConnections: number;
}

/** Holds the current faults and their remaining counts; each request takes at most one fault. */
export class FaultInjector {
  #faults: Faults = {};
  #remaining = { tooManyRequests: 0, serverErrors: 0, dropConnections: 0 };

  constructor(
    faults: Faults | undefined,
    private readonly counts: FaultCounts,
  ) {
    this.set(faults ?? {});
  }

  set(faults: Faults): void {
    checkFaults(faults);
    this.#faults = { ...faults };
    this.#remaining = {
      tooManyRequests: faults.tooManyRequests?.count ?? 0,
      serverErrors: faults.serverErrors?.count ?? 0,
      dropConnections: faults.dropConnections?.count ?? 0,
    };
  }

  latencyFor(method: string, path: string): number {
    return this.#applies(method, path) ? (this.#faults.latencyMs ?? 0) : 0;
  }

  /** Decides (and uses up) the fault for one request. */
  take(method: string, path: string): FaultDecision {
    if (!this.#applies(method, path)) return { kind: "none" };
    if (this.#remaining.tooManyRequests > 0) {
      this.#remaining.tooManyRequests--;
      this.counts.tooManyRequests++;
      const seconds = this.#faults.tooManyRequests?.retryAfterSeconds ?? 1;
      return {
        kind: "status",
        status: 429,
        message: "Too Many Requests",
        headers: { "retry-after": String(seconds) },
      };
    }
    if (this.#remaining.serverErrors > 0) {
      this.#remaining.serverErrors--;
      this.counts.serverErrors++;
      const status = this.#faults.serverErrors?.status ?? 503;
      return {
        kind: "status",
        status,
        message: status === 503 ? "Service Unavailable" : "Internal Server Error",
        headers: {},
      };
    }
    if (this.#remaining.dropConnections > 0) {
      this.#remaining.dropConnections--;
      this.counts.droppedConnections++;
      return { kind: "drop" };
    }
    return { kind: "none" };
  }

  #applies(method: string, path: string): boolean {
    const scope = this.#faults.only;
    if (!scope) return true;
    if (scope.method !== undefined && scope.method.toUpperCase() !== method) return false;
    if (scope.path === undefined) return true;
    return typeof scope.path === "string" ? path.includes(scope.path) : scope.path.test(path);
  }
}

function checkFaults(faults: Faults): void {
  const count = (value: number | undefined, name: string) => {
    if ((value !== undefined && !(Number.isInteger(value) || value === Infinity)) || (value ?? 0) < 0)
      throw new TypeError(`faults.${name} must be a whole number, 0 or more`);
  };
  if (faults.latencyMs !== undefined && !(Number.isFinite(faults.latencyMs) && faults.latencyMs >= 0))
    throw new TypeError("faults.latencyMs must be a number of milliseconds, 0 or more");
  count(faults.tooManyRequests?.count, "tooManyRequests.count");
  count(faults.tooManyRequests?.retryAfterSeconds, "tooManyRequests.retryAfterSeconds");
  count(faults.serverErrors?.count, "serverErrors.count");
  count(faults.dropConnections?.count, "dropConnections.count");
  const status = faults.serverErrors?.status;
  if (status !== undefined && !(Number.isInteger(status) && status >= 500 && status <= 599))
    throw new TypeError("faults.serverErrors.status must be a 5xx status");
}
