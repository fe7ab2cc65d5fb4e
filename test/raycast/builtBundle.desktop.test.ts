// The built Search 1Password Items bundle (the `ray build` output Raycast runs) with the 1Password 8 account
// preference, against the stand-in desktop app: the SDK inlined in the bundle loads the stand-in's library
// from /opt/1Password (run-with-app.ts installs it), so its own client setup, encoding and error classes run.
// The bundle is reused from .cache/raycast-bundles while it is newer than the sources (see builtBundle.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type React from "react";
import type { ReactTestInstance, ReactTestRenderer } from "react-test-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, buildDemoAccounts } from "../desktop-app/accounts.js";
import { resolveReference } from "../desktop-app/secretReferences.js";
import { useDesktopApp } from "../desktop-app/useDesktopApp.js";
import { findComponents, isAction } from "./helpers/components.js";
import {
  bundleView,
  currentWorkspaceBundles,
  loadBuiltBundles,
  type BundleView,
  type LoadedBundles,
} from "./helpers/builtBundle.js";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const app = useDesktopApp();
const company = buildDemoAccounts()[0]!;
const githubPassword = resolveReference(company, "op://Development/GitHub/password").secret;
/** Every item title of the company account, as the app holds them. */
const companyTitles = [...company.vaults.values()].flatMap((vault) =>
  [...vault.items.values()].map((item) => item.title),
);

const rows = (list: ReactTestRenderer): ReactTestInstance[] => findComponents(list.root, "List.Item");
const titles = (list: ReactTestRenderer) => rows(list).map((n) => n.props.title as string);
/** The rows of the vault sections: the items, without the Setup and Accounts rows. */
const itemTitles = (list: ReactTestRenderer) =>
  findComponents(list.root, "List.Section")
    .filter((section) => section.props.title !== "Setup" && section.props.title !== "Accounts")
    .flatMap((section) => findComponents(section, "List.Item").map((n) => n.props.title as string));
const searchBar = (list: ReactTestRenderer) =>
  findComponents(list.root, "List")[0]?.props.searchBarPlaceholder as string | undefined;

let loaded: LoadedBundles;
let outFolder: string;
let supportFolder: string;
let view: BundleView;

beforeAll(async () => {
  outFolder = await currentWorkspaceBundles();
  loaded = await loadBuiltBundles();
  supportFolder = await mkdtemp(join(tmpdir(), "raycast-bundle-support-"));
}, 300_000);
afterAll(async () => {
  loaded?.close();
  if (supportFolder) await rm(supportFolder, { recursive: true, force: true });
});

/** Renders the built command with only the desktop-app account preference set. */
async function searchItems(): Promise<ReactTestRenderer> {
  const { standIn, react } = loaded;
  standIn.recorder.reset({ desktopAccounts: DEMO_ACCOUNTS.company.name });
  standIn.environment.assetsPath = join(outFolder, "assets");
  standIn.environment.supportPath = supportFolder;
  view = bundleView(loaded);
  return view.render(react.createElement(loaded.command(join(outFolder, "search-items.js"))));
}

describe("the built Search 1Password Items bundle through the desktop app", () => {
  it("lists the account's items from the app and copies a password read at that moment, concealed", async () => {
    const list = await searchItems();
    try {
      // The list shows the first 200 matches; its search bar counts every item it holds.
      await view.until(
        () => (searchBar(list) === `Search ${companyTitles.length} items` ? true : undefined),
        "every item of the account",
      );
      expect(itemTitles(list)).toContain("GitHub");
      expect(companyTitles).toEqual(expect.arrayContaining(itemTitles(list)));
      const github = rows(list).find((n) => n.props.title === "GitHub")!;
      const panel = await view.render(github.props.actions as React.ReactElement);
      const copy = panel.root.findAll(isAction).find((n) => n.props.title === "Copy Password");
      expect(copy, "a Copy Password action on GitHub").toBeDefined();
      const before = app().calls.length;
      await loaded.renderer.act(async () => {
        await (copy!.props.onAction as () => unknown)();
      });
      const clipboard = await view.until(
        () => (loaded.standIn.recorder.clipboard.length > 0 ? loaded.standIn.recorder.clipboard : undefined),
        "the copy",
      );
      expect(clipboard).toEqual([{ content: githubPassword, concealed: true }]);
      // The value was read from the app when copied, not kept from the listing.
      expect(
        app()
          .calls.slice(before)
          .map((c) => c.invocation),
      ).toContain("ItemsGet");
      expect(JSON.stringify([titles(list), loaded.standIn.recorder.toasts])).not.toContain(githubPassword);
    } finally {
      await view.close();
    }
  });

  it("a locked app gives the account's guided row, with Retry, instead of its items", async () => {
    await app().setFailure("locked");
    const list = await searchItems();
    try {
      const row = await view.until(
        () => rows(list).find((n) => String(n.props.title).startsWith(`${DEMO_ACCOUNTS.company.name}:`)),
        "the account's row",
      );
      expect(row.props.subtitle).toMatch(/^1Password is locked: unlock the app/);
      const panel = await view.render(row.props.actions as React.ReactElement);
      expect(panel.root.findAll(isAction).map((n) => n.props.title)).toContain("Retry");
      expect(itemTitles(list)).toEqual([]);
    } finally {
      await view.close();
    }
  });
});
