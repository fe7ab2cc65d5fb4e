// What a person does with the demo server configured through OP_CONNECT_HOST/OP_CONNECT_TOKEN:
// insert a reference into .env, hover it, browse the tree. Screenshots of each state go to docs/screenshots.
import { afterAll, beforeAll, expect, test } from "vitest";
import { findItemsWithPasswords, type ItemWithPassword } from "../harness/connect-data.js";
import { startSession, type Session } from "../harness/session.js";

let session: Session;
let target: ItemWithPassword;

beforeAll(async () => {
  session = await startSession({
    files: { ".env": "# Secrets for the app\nDATABASE_PASSWORD=\n" },
    connectSeed: "demo",
    screenshotsForDocs: true,
  });
  const connect = session.connect!;
  const [first] = await findItemsWithPasswords(connect.url, connect.token, { count: 1 });
  if (first === undefined) throw new Error("the demo seed has no item with a password field");
  target = first;
});

afterAll(async () => {
  await session?.close();
});

test("Insert Secret Reference puts the chosen field's op:// reference into .env", async () => {
  const { workbench } = session;
  await workbench.openFile(".env");
  // The cursor goes after "DATABASE_PASSWORD=".
  await workbench.page.keyboard.press("Control+End");
  await workbench.page.keyboard.press("ArrowUp");
  await workbench.page.keyboard.press("End");

  await workbench.runCommand("1Password: Insert Secret Reference");
  await workbench.quickPickRows();
  await workbench.screenshot("02-insert-reference-pick-item");
  await workbench.pick(target.item.title, target.item.title);
  await workbench.quickPickRows();
  await workbench.screenshot("03-insert-reference-pick-field");
  await workbench.pick(target.field.label ?? target.field.id);

  const expected = `DATABASE_PASSWORD=op://${target.vault.name}/${target.item.title}/`;
  await expect.poll(() => workbench.editorText(), { timeout: 15_000 }).toContain(expected);
  const text = await workbench.editorText();
  // The value itself never reaches the file.
  if (target.field.value) expect(text).not.toContain(target.field.value);
  await workbench.screenshot("04-reference-inserted");
});

test("hovering the reference shows vault, item and field, never the value", async () => {
  const { workbench, page } = { workbench: session.workbench, page: session.workbench.page };
  const reference = page
    .locator(".editor-group-container.active .view-line span", { hasText: "op://" })
    .last();
  await reference.hover();
  const hover = page.locator(".monaco-hover-content").filter({ hasText: target.item.title }).first();
  await hover.waitFor({ timeout: 20_000 });
  const shown = await hover.innerText();
  expect(shown).toContain(target.vault.name);
  expect(shown).toContain(target.item.title);
  if (target.field.value) expect(shown).not.toContain(target.field.value);
  await workbench.screenshot("05-hover-reference");
});

test("the 1Password view lists the vaults, and a vault's items", async () => {
  const { workbench, page } = { workbench: session.workbench, page: session.workbench.page };
  await page.keyboard.press("Escape");
  await page.locator('.activitybar [aria-label^="1Password"]').first().click();
  const tree = page.locator(".pane-body .monaco-list-row");
  const vaultRow = tree.filter({ hasText: target.vault.name }).first();
  await vaultRow.waitFor({ timeout: 30_000 });
  await vaultRow.click();
  await tree.filter({ hasText: target.item.title }).first().waitFor({ timeout: 30_000 });
  await workbench.screenshot("06-browse-tree");
});
