// The activity log keeps its newest 10,000 entries, newest first, each with a request ID that stays the same.
import { describe, expect, it } from "vitest";
import { ActivityLog } from "./activity.js";

const vault = { id: "a".repeat(26) };

function recordReads(log: ActivityLog, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    log.record({
      action: "READ",
      result: "SUCCESS",
      jti: "jti",
      userAgent: "test",
      requestIp: "127.0.0.1",
      resource: { type: "ITEM", vault, item: { id: String(i).padStart(26, "0") }, itemVersion: 1 },
    });
  }
}

const itemIds = (page: ReturnType<ActivityLog["page"]>) =>
  page.entries.map((e) => Number(e.resource.item?.id));

describe("ActivityLog", () => {
  it("answers an empty page with */0", () => {
    expect(new ActivityLog().page(50, 0)).toEqual({ entries: [], contentRange: "*/0" });
  });

  it("pages newest first, with dates and the same request ID on every read", () => {
    const log = new ActivityLog();
    const before = Date.now();
    recordReads(log, 5);
    const first = log.page(2, 0);
    expect(itemIds(first)).toEqual([4, 3]);
    expect(first.contentRange).toBe("1-2/5");
    expect(itemIds(log.page(10, 3))).toEqual([1, 0]);
    expect(log.page(10, 3).contentRange).toBe("4-5/5");
    expect(Date.parse(first.entries[0]!.timestamp)).toBeGreaterThanOrEqual(before - 1);
    expect(first.entries[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.page(1, 0).entries[0]!.requestId).toBe(first.entries[0]!.requestId);
    expect(first.entries[0]!.requestId).not.toBe(first.entries[1]!.requestId);
  });

  it("drops the oldest entries beyond 10,000 and keeps the order across the wrap", () => {
    const log = new ActivityLog();
    recordReads(log, 10_003);
    const newest = log.page(3, 0);
    expect(itemIds(newest)).toEqual([10_002, 10_001, 10_000]);
    expect(newest.contentRange).toBe("1-3/10000");
    const oldest = log.page(3, 9_998);
    expect(itemIds(oldest)).toEqual([4, 3]);
    expect(oldest.contentRange).toBe("9999-10000/10000");
    expect(itemIds(log.page(4, 2))).toEqual([10_000, 9_999, 9_998, 9_997]);
  });
});
