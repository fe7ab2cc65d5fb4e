// Debugging with secrets in a real VS Code: a launch configuration whose env and envFile hold op:// references runs a
// Node program that records what it received; the values arrive, the Debug Console shows them concealed, and no file of
// the workspace or the profile holds one.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findItemsWithPasswords, type ItemWithPassword } from "../harness/connect-data.js";
import { startSession, type Session } from "../harness/session.js";

let session: Session;
let items: ItemWithPassword[];
/** Outside the workspace and the profile: the program writes what it received here. */
let recordFolder: string;
let filesBefore: Map<string, Buffer>;

function reference({ vault, item, field }: ItemWithPassword): string {
  const section = item.sections?.find((s) => s.id === field.section?.id);
  return `op://${vault.name}/${item.title}/${section?.label ? `${section.label}/` : ""}${field.label}`;
}

const recorder = [
  "const fs = require('node:fs');",
  "const names = ['DB_PASSWORD', 'API_KEY', 'MODE', 'LOG_LEVEL'];",
  "fs.writeFileSync(process.argv[2], JSON.stringify(Object.fromEntries(names.map((n) => [n, process.env[n]]))));",
  "console.log(`recorded ${names.filter((n) => process.env[n]).length} variables`);",
  "console.log(`DB_PASSWORD is ${process.env.DB_PASSWORD}`);",
  "",
].join("\n");

/** Every file under `folder`, by relative path, with its bytes. */
async function filesUnder(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(folder.length + 1), await readFile(path).catch(() => Buffer.alloc(0)));
  }
  return files;
}

beforeAll(async () => {
  recordFolder = await mkdtemp(join(tmpdir(), "op-bridge-run-record-"));
  session = await startSession({
    connectSeed: "demo",
    files: async (connect) => {
      items = await findItemsWithPasswords(connect!.url, connect!.token, { count: 2 });
      if (items.length < 2 || items.some((i) => !i.field.value)) {
        throw new Error("the demo seed has fewer than two items with a password value");
      }
      const launch = {
        version: "0.2.0",
        configurations: [
          {
            type: "node",
            request: "launch",
            name: "Run with secrets",
            program: "${workspaceFolder}/record.js",
            args: [join(recordFolder, "received.json")],
            env: { DB_PASSWORD: reference(items[0]!), MODE: "e2e" },
            envFile: "${workspaceFolder}/.env",
          },
        ],
      };
      const tasks = {
        version: "2.0.0",
        tasks: [
          {
            label: "Print with secrets",
            type: "opBridge",
            command: "node",
            args: ["print.js"],
            envFile: "${workspaceFolder}/.env",
            problemMatcher: [],
          },
        ],
      };
      return {
        ".vscode/launch.json": `${JSON.stringify(launch, null, 2)}\n`,
        ".vscode/tasks.json": `${JSON.stringify(tasks, null, 2)}\n`,
        "print.js": "console.log(`API_KEY is ${process.env.API_KEY}, log level ${process.env.LOG_LEVEL}`);\n",
        ".env": `# read at launch, never written\nexport API_KEY="${reference(items[1]!)}"\nLOG_LEVEL=debug\n`,
        "record.js": recorder,
      };
    },
    // xterm's DOM renderer, so the terminal's text can be read from the page.
    settings: { "terminal.integrated.gpuAcceleration": "off" },
    screenshotsForDocs: true,
  });
  filesBefore = await filesUnder(session.workspace);
});

afterAll(async () => {
  await session?.close();
  await rm(recordFolder, { recursive: true, force: true });
});

test("a launch configuration's env and envFile references reach the program, and no file holds a value", async () => {
  const { workbench, workspace, codeServer } = session;
  const { page } = workbench;
  await workbench.openFile(".vscode/launch.json");
  await workbench.runCommand("Debug: Start Debugging");

  const allow = page.locator(".monaco-dialog-box .monaco-button", { hasText: "Allow" });
  await allow.waitFor({ timeout: 60_000 });
  const dialog = await page.locator(".monaco-dialog-box").innerText();
  expect(dialog).toContain('The launch configuration "Run with secrets" reads secrets from 1Password');
  for (const { item, vault } of items) expect(dialog).toContain(`"${item.title}" in ${vault.name}`);
  await workbench.screenshot("19-launch-consent");
  await allow.click();

  const received = join(recordFolder, "received.json");
  await expect
    .poll(() => readFile(received, "utf8").then(JSON.parse, () => undefined), { timeout: 60_000 })
    .toEqual({
      DB_PASSWORD: items[0]!.field.value,
      API_KEY: items[1]!.field.value,
      MODE: "e2e",
      LOG_LEVEL: "debug",
    });
  // The Debug Console opens on the first session; on a loaded machine it may not have yet: open it (Ctrl+Shift+Y).
  if (!(await page.locator(".repl").first().isVisible())) await page.keyboard.press("Control+Shift+Y");
  await page
    .locator(".repl .monaco-tl-row", { hasText: "recorded 4 variables" })
    .first()
    .waitFor({ timeout: 60_000 });
  // What the program printed of a value shows concealed in the Debug Console.
  const printed = page.locator(".repl .monaco-tl-row", { hasText: "DB_PASSWORD is" }).first();
  await printed.waitFor({ timeout: 60_000 });
  expect((await printed.innerText()).replace(/\u00a0/g, " ")).toContain(
    "DB_PASSWORD is <concealed by 1Password>",
  );
  expect(await page.locator(".repl").first().innerText()).not.toContain(items[0]!.field.value!);
  await workbench.screenshot("20-launch-with-secrets");

  // The workspace is byte for byte as it was, and neither it nor the profile holds a value anywhere.
  expect(await filesUnder(workspace)).toEqual(filesBefore);
  const values = items.map((i) => i.field.value!);
  for (const folder of [workspace, codeServer.userDataDir]) {
    for (const [path, bytes] of await filesUnder(folder)) {
      for (const value of values) {
        expect(bytes.includes(value), `${path} holds a secret value`).toBe(false);
        expect(bytes.includes(Buffer.from(value, "utf16le")), `${path} holds a secret value`).toBe(false);
      }
    }
  }
});

test("an opBridge task runs with the .env's secrets and its terminal shows them masked", async () => {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.runCommand("Tasks: Run Task");
  await workbench.pick("Print with secrets", "Print with secrets");

  const allow = page.locator(".monaco-dialog-box .monaco-button", { hasText: "Allow" });
  await allow.waitFor({ timeout: 60_000 });
  expect(await page.locator(".monaco-dialog-box").innerText()).toContain(
    'The task "Print with secrets" reads secrets',
  );
  await allow.click();

  const rows = page.locator(".terminal-wrapper.active .xterm-rows").first();
  await expect.poll(() => rows.innerText().catch(() => ""), { timeout: 60_000 }).toContain("log level debug");
  const shown = (await rows.innerText()).replace(/\u00a0/g, " ");
  expect(shown).toContain("API_KEY is <concealed by 1Password>, log level debug");
  expect(shown).not.toContain(items[1]!.field.value!);
  await workbench.screenshot("21-task-output-masked");
});
