// Sign In with the desktop app, in the VS Code extension, through the real @1password/sdk and the stand-in
// desktop app (run under run-with-app.ts): what a person sees for a working app and for each way it fails.
import { beforeEach, describe, expect, test, vi } from "vitest";
import { signIn } from "../../vscode-extension/src/commands/connect.js";
import { guard } from "../../vscode-extension/src/commands/run.js";
import { DEMO_ACCOUNTS } from "../desktop-app/accounts.js";
import type { FailureMode } from "../desktop-app/failures.js";
import { useDesktopApp } from "../desktop-app/useDesktopApp.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
const app = useDesktopApp();
beforeEach(() => standIn.reset());

/** Runs "1Password: Sign In…" as the palette does (errors become notifications), answering with the desktop app. */
async function signInWithDesktopApp(account: string = DEMO_ACCOUNTS.company.name) {
  const registry = createTestRegistry({});
  standIn.answer({ quickPick: "1Password Desktop App" }, { input: account });
  await guard(vscode.window.createOutputChannel("test", { log: true }), "signIn", () => signIn(registry))();
  return registry;
}

test("signs in to the named account and lists its items, labelled with the account", async () => {
  const registry = await signInWithDesktopApp();
  expect(standIn.messages("error")).toEqual([]);
  expect(standIn.messages("info")).toEqual([`Signed in to ${DEMO_ACCOUNTS.company.name}.`]);
  expect(standIn.state.progress.map((p) => p.title)).toEqual(["Waiting for approval in the 1Password app…"]);
  const snapshot = await registry.loadItems();
  const github = snapshot.items.find((i) => i.title === "GitHub")!;
  expect(github).toMatchObject({ vaultName: "Development", accountName: DEMO_ACCOUNTS.company.name });
  expect(snapshot.sourcesOf(github).map((s) => s.label)).toEqual([DEMO_ACCOUNTS.company.name]);
  expect(snapshot.items.map((i) => i.vaultName)).not.toContain("Private");
});

describe("each way the app fails at sign-in is a notification that says what to do", () => {
  test.each<[FailureMode | "wrong account", RegExp]>([
    ["not-installed", /^The 1Password desktop app was not found: install and open 1Password 8/],
    ["integration-off", /^The 1Password app did not answer: .*Integrate with other apps is on/],
    ["locked", /^1Password is locked: unlock the app and approve the request/],
    ["crashed", /^The 1Password app did not answer/],
    ["wrong account", /^The 1Password app has no account by that name/],
  ])("%s", async (failure, message) => {
    const quiet = vscodeConsoleQuiet();
    try {
      if (failure !== "wrong account") await app().setFailure(failure);
      await signInWithDesktopApp(failure === "wrong account" ? "Acme" : undefined);
    } finally {
      quiet();
    }
    expect(standIn.messages("error")).toEqual([expect.stringMatching(message)]);
    expect(standIn.messages("info")).toEqual([]);
  });
});

test("a locked app showing its prompt: sign-in waits under its progress notification and goes on once unlocked", async () => {
  await app().setFailure("awaiting-unlock");
  const signingIn = signInWithDesktopApp();
  await vi.waitFor(() =>
    expect(app().calls.at(-1)).toMatchObject({ kind: "init_client", outcome: "no answer" }),
  );
  expect(standIn.state.progress.map((p) => p.title)).toEqual(["Waiting for approval in the 1Password app…"]);
  expect(standIn.messages("info")).toEqual([]);
  await app().setFailure("none");
  await signingIn;
  expect(standIn.messages("error")).toEqual([]);
  expect(standIn.messages("info")).toEqual([`Signed in to ${DEMO_ACCOUNTS.company.name}.`]);
});

describe("after signing in", () => {
  test("an ended session is renewed by the SDK without the person noticing", async () => {
    const registry = await signInWithDesktopApp();
    app().expireSessions();
    expect((await registry.loadItems()).items.length).toBeGreaterThan(0);
    expect(standIn.messages("error")).toEqual([]);
  });

  test.each<[FailureMode, RegExp]>([
    ["rate-limited", /rate limit was reached .*wait a while/],
    ["session-expired", /session for this extension ended: unlock 1Password, then sign in again/],
    ["locked", /^1Password is locked/],
  ])("%s: listing says why instead of showing nothing", async (failure, message) => {
    const registry = await signInWithDesktopApp();
    await app().setFailure(failure);
    registry.refresh();
    const error = await registry.loadItems().catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(message);
  });
});

/** The SDK prints its own stack trace when the app's library is missing; keep the test output clean. */
function vscodeConsoleQuiet(): () => void {
  const original = console.error;
  console.error = () => {};
  return () => {
    console.error = original;
  };
}
