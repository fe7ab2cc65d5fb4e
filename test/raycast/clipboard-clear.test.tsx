// Copied secrets leave the clipboard after the preference's time, only if the clipboard still holds them, and
// nothing keeps the value meanwhile: the command's timer clears on time, the background command once it is unloaded.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearCopiedSecret, copySecret } from "../../raycast-extension/src/api/clipboardClear";
import ClearClipboard from "../../raycast-extension/src/clear-clipboard";
import { LaunchType, recorder } from "./stand-in/raycast-api";

const SECRET = "correct-horse-battery";
const T0 = 1_700_000_000_000;
const launch = (launchType: unknown) =>
  ClearClipboard({ launchType } as Parameters<typeof ClearClipboard>[0]);

beforeEach(() => recorder.reset({}));
afterEach(() => vi.useRealTimers());

describe("a copied secret", () => {
  it("is copied concealed and cleared once 90 s (the default) have passed, not before", async () => {
    expect(await copySecret(SECRET, T0)).toBe(90);
    expect(recorder.clipboard).toEqual([{ content: SECRET, concealed: true }]);
    expect(await clearCopiedSecret(T0 + 89_999)).toBe("not-yet");
    expect(recorder.clipboardNow).toBe(SECRET);
    expect(await clearCopiedSecret(T0 + 90_000)).toBe("cleared");
    expect(recorder.clipboardNow).toBeUndefined();
    expect(recorder.cleared).toBe(1);
    // Done: the next check has nothing to do.
    expect(await clearCopiedSecret(T0 + 200_000)).toBe("nothing-pending");
  });

  it("is left alone when the user has copied something else since", async () => {
    await copySecret(SECRET, T0);
    recorder.clipboardNow = "a note the user copied later";
    expect(await clearCopiedSecret(T0 + 90_000)).toBe("clipboard-changed");
    expect(recorder.cleared).toBe(0);
    expect(recorder.clipboardNow).toBe("a note the user copied later");
  });

  it("keeps neither the value nor its plain hash anywhere while it waits", async () => {
    await copySecret(SECRET, T0);
    const stored = [...recorder.storage.values()].join("\n");
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(createHash("sha256").update(SECRET).digest("hex"));
    expect(stored.length).toBeGreaterThan(0);
  });

  it("follows the preference: 30 s, or never", async () => {
    recorder.reset({ clipboardClearSeconds: "30" });
    expect(await copySecret(SECRET, T0)).toBe(30);
    expect(await clearCopiedSecret(T0 + 30_000)).toBe("cleared");
    recorder.reset({ clipboardClearSeconds: "0" });
    expect(await copySecret(SECRET, T0)).toBe(0);
    expect(recorder.storage.size).toBe(0);
    expect(await clearCopiedSecret(T0 + 10_000_000)).toBe("nothing-pending");
    expect(recorder.clipboardNow).toBe(SECRET);
  });

  it("is cleared by the command's own timer while Raycast keeps the command loaded", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"], now: T0 });
    await copySecret(SECRET);
    await vi.advanceTimersByTimeAsync(89_000);
    expect(recorder.clipboardNow).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(recorder.cleared).toBe(1);
  });

  it("only the latest copy counts: an earlier one's timer does not clear the newer value early", async () => {
    await copySecret("first", T0);
    await copySecret(SECRET, T0 + 60_000);
    expect(await clearCopiedSecret(T0 + 90_000)).toBe("not-yet");
    expect(recorder.clipboardNow).toBe(SECRET);
    expect(await clearCopiedSecret(T0 + 150_000)).toBe("cleared");
  });
});

describe("Clear Copied Secret (the background command)", () => {
  it("in the background, does nothing before the time and clears after it, silently", async () => {
    await copySecret(SECRET, Date.now());
    await launch(LaunchType.Background);
    expect(recorder.clipboardNow).toBe(SECRET);
    expect(recorder.huds).toEqual([]);
  });

  it("run by hand, clears a copied secret at once and says so", async () => {
    await copySecret(SECRET, Date.now());
    await launch(LaunchType.UserInitiated);
    expect(recorder.clipboardNow).toBeUndefined();
    expect(recorder.huds).toEqual(["Copied secret cleared"]);
    await launch(LaunchType.UserInitiated);
    expect(recorder.huds.at(-1)).toBe("No copied secret to clear");
  });
});
