// The new user's trial of issue 17, in a real VS Code on the demo server: save a GitHub token next to the existing
// "GitHub" item, generate two passwords with the default title, preview the file: every reference resolves, the
// old one to the item it always meant. Then Open in 1Password in VS Code for the Web says why no app opens.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getItem, listItems, listVaults, type ConnectItem } from "../harness/connect-data.js";
import { startSession, type Session } from "../harness/session.js";

// A GitHub-token-shaped value made up for this run: not a real credential.
const githubToken = `ghp_${"e2ePolishValue0123456789".repeat(2).slice(0, 36)}`;
const envText = [
  "GITHUB_LOGIN=op://Development/GitHub/password",
  `GITHUB_TOKEN=${githubToken}`,
  "DEPLOY_PASSWORD=",
  "WEBHOOK_SECRET=",
  "",
].join("\n");
let session: Session;
let development: { id: string; name: string };
let existingGitHub: ConnectItem;

beforeAll(async () => {
  session = await startSession({
    connectSeed: "demo",
    files: async (connect) => {
      const vaults = await listVaults(connect!.url, connect!.token);
      development = vaults.find((vault) => vault.name === "Development")!;
      const summary = (await listItems(connect!.url, connect!.token, development.id)).find(
        (item) => item.title === "GitHub",
      );
      if (!summary) throw new Error('the demo seed has no "GitHub" item in Development');
      existingGitHub = await getItem(connect!.url, connect!.token, development.id, summary.id);
      return { ".env": envText };
    },
    screenshotsForDocs: true,
  });
});

afterAll(async () => {
  await session?.close();
});

async function itemsTitled(title: string): Promise<ConnectItem[]> {
  const { url, token } = session.connect!;
  return (await listItems(url, token, development.id)).filter((item) => item.title === title);
}

/** Puts the cursor at the end of a line of the active editor (0-based). */
async function cursorAtEndOfLine(line: number): Promise<void> {
  const { page } = session.workbench;
  await page.locator(".editor-group-container.active .view-lines").first().click();
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
}

/** The value the title box offers, once it is shown. */
async function offeredTitle(stepTitle: string): Promise<string> {
  const { page } = session.workbench;
  const widget = page.locator(".quick-input-widget");
  await widget.locator(".quick-input-title", { hasText: stepTitle }).waitFor({ timeout: 30_000 });
  const input = widget.locator("input.input").first();
  await expect.poll(() => input.inputValue(), { timeout: 30_000 }).not.toBe("");
  return input.inputValue();
}

test('Save in 1Password next to the existing "GitHub" offers "GitHub 2", and the old reference keeps its item', async () => {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.openFile(".env");
  const lens = page.locator(".codelens-decoration a", { hasText: "Save in 1Password" }).first();
  await lens.waitFor({ timeout: 30_000 });
  await lens.click();
  await workbench.pick("Development", "Development");
  // Development has "GitHub": the token may join it, or go to a new item with a free title.
  const newItem = page.locator(".quick-input-widget .monaco-list-row", { hasText: 'New Item "GitHub 2"' });
  await newItem.first().waitFor({ timeout: 30_000 });
  await page.locator(".quick-input-widget input.input").first().fill("New Item");
  await page.keyboard.press("Enter");
  expect(await offeredTitle("Save in 1Password")).toBe("GitHub 2");
  await workbench.screenshot("22-save-offers-a-free-title");
  await page.locator(".quick-input-widget input.input").first().press("Enter");
  // The last step sums up the item (category, field label) and saves on Enter.
  const summary = page.locator(".quick-input-widget .monaco-list-row", { hasText: "GitHub 2" }).first();
  await summary.waitFor({ timeout: 30_000 });
  expect(await summary.innerText()).toContain("API Credential");
  await workbench.screenshot("23-save-sums-up-the-item");
  await page.keyboard.press("Enter");

  await expect
    .poll(() => workbench.editorText(), { timeout: 30_000 })
    .toContain('GITHUB_TOKEN="op://Development/GitHub 2/token"');
  expect(await itemsTitled("GitHub")).toHaveLength(1);
  expect(await itemsTitled("GitHub 2")).toHaveLength(1);
});

test("Generate Password twice with its default title makes two items whose references differ", async () => {
  const { workbench } = session;
  for (const [line, expected] of [
    [2, "Generated Password"],
    [3, "Generated Password 2"],
  ] as const) {
    await cursorAtEndOfLine(line);
    await workbench.runCommand("1Password: Generate Password");
    await workbench.pick("Development", "Development");
    expect(await offeredTitle("Generate Password")).toBe(expected);
    await session.workbench.page.locator(".quick-input-widget input.input").first().press("Enter");
    await workbench.pick("Insert Secret Reference");
    await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(`/${expected}/password`);
  }
  const text = await workbench.editorText();
  expect(text).toContain('DEPLOY_PASSWORD="op://Development/Generated Password/password"');
  expect(text).toContain('WEBHOOK_SECRET="op://Development/Generated Password 2/password"');
});

test("Preview with Secrets resolves every reference of the file, the old GitHub one to its own password", async () => {
  const { workbench } = session;
  const { page } = workbench;
  await page.keyboard.press("Control+S");
  await workbench.runCommand("1Password: Preview with Secrets");
  const confirm = page.locator(".monaco-dialog-box .monaco-button", { hasText: "Show Secrets" });
  await confirm.waitFor({ timeout: 30_000 });
  await confirm.click();
  await page.locator(".tab.active", { hasText: "(with secrets)" }).first().waitFor({ timeout: 30_000 });
  const githubPassword = existingGitHub.fields?.find((f) => f.purpose === "PASSWORD")?.value;
  await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(githubToken);
  const shown = await workbench.editorText();
  expect(shown).not.toContain("unresolved");
  expect(shown).toContain(`GITHUB_LOGIN=${githubPassword}`);
  expect(shown).not.toContain("op://");
  await page.keyboard.press("Control+W");
});

test("Open in 1Password app from the hover, in VS Code for the Web, says why and offers Copy Link", async () => {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.openFile(".env");
  const reference = page.locator(".view-line span", { hasText: "GitHub/password" }).first();
  await reference.hover();
  const hover = page.locator(".monaco-hover-content").filter({ hasText: "Open in 1Password app" }).first();
  await hover.waitFor({ timeout: 30_000 });
  const text = await hover.innerText();
  // Names, the type in words, one link to the app; the reference's own link reveals it in the view.
  expect(text).toContain("Vault: Development");
  expect(text).not.toContain(development.id);
  expect(text).toMatch(/Field: password · Password/);
  await workbench.screenshot("24-hover-names-and-app-link");
  await hover.locator("a", { hasText: "Open in 1Password app" }).click();
  const message = await workbench.waitForNotification("cannot be opened in the 1Password app");
  expect(message).toContain("VS Code runs in a browser here");
  await workbench.screenshot("25-open-in-app-from-the-browser");
});
