// The packaged extension installs into a real VS Code and its commands reach the command palette.
import { afterAll, beforeAll, expect, test } from "vitest";
import { extensionId } from "../harness/paths.js";
import { startSession, type Session } from "../harness/session.js";

let session: Session;

beforeAll(async () => {
  session = await startSession({ files: { ".env": "API_KEY=\n" }, screenshotsForDocs: true });
});

afterAll(async () => {
  await session?.close();
});

test("the extension is installed and its commands are in the palette", async () => {
  expect(await session.codeServer.listExtensions()).toContain(extensionId);

  const { workbench } = session;
  // Insert Secret Reference is offered only while an editor is open.
  await workbench.openFile(".env");
  await workbench.page.keyboard.press("F1");
  await workbench.page.keyboard.type("1Password: ");
  const rows = await workbench.quickPickRows();
  expect(rows).toContain("1Password: Connect to Server…");
  expect(rows).toContain("1Password: Insert Secret Reference");
  await workbench.screenshot("01-command-palette");
  await workbench.page.keyboard.press("Escape");
});
