// Signing in with the 1Password desktop app in a real VS Code: the packaged extension's own copy of
// @1password/sdk loads the stand-in's library and talks to the stand-in app (test/desktop-app), then a
// reference is inserted, previewed and resolved through it. Needs the stand-in installed: `npm run test:e2e`
// runs this suite under test/desktop-app/run-with-app.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ACCOUNTS, buildDemoAccounts } from "../../desktop-app/accounts.js";
import { startDesktopApp, type DesktopApp } from "../../desktop-app/app.js";
import { ourInstallation } from "../../desktop-app/install.js";
import { SOCKET_VARIABLE } from "../../desktop-app/protocol.js";
import { startSession, type Session } from "../harness/session.js";

const development = [...buildDemoAccounts()[0]!.vaults.values()].find(
  (v) => v.overview.title === "Development",
)!;
const postgres = [...development.items.values()].find((i) => i.title === "Postgres Local")!;
const postgresPassword = postgres.fields.find((f) => f.id === "password")!.value;

let session: Session;
let app: DesktopApp;
let folder: string;

beforeAll(async () => {
  const installation = ourInstallation();
  if (!installation) {
    throw new Error(
      "The desktop app stand-in is not installed: run the e2e suite with `npm run test:e2e` " +
        "(it runs under test/desktop-app/run-with-app.ts).",
    );
  }
  folder = mkdtempSync(join(tmpdir(), "op-bridge-e2e-app-"));
  app = await startDesktopApp({
    socketPath: join(folder, "app.sock"),
    setLibraryInstalled: installation.setInstalled,
  });
  // No Connect server: the desktop app is the only source, as for most 1Password 8 users.
  session = await startSession({
    files: { ".env": "# Secrets for the app\nDATABASE_PASSWORD=\n" },
    env: { [SOCKET_VARIABLE]: app.socketPath },
    screenshotsForDocs: true,
  });
});

afterAll(async () => {
  await session?.close();
  await app?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function signIn(): Promise<void> {
  const { workbench } = session;
  await workbench.runCommand("1Password: Sign In with Service Account or Desktop App…");
  await workbench.pick("1Password Desktop App");
  await workbench.submitInput(DEMO_ACCOUNTS.company.name, "Sign In with the 1Password Desktop App");
}

test("Sign In with the desktop app names the account it signed in to", async () => {
  // The palette lists the extension's commands once the workbench has settled on an open file.
  await session.workbench.openFile(".env");
  await signIn();
  const message = await session.workbench.waitForNotification(`Signed in to ${DEMO_ACCOUNTS.company.name}.`);
  expect(message).toBe(`Signed in to ${DEMO_ACCOUNTS.company.name}.`);
  expect(app.calls.map((c) => c.kind)).toContain("init_client");
  await session.workbench.screenshot("15-desktop-app-signed-in");
});

test("Insert Secret Reference lists the account's items through the app and inserts the reference", async () => {
  const { workbench } = session;
  await workbench.page.keyboard.press("Escape");
  await workbench.page.keyboard.press("Control+End");
  await workbench.page.keyboard.press("ArrowUp");
  await workbench.page.keyboard.press("End");

  await workbench.runCommand("1Password: Insert Secret Reference");
  await workbench.page.locator(".quick-input-widget input.input").first().fill("Postgres Local");
  await workbench.quickPickRows();
  await workbench.screenshot("16-desktop-app-pick-item");
  await workbench.pick("Postgres Local");
  await workbench.pick("password");

  const expected = 'DATABASE_PASSWORD="op://Development/Postgres Local/password"';
  await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(expected);
  expect(await workbench.editorText()).not.toContain(postgresPassword);
  expect(app.calls.map((c) => c.invocation)).toEqual(
    expect.arrayContaining(["VaultsList", "ItemsList", "ItemsGet"]),
  );
});

test("Preview with Secrets resolves the reference through the app", async () => {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.runCommand("1Password: Preview with Secrets");
  const confirm = page.locator(".monaco-dialog-box .monaco-button", { hasText: "Show Secrets" });
  await confirm.waitFor({ timeout: 30_000 });
  await confirm.click();
  await page.locator(".tab.active", { hasText: "(with secrets)" }).first().waitFor({ timeout: 30_000 });
  await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(postgresPassword);
  expect(app.calls.at(-1)).toMatchObject({ kind: "invoke", outcome: "ok" });
  // The progress notification closes once every reference is resolved.
  await page
    .locator(".notifications-toasts .notification-list-item-message", { hasText: "Resolving" })
    .waitFor({ state: "hidden", timeout: 30_000 });
  await workbench.screenshot("17-desktop-app-preview");
});

test("Signing in while the app is locked says to unlock it", async () => {
  const { workbench } = session;
  await workbench.page.keyboard.press("Escape");
  await workbench.runCommand("View: Close All Editors");
  await app.setFailure("locked");
  await signIn();
  const message = await workbench.waitForNotification("1Password is locked");
  expect(message).toMatch(/^1Password is locked: unlock the app and approve the request when it asks/);
  await workbench.screenshot("18-desktop-app-locked");
});
