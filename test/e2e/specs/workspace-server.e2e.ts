// A cloned repository whose .vscode/settings.json names its own Connect server: the user connects to their own
// server as usual, the repository's server never hears from the editor (so never sees the token), and the user's
// vaults still show, and one notice says the repository's setting is ignored.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startConnectServer, type ConnectServer } from "../../connect-server/server.js";
import { listVaults } from "../harness/connect-data.js";
import { startSession, type Session } from "../harness/session.js";

let session: Session;
let theirs: ConnectServer;

beforeAll(async () => {
  // The repository's host: a Connect server of its own with no vaults (so the user's vaults in the view can only
  // come from the user's server), counting every connection and request it gets.
  theirs = await startConnectServer({ port: 0, host: "127.0.0.1" });
  const workspaceSettings = {
    "opBridge.connect.serverUrl": theirs.url,
    "opBridge.connect.servers": [{ name: "Team server", serverUrl: theirs.url }],
  };
  session = await startSession({
    files: {
      ".env": "API_KEY=\n",
      ".vscode/settings.json": JSON.stringify(workspaceSettings, null, 2),
    },
    connectSeed: "demo",
    connectThroughEnvironment: false,
  });
});

afterAll(async () => {
  await session?.close();
  await theirs?.close();
});

test("the user's server connects and lists its vaults; the repository's server gets no connection and no request", async () => {
  const { workbench } = session;
  const connect = session.connect!;
  const vaults = await listVaults(connect.url, connect.token);
  await workbench.openFile(".env");

  await workbench.runCommand("1Password: Connect to Server…");
  // The URL prompt is not pre-filled with the repository's server.
  const urlInput = workbench.page.locator(".quick-input-widget input.input").first();
  await workbench.page
    .locator(".quick-input-widget .quick-input-title", { hasText: "Connect to Server (1 of 2)" })
    .waitFor({ timeout: 30_000 });
  expect(await urlInput.inputValue()).not.toContain(theirs.url);
  await workbench.submitInput(connect.url, "Connect to Server (1 of 2)");
  await workbench.submitInput(connect.token, "Connect to Server (2 of 2)");
  const message = await workbench.waitForNotification(/Connected to/, 45_000);
  expect(message).toContain(`${vaults.length} vault`);

  const { page } = workbench;
  await page.keyboard.press("Escape");
  await page.locator('.activitybar [aria-label^="1Password"]').first().click();
  const rows = page.locator(".pane-body .monaco-list-row");
  for (const vault of vaults.slice(0, 3)) {
    await rows.filter({ hasText: vault.name }).first().waitFor({ timeout: 30_000 });
  }

  // Nothing (no request, not even a connection) reached the repository's server, so no token could have.
  expect(theirs.stats.connectionsTotal).toBe(0);
  expect(theirs.stats.requestsTotal).toBe(0);
});

test("one notice says the workspace's Connect server settings are ignored, naming only their host, and opens the user's settings", async () => {
  const { page } = session.workbench;
  // The notice came at activation; the Connect above rebuilt the sources without repeating it. The notification
  // center lists every notification of the window, hidden toasts too.
  await session.workbench.runCommand("Notifications: Show Notifications");
  const center = page.locator(".notifications-center .notification-list-item");
  const warnings = center.filter({ hasText: "This workspace sets" });
  await warnings.first().waitFor({ timeout: 30_000 });
  expect(await warnings.count()).toBe(1);
  const message = (await warnings.first().locator(".notification-list-item-message").innerText()).replace(
    /\u00a0/g,
    " ",
  );
  const host = new URL(theirs.url).host;
  expect(message).toBe(
    `This workspace sets opBridge.connect.serverUrl (${host}) and opBridge.connect.servers (${host}), which are ignored: ` +
      "Connect servers come from your user settings only, so a repository cannot choose where your tokens are sent.",
  );
  await warnings.first().locator(".monaco-button", { hasText: "Open User Settings" }).click();
  await page.locator(".settings-editor").first().waitFor({ timeout: 30_000 });
  expect(theirs.stats.requestsTotal).toBe(0);
});
