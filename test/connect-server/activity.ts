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

type Recorded = Omit<ActivityEntry, "requestId" | "timestamp" | "actor"> &
  Pick<ActivityEntry["actor"], "jti" | "userAgent" | "requestIp"> & {
    /** When it was recorded, in ms; shown as an ISO date only when a page is read. */
    at: number;
    /** Made the first time the entry is shown, then kept, so every page names it the same. */
    requestId?: string;
  };

/**
 * Recording is the cheap part, done on every request: the entry's date text and request ID are made
 * when someone reads a page. Entries sit in a ring, so the oldest is dropped without moving the rest.
 */
export class ActivityLog {
  readonly #ring: Recorded[] = [];
  /** Where the next entry goes once the ring is full (it is also the oldest entry). */
  #next = 0;
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
    const recorded: Recorded = {
      at: Date.now(),
      action: entry.action,
      result: entry.result,
      jti: entry.jti,
      userAgent: entry.userAgent,
      requestIp: entry.requestIp,
      resource: entry.resource,
    };
    if (this.#ring.length < MAX_ENTRIES) {
      this.#ring.push(recorded);
    } else {
      this.#ring[this.#next] = recorded;
      this.#next = (this.#next + 1) % MAX_ENTRIES;
    }
  }

  /** One page, newest first, with the Content-Range of it ("1-50/1134"; "*\/0" when empty). */
  page(limit: number, offset: number): { entries: ActivityEntry[]; contentRange: string } {
    const total = this.#ring.length;
    const entries: ActivityEntry[] = [];
    // The newest entry sits just before #next (the ring's end while it is filling).
    const newest = (this.#next === 0 ? total : this.#next) - 1;
    for (let i = offset; i < Math.min(total, offset + limit); i++) {
      entries.push(this.#show(this.#ring[(newest - i + total) % total]!));
    }
    const contentRange =
      entries.length === 0 ? `*/${total}` : `${offset + 1}-${offset + entries.length}/${total}`;
    return { entries, contentRange };
  }

  #show(recorded: Recorded): ActivityEntry {
    recorded.requestId ??= randomUUID();
    return {
      requestId: recorded.requestId,
      timestamp: new Date(recorded.at).toISOString(),
      action: recorded.action,
      result: recorded.result,
      actor: {
        id: this.#serverId,
        account: this.#account,
        jti: recorded.jti,
        userAgent: recorded.userAgent,
        requestIp: recorded.requestIp,
      },
      resource: recorded.resource,
    };
  }
}
