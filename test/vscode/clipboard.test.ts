// Copied values and share links leave the clipboard after opBridge.clipboard.clearAfterSeconds (90 s by default), if still there.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import {
  clearAfterSeconds,
  clearCopiedSecret,
  copySecret,
  hasPendingClear,
} from "../../vscode-extension/src/clipboard.js";
import { createShareLinkFlow } from "../../vscode-extension/src/sharing/createShareLink.js";
import { deactivate } from "../../vscode-extension/src/extension.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
const manifest = (await import("../../vscode-extension/package.json", { with: { type: "json" } }))
  .default as {
  contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } };
};

beforeEach(async () => {
  await clearCopiedSecret();
  standIn.reset();
});
afterEach(() => {
  vi.useRealTimers();
});

test("a copied value is cleared after 90 s by default, not a moment before", async () => {
  vi.useFakeTimers();
  expect(await copySecret("s3cr3t")).toBe(90);
  await vi.advanceTimersByTimeAsync(89_000);
  expect(standIn.state.clipboard).toBe("s3cr3t");
  await vi.advanceTimersByTimeAsync(1_000);
  expect(standIn.state.clipboard).toBe("");
  expect(hasPendingClear()).toBe(false);
});

test("what the user copied since is left alone", async () => {
  vi.useFakeTimers();
  await copySecret("s3cr3t");
  standIn.state.clipboard = "something the user copied";
  await vi.advanceTimersByTimeAsync(90_000);
  expect(standIn.state.clipboard).toBe("something the user copied");
});

test("the setting sets the time, within a floor of 10 s and a ceiling of 600 s", async () => {
  vi.useFakeTimers();
  standIn.setSetting("opBridge.clipboard.clearAfterSeconds", 20);
  expect(await copySecret("a")).toBe(20);
  await vi.advanceTimersByTimeAsync(20_000);
  expect(standIn.state.clipboard).toBe("");
  standIn.setSetting("opBridge.clipboard.clearAfterSeconds", 0);
  expect(clearAfterSeconds()).toBe(10);
  standIn.setSetting("opBridge.clipboard.clearAfterSeconds", 1e9);
  expect(clearAfterSeconds()).toBe(600);
  standIn.setSetting("opBridge.clipboard.clearAfterSeconds", "never");
  expect(clearAfterSeconds()).toBe(90);
});

test("a second copy restarts the time, for the new value only", async () => {
  vi.useFakeTimers();
  await copySecret("first");
  await vi.advanceTimersByTimeAsync(60_000);
  await copySecret("second");
  await vi.advanceTimersByTimeAsync(60_000);
  expect(standIn.state.clipboard).toBe("second");
  await vi.advanceTimersByTimeAsync(30_000);
  expect(standIn.state.clipboard).toBe("");
});

test("deactivating the extension clears a copied secret at once", async () => {
  await copySecret("s3cr3t");
  await deactivate();
  expect(standIn.state.clipboard).toBe("");
});

test("the setting is the user's: application scope, so a workspace cannot lengthen it", () => {
  const setting = manifest.contributes.configuration.properties["opBridge.clipboard.clearAfterSeconds"]!;
  expect(setting.scope).toBe("application");
  expect(setting.default).toBe(90);
});

test("a share link is copied to be cleared, and its notice says when", async () => {
  const fake = createFakeSdk();
  const registry = createTestRegistry({}, { loadSdk: async () => fake.client });
  await registry.signInSdk({ serviceAccountToken: "ops_valid" });
  standIn.answer(
    { quickPick: "Deploy key" },
    { quickPick: "7 days" },
    { quickPick: "Many views" },
    { input: "" },
  );
  const link = await createShareLinkFlow(registry);
  expect(standIn.state.clipboard).toBe(link);
  expect(hasPendingClear()).toBe(true);
  expect(standIn.messages("info")[0]).toMatch(/It will be cleared from the clipboard in 90 s\.$/);
  registry.dispose();
});
