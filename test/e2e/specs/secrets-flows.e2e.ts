// The flows that move secrets out of files and back on screen, as a person runs them in a real VS Code on the demo
// server: "Save in 1Password" on a detected token, "Preview with Secrets", and "Generate Password".
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  findItemsWithPasswords,
  getItem,
  listItems,
  type ConnectItem,
  type ItemWithPassword,
} from "../harness/connect-data.js";
import { startSession, type Session } from "../harness/session.js";

// A GitHub-token-shaped value made up for this run: not a real credential.
const githubToken = `ghp_${"e2eDemoValue0123456789".repeat(2).slice(0, 36)}`;
let session: Session;
let known: ItemWithPassword;
const configYaml = () =>
  [
    "database:",
    `  password: ${reference(known)}`,
    `  replica: op://${known.vault.name}/No Such Item/password`,
    "",
  ].join("\n");

function reference({ vault, item, field }: ItemWithPassword): string {
  const section = item.sections?.find((s) => s.id === field.section?.id);
  return `op://${vault.name}/${item.title}/${section?.label ? `${section.label}/` : ""}${field.label}`;
}

beforeAll(async () => {
  // config.yaml points at a real item of the demo server, so the server's items are read before the editor starts.
  session = await startSession({
    connectSeed: "demo",
    files: async (connect) => {
      const [first] = await findItemsWithPasswords(connect!.url, connect!.token, { count: 1 });
      if (!first?.field.value) throw new Error("the demo seed has no item with a password value");
      known = first;
      return {
        "legacy.env": `GITHUB_TOKEN=${githubToken}\nLOG_LEVEL=debug\n`,
        ".env": "NEW_PASSWORD=\n",
        "config.yaml": configYaml(),
      };
    },
    screenshotsForDocs: true,
  });
});

afterAll(async () => {
  await session?.close();
});

async function findItemByTitle(vaultId: string, title: string): Promise<ConnectItem | undefined> {
  const { url, token } = session.connect!;
  const summary = (await listItems(url, token, vaultId)).find((item) => item.title === title);
  return summary && getItem(url, token, vaultId, summary.id);
}

test("Save in 1Password moves a detected token into a vault and leaves its reference in the file", async () => {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.openFile("legacy.env");
  const lens = page.locator(".codelens-decoration a", { hasText: "Save in 1Password" }).first();
  await lens.waitFor({ timeout: 30_000 });
  await workbench.screenshot("10-save-in-1password-lens");
  await lens.click();

  await workbench.pick(known.vault.name, known.vault.name);
  await workbench.submitInput("GitHub CI Token", "Save in 1Password");
  // The last step sums up the new item and saves on Enter.
  await page
    .locator(".quick-input-widget .monaco-list-row", { hasText: "GitHub CI Token" })
    .first()
    .waitFor();
  await page.keyboard.press("Enter");

  // The title has spaces, so in .env the reference is quoted; the field is labelled as GitHub names it.
  const expected = `GITHUB_TOKEN="op://${known.vault.name}/GitHub CI Token/token"`;
  await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(expected);
  expect(await workbench.editorText()).not.toContain(githubToken);
  await workbench.screenshot("11-saved-as-reference");

  const saved = await findItemByTitle(known.vault.id, "GitHub CI Token");
  expect(saved?.fields?.find((field) => field.label === "token")?.value).toBe(githubToken);
});

test("Preview with Secrets shows values beside the file, a broken reference with its reason, and writes nothing", async () => {
  const { workbench, workspace } = session;
  const { page } = workbench;
  await workbench.openFile("config.yaml");

  await workbench.runCommand("1Password: Preview with Secrets");
  const confirm = page.locator(".monaco-dialog-box .monaco-button", { hasText: "Show Secrets" });
  await confirm.waitFor({ timeout: 30_000 });
  await workbench.screenshot("12-preview-confirmation");
  await confirm.click();

  await page.locator(".tab.active", { hasText: "(with secrets)" }).first().waitFor({ timeout: 30_000 });
  await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(known.field.value!);
  const shown = await workbench.editorText();
  expect(shown).toMatch(/No Such Item\/password <unresolved: [^>]+>/);
  await workbench.screenshot("13-preview-with-secrets");

  // The file on disk still holds references only.
  expect(await readFile(join(workspace, "config.yaml"), "utf8")).toBe(configYaml());
});

test("Generate Password creates a Password item and inserts its reference", async () => {
  const { workbench } = session;
  const { page } = workbench;
  await page.keyboard.press("Escape");
  await workbench.openFile(".env");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("End");

  await workbench.runCommand("1Password: Generate Password");
  await workbench.pick(known.vault.name, known.vault.name);
  await workbench.submitInput("Deploy Key", "Generate Password");
  await workbench.pick("Insert Secret Reference");

  const expected = `NEW_PASSWORD="op://${known.vault.name}/Deploy Key/password"`;
  await expect.poll(() => workbench.editorText(), { timeout: 30_000 }).toContain(expected);
  await workbench.screenshot("14-generated-password-reference");

  const created = await findItemByTitle(known.vault.id, "Deploy Key");
  expect(created?.category).toBe("PASSWORD");
  const password = created?.fields?.find((field) => field.purpose === "PASSWORD")?.value ?? "";
  // The default recipe of the settings: 32 characters of letters, digits and symbols.
  expect(password).toHaveLength(32);
  expect(await workbench.editorText()).not.toContain(password);
});
