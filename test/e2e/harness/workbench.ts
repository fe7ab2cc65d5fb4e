// Drives the VS Code workbench in Debian's Chromium the way a person does: palette, quick picks, editor, notifications.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { chromiumPath, requireFile } from "./paths.js";

/** Debian's Chromium as the suite runs it: headless, no sandbox (root in CI), nothing fetched in the background. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Workbench {
  page: Page;
  /** Opens the command palette, types the command's title and runs it. */
  runCommand(title: string): Promise<void>;
  /** Waits for the quick pick, types `filter` and accepts the row whose label contains `label`. */
  pick(label: string, filter?: string): Promise<void>;
  /**
   * Types into an open input box (Connect URL, token, …) and accepts it. In a multi-step flow pass the step's
   * title: the widget is reused between steps, so without it the text could land in the step just accepted.
   */
  submitInput(text: string, stepTitle?: string): Promise<void>;
  /** Labels of the rows the open quick pick shows. */
  quickPickRows(): Promise<string[]>;
  /** Opens a workspace file through Quick Open. */
  openFile(relativePath: string): Promise<void>;
  /** The text of the active editor as shown (non-breaking spaces read as spaces). */
  editorText(): Promise<string>;
  /** Waits for a notification toast containing `text` and returns its full message. */
  waitForNotification(text: string | RegExp, timeoutMs?: number): Promise<string>;
  notifications(): Promise<string[]>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  url: string;
  /** Where screenshot(name) writes name.png. */
  screenshotDir: string;
  viewport?: { width: number; height: number };
}

export async function openWorkbench(options: OpenWorkbenchOptions): Promise<Workbench> {
  requireFile(chromiumPath, "install Debian's chromium (`apt-get install -y chromium`; .ci/run does)");
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    await page.goto(options.url);
    // The first load of a fresh profile is slow: wait for the workbench, then for the editor area to settle.
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".part.statusbar").waitFor({ timeout: 60_000 });
    return createWorkbench(page, browser, options.screenshotDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
}

function quickInput(page: Page): Locator {
  return page.locator(".quick-input-widget");
}

function createWorkbench(page: Page, browser: Browser, screenshotDir: string): Workbench {
  const input = () => quickInput(page).locator("input.input").first();
  const rows = () => quickInput(page).locator(".monaco-list-row");

  // The row whose label is exactly `label` (descriptions and details may mention it too).
  const acceptRow = async (label: string) => {
    const exactLabel = page.locator(".label-name", {
      hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`),
    });
    const row = rows().filter({ has: exactLabel }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
  };

  const workbench: Workbench = {
    page,
    async runCommand(title) {
      await page.keyboard.press("F1");
      await input().waitFor({ state: "visible", timeout: 15_000 });
      await input().fill(`>${title}`);
      await acceptRow(title);
    },
    async pick(label, filter) {
      await input().waitFor({ state: "visible", timeout: 30_000 });
      if (filter !== undefined) await input().fill(filter);
      await acceptRow(label);
    },
    async submitInput(text, stepTitle) {
      if (stepTitle !== undefined) {
        await quickInput(page)
          .locator(".quick-input-title", { hasText: stepTitle })
          .waitFor({ state: "visible", timeout: 30_000 });
      }
      await input().waitFor({ state: "visible", timeout: 30_000 });
      await input().fill(text);
      await input().press("Enter");
    },
    async quickPickRows() {
      await rows().first().waitFor({ timeout: 30_000 });
      return (await rows().locator(".label-name").allInnerTexts()).map(normalizeSpaces);
    },
    async openFile(relativePath) {
      await page.keyboard.press("Control+P");
      await input().waitFor({ state: "visible", timeout: 15_000 });
      await input().fill(relativePath);
      const name = relativePath.split("/").at(-1) ?? relativePath;
      await acceptRow(name);
      await page.locator(`.tab.active[aria-label^="${name}"]`).first().waitFor({ timeout: 15_000 });
      await page.locator(".editor-group-container.active .view-lines").first().waitFor({ timeout: 15_000 });
    },
    async editorText() {
      // Lines are absolutely positioned divs in render order, not file order: sort them by their offset.
      const lines = page.locator(".editor-group-container.active .view-lines").first().locator(".view-line");
      const rendered = await lines.evaluateAll((nodes) =>
        nodes.map((node) => ({
          top: parseFloat((node as HTMLElement).style.top),
          text: node.textContent ?? "",
        })),
      );
      return rendered
        .sort((a, b) => a.top - b.top)
        .map((line) => normalizeSpaces(line.text))
        .join("\n");
    },
    async waitForNotification(text, timeoutMs = 30_000) {
      const toast = page
        .locator(".notifications-toasts .notification-list-item-message")
        .filter({ hasText: text })
        .first();
      await toast.waitFor({ timeout: timeoutMs });
      // Toasts slide in: wait until it stops moving, so a screenshot shows it whole.
      await waitUntilStill(toast);
      return normalizeSpaces(await toast.innerText());
    },
    async notifications() {
      const messages = page.locator(".notifications-toasts .notification-list-item-message");
      return (await messages.allInnerTexts()).map(normalizeSpaces);
    },
    async screenshot(name) {
      await mkdir(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => browser.close(),
  };
  return workbench;
}

async function waitUntilStill(locator: Locator, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = await locator.boundingBox();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await locator.boundingBox();
    if (current && previous && current.x === previous.x && current.y === previous.y) return;
    previous = current;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function normalizeSpaces(text: string): string {
  return text.replace(/\u00a0/g, " ");
}
