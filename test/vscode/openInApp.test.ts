// Open in 1Password never does nothing: where no desktop app can take the link it says so and offers Copy Link and
// the 1Password view. The tree never stalls: a load that does not answer ends on Refresh or after its timeout.
import type { ItemSummary } from "@op-bridge/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { openInApp } from "../../vscode-extension/src/commands/itemActions.js";
import type { Source } from "../../vscode-extension/src/sources/SourceRegistry.js";
import { ItemsTreeProvider } from "../../vscode-extension/src/tree/ItemsTreeProvider.js";
import { VaultNode } from "../../vscode-extension/src/tree/nodes.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
const item = {
  id: "iiiiiiiiiiiiiiiiiiiiiiiii1",
  vaultId: "vvvvvvvvvvvvvvvvvvvvvvvvv1",
  title: "GitHub",
} as ItemSummary;
const url = "onepassword7://view/vvvvvvvvvvvvvvvvvvvvvvvvv1/iiiiiiiiiiiiiiiiiiiiiiiii1";

beforeEach(() => standIn.reset());

describe("Open in 1Password", () => {
  test("on a desktop the link goes to the app, and nothing more is said", async () => {
    await openInApp(item, async () => undefined);
    expect(standIn.state.opened).toEqual([url]);
    expect(standIn.state.notifications).toEqual([]);
  });

  test("in VS Code for the Web it says why the app cannot open, and Copy Link copies the link", async () => {
    standIn.state.uiKind = vscode.UIKind.Web;
    standIn.answer({ message: "Copy Link" });
    await openInApp(item, async () => undefined);
    // The browser would answer "opened" whatever happened: the link is not sent there.
    expect(standIn.state.opened).toEqual([]);
    expect(standIn.state.notifications[0]).toEqual({
      level: "warning",
      message:
        '"GitHub" cannot be opened in the 1Password app: VS Code runs in a browser here, and links from it do not reach the 1Password app.',
      items: ["Copy Link", "Show in 1Password View"],
    });
    expect(standIn.state.clipboard).toBe(url);
    expect(standIn.messages("info")).toEqual([
      "Copied the 1Password link: open it on a computer where the 1Password app is installed.",
    ]);
  });

  test("when the app does not take the link, Show in 1Password View reveals the item instead", async () => {
    standIn.state.openExternalAnswer = false;
    let revealed = 0;
    standIn.answer({ message: "Show in 1Password View" });
    await openInApp(item, async () => {
      revealed++;
    });
    expect(standIn.messages("warning")).toEqual([
      '"GitHub" cannot be opened in the 1Password app: the app did not take the link (is 1Password installed on this computer?).',
    ]);
    expect(revealed).toBe(1);
  });

  test("in a remote window the link goes to the local computer, and the user hears what to do if no app opened", async () => {
    standIn.state.remoteName = "ssh-remote";
    await openInApp(item);
    expect(standIn.state.opened).toEqual([url]);
    expect(standIn.state.notifications).toEqual([
      {
        level: "info",
        message:
          'Asked the 1Password app on this computer to open "GitHub". If it did not open, copy the link to open it where 1Password is installed.',
        items: ["Copy Link"],
      },
    ]);
  });
});

describe("the 1Password view", () => {
  let server: TestConnect;
  beforeAll(async () => {
    server = await startTestConnect();
  });
  afterAll(async () => {
    await server.close();
  });

  /** The registry's source, with item listing that never answers (unless aborted) while `hang` is set. */
  async function hangingTree(timeoutMs = 20) {
    const log = vscode.window.createOutputChannel("test", { log: true });
    const registry = createTestRegistry(connectEnv(server), { log });
    const [source] = await registry.sources();
    const listItems = source!.provider.listItems.bind(source!.provider);
    const control = { hang: true };
    (source as Source).provider.listItems = (options) =>
      control.hang
        ? new Promise((_resolve, reject) =>
            options?.signal?.addEventListener("abort", () => reject(options.signal!.reason)),
          )
        : listItems(options);
    return {
      provider: new ItemsTreeProvider(registry, log),
      timingOut: new ItemsTreeProvider(registry, log, timeoutMs),
      control,
    };
  }

  test("Refresh ends a vault's load that never answered, and the vault expands again", async () => {
    const { provider, control } = await hangingTree();
    const [vault] = (await provider.getChildren()) as VaultNode[];
    const stalled = provider.getChildren(vault);
    provider.refresh();
    // Before, the load went on forever and VS Code waited for it before asking again.
    expect(await stalled).toEqual([]);
    control.hang = false;
    const items = await provider.getChildren(vault);
    expect(items.map((n) => n.label)).toEqual(["Postgres Staging", "Stripe: live key"]);
  });

  test("a load that never answers ends after the timeout with a message that says what to do", async () => {
    const { provider, timingOut } = await hangingTree(20);
    const [vault] = (await provider.getChildren()) as VaultNode[];
    const [message] = await timingOut.getChildren(vault);
    expect(message?.label).toBe(`Connect server did not answer in 20 ms: run Refresh to try again.`);
  });
});
