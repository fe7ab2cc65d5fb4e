// With OP_CONNECT_HOST pointing at a server that is not running, a command says so clearly and shows no token.
import { afterAll, beforeAll, expect, test } from "vitest";
import { findFreePort } from "../harness/processes.js";
import { startSession, type Session } from "../harness/session.js";

const token = "e2e-token-that-must-never-be-shown";
let session: Session;
let host: string;

beforeAll(async () => {
  // A port that was free a moment ago: nothing listens there.
  host = `http://127.0.0.1:${await findFreePort()}`;
  session = await startSession({
    files: { ".env": "API_KEY=\n" },
    env: { OP_CONNECT_HOST: host, OP_CONNECT_TOKEN: token },
    screenshotsForDocs: true,
  });
});

afterAll(async () => {
  await session?.close();
});

test("Insert Secret Reference reports that the Connect server cannot be reached", async () => {
  const { workbench } = session;
  await workbench.openFile(".env");
  await workbench.runCommand("1Password: Insert Secret Reference");
  // The message names the server it tried (host:port), so the user knows which setting is wrong.
  const message = await workbench.waitForNotification(host.replace("http://", ""), 45_000);
  expect(message).toMatch(/cannot be reached|not running|unreachable/i);
  expect(message).not.toContain(token);
  await workbench.screenshot("07-server-down");
  const all = (await workbench.notifications()).join("\n");
  expect(all).not.toContain(token);
});
