// The API activity log (GET /v1/activity): one APIRequest per vault or item request, newest first.
import { randomUUID } from "node:crypto";

export interface ActivityEntry {
  requestId: string;
  timestamp: string;
  action: "READ" | "CREATE" | "UPDATE" | "DELETE";
  result: "SUCCESS" | "DENY";
  actor: { id: string; account: string; jti: string; userAgent: string; requestIp: string };
  resource: {
    type: "ITEM" | "VAULT";
    vault: { id: string };
    item?: { id: string };
    itemVersion?: number;
  };
}

/** Bounded, so a long benchmark run does not grow the server without end. */
const MAX_ENTRIES = 10_000;

export class ActivityLog {
  readonly #entries: ActivityEntry[] = [];
  /** The Connect server's own ID and its account, the same in every entry. */
  readonly #serverId = randomUUID();
  readonly #account = "ACCOUNTLOCALCONNECTSERVER1";

  record(entry: {
    action: ActivityEntry["action"];
    result: ActivityEntry["result"];
    jti: string;
    userAgent: string;
    requestIp: string;
    resource: ActivityEntry["resource"];
  }): void {
    this.#entries.push({
      requestId: randomUUID(),
      timestamp: new Date().toISOString(),
      action: entry.action,
      result: entry.result,
      actor: {
        id: this.#serverId,
        account: this.#account,
        jti: entry.jti,
        userAgent: entry.userAgent,
        requestIp: entry.requestIp,
      },
      resource: entry.resource,
    });
    if (this.#entries.length > MAX_ENTRIES) this.#entries.shift();
  }

  /** One page, newest first, with the Content-Range of it ("1-50/1134"; "*\/0" when empty). */
  page(limit: number, offset: number): { entries: ActivityEntry[]; contentRange: string } {
    const total = this.#entries.length;
    const newestFirst = this.#entries.slice().reverse();
    const entries = newestFirst.slice(offset, offset + limit);
    const contentRange =
      entries.length === 0 ? `*/${total}` : `${offset + 1}-${offset + entries.length}/${total}`;
    return { entries, contentRange };
  }
}
