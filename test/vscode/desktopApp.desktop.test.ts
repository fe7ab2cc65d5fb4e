// Sign In with the desktop app, in the VS Code extension, through the real @1password/sdk and the stand-in
// desktop app (run under run-with-app.ts): what a person sees for a working app and for each way it fails.
import { locateSecretReference } from "@op-bridge/shared";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { signIn } from "../../vscode-extension/src/commands/connect.js";
import { guard } from "../../vscode-extension/src/commands/run.js";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import { DEMO_ACCOUNTS } from "../desktop-app/accounts.js";
import type { FailureMode } from "../desktop-app/failures.js";
import { useDesktopApp } from "../desktop-app/useDesktopApp.js";
import { clickLens, codeLensesOf } from "./helpers/codeLenses.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
const githubToken = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
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

describe("Save in 1Password next to an item of the same title", () => {
  test('"Add to "GitHub"" puts the token into that item through the SDK, in the added-fields section; both references read it', async () => {
    const registry = await signInWithDesktopApp();
    registerEditorFeatures(
      { subscriptions: [] } as never,
      registry,
      vscode.window.createOutputChannel("t", { log: true }),
    );
    const providers = await registry.providers();
    const login = await locateSecretReference(providers, "op://Development/GitHub/password");
    const text = `GITHUB_LOGIN=op://Development/GitHub/password\nGITHUB_TOKEN=${githubToken}\n`;
    const document = editorStandIn.openDocument(text, "dotenv", "/work/sdk.env");
    const [lens] = await codeLensesOf(document);
    standIn.answer({ quickPick: "Development" }, { quickPick: 'Add to "GitHub"' });
    await clickLens(lens!);
    expect(standIn.messages("error").join("\n")).toBe("");
    // The field is in the section 1Password adds fields to ("add more"), which the reference names.
    const [, written] = /GITHUB_TOKEN="?(op:\/\/[^"\n]+)"?\n/.exec(document.getText())!;
    expect(written).toBe("op://Development/GitHub/add more/token");
    expect(document.getText()).toMatch(/^GITHUB_LOGIN=op:\/\/Development\/GitHub\/password\n/);
    // One item was written (put, not create), and both references lead to it and read their own values.
    expect(
      app()
        .calls.filter((c) => /^Items(Create|Put)$/.test(c.invocation ?? ""))
        .map((c) => c.invocation),
    ).toEqual(["ItemsPut"]);
    const token = await locateSecretReference(providers, written!);
    expect(token.item.summary.id).toBe(login.item.summary.id);
    const source = (await registry.sources())[0]!;
    const details = await source.provider.getItemDetails(token.item.summary.vaultId, token.item.summary.id);
    const added = details.fields.find((f) => f.label === "token")!;
    expect(added).toMatchObject({ type: "CONCEALED" });
    expect(
      await source.provider.readFieldValue(token.item.summary.vaultId, token.item.summary.id, added.id),
    ).toBe(githubToken);
    const loginField = details.fields.find((f) => f.label === "password")!;
    expect(
      await source.provider.readFieldValue(login.item.summary.vaultId, login.item.summary.id, loginField.id),
    ).not.toBe(githubToken);
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
