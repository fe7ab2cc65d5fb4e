// Connecting through the palette as a person does: a wrong token is refused with what to do, the right one
// connects, the 1Password view fills with the server's vaults, and the token never lands in settings.json.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { listVaults } from "../harness/connect-data.js";
import { startSession, type Session } from "../harness/session.js";

let session: Session;

beforeAll(async () => {
  session = await startSession({
    files: { ".env": "API_KEY=\n" },
    connectSeed: "demo",
    connectThroughEnvironment: false,
    screenshotsForDocs: true,
  });
});

afterAll(async () => {
  await session?.close();
});

async function connectWith(token: string): Promise<void> {
  const { workbench } = session;
  await workbench.runCommand("1Password: Connect to Server…");
  await workbench.submitInput(session.connect!.url, "Connect to Server (1 of 2)");
  await workbench.submitInput(token, "Connect to Server (2 of 2)");
}

test("a wrong token is refused with a message that says what to do, and without the token", async () => {
  const wrongToken = "e2e-wrong-token-never-shown-0123456789";
  await session.workbench.openFile(".env");
  // Nothing is configured yet: the status bar shows a closed lock.
  await session.workbench.page.locator(".statusbar-item .codicon-lock").first().waitFor({ timeout: 15_000 });
  await connectWith(wrongToken);
  const message = await session.workbench.waitForNotification(/token was rejected/i, 45_000);
  expect(message).toMatch(/check the token/i);
  expect(message).not.toContain(wrongToken);
  await session.workbench.screenshot("08-connect-wrong-token");
});

test("the right token connects, and the 1Password view lists the server's vaults", async () => {
  const { workbench, connect } = { workbench: session.workbench, connect: session.connect! };
  const vaults = await listVaults(connect.url, connect.token);
  await connectWith(connect.token);
  const message = await workbench.waitForNotification(/Connected to/, 45_000);
  expect(message).toContain(`${vaults.length} vault`);
  // The status bar item turns from a closed to an open lock.
  await workbench.page.locator(".statusbar-item .codicon-unlock").first().waitFor({ timeout: 15_000 });
  await workbench.screenshot("09-connected");

  const { page } = workbench;
  await page.keyboard.press("Escape");
  await page.locator('.activitybar [aria-label^="1Password"]').first().click();
  const rows = page.locator(".pane-body .monaco-list-row");
  for (const vault of vaults.slice(0, 3)) {
    await rows.filter({ hasText: vault.name }).first().waitFor({ timeout: 30_000 });
  }
});

test("the server URL is a setting (the machine's, which a workspace cannot change); the token is not written to settings", async () => {
  // A machine-scoped setting is written to the machine's settings file, beside the user's.
  const settingsFiles = ["User", "Machine"].map((folder) =>
    join(session.codeServer.userDataDir, folder, "settings.json"),
  );
  const readSettings = async () =>
    (await Promise.all(settingsFiles.map((file) => readFile(file, "utf8").catch(() => "")))).join("\n");
  await expect.poll(readSettings, { timeout: 10_000 }).toContain(session.connect!.url);
  expect(await readSettings()).not.toContain(session.connect!.token);
});
