// "Search Vaults" with metadata and a loopback Connect server: every vault once, empty ones too, and a vault's
// items with the same actions (Connect copies, details) as Search Items.
import { rm } from "node:fs/promises";
import { act, type ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import SearchVaults from "../../raycast-extension/src/search-vaults";
import { isComponent } from "./helpers/components";
import type { TestConnect } from "./helpers/connect";
import { closeCommandFixtures, connectPersonalWithGitHub, openCommandFixtures } from "./helpers/fixtures";
import { DROPBOX, RECORDS, recordPath, writeMetadataFolder, writeRecord } from "./helpers/metadata";
import {
  actionNamed,
  actionsOf,
  byType,
  itemNamed,
  itemTitles,
  listOf,
  renderCommand,
  renderPart,
  runAction,
  sleep,
  typeText,
  unmount,
  until,
} from "./helpers/render";
import { recorder } from "./stand-in/raycast-api";

let root: string;
let support: string;
let server: TestConnect;
let renderer: ReactTestRenderer | undefined;

beforeAll(async () => {
  ({ root, support, server } = await openCommandFixtures({
    vaults: [
      connectPersonalWithGitHub({
        fields: [{ id: "password", type: "CONCEALED", purpose: "PASSWORD", value: "gh-secret" }],
      }),
      { id: "vaultempty0000000000000000", name: "Archive", items: [] },
    ],
  }));
});
afterAll(() => closeCommandFixtures({ root, support, server }));
afterEach(async () => {
  await unmount(renderer);
  renderer = undefined;
});

/** The pushed list of a vault's items, rendered on its own. */
function openVault(r: ReactTestRenderer, name: string): ReactTestRenderer {
  const push = renderPart(itemNamed(r, name).props.actions).root.find((n) => isComponent(n, "Action.Push"));
  return renderPart(push.props.target);
}

describe("Search Vaults", () => {
  it("lists metadata and Connect vaults once each, empty Connect vaults included", async () => {
    renderer = await renderCommand(<SearchVaults />, {
      metadataFolder: root,
      connectUrl: server.url,
      connectToken: server.token,
    });
    await until(() => itemTitles(renderer as ReactTestRenderer).length === 3, "three vaults");
    expect(itemTitles(renderer)).toEqual(["Archive", "Personal", "Work"]);
    expect(itemNamed(renderer, "Archive").props.accessories).toEqual([{ text: "0 items" }]);
    expect(itemNamed(renderer, "Personal").props.accessories).toEqual([{ text: "2 items" }]);
  });

  it("opens a vault's items with Connect copies, a working detail toggle and search", async () => {
    renderer = await renderCommand(<SearchVaults />, {
      metadataFolder: root,
      connectUrl: server.url,
      connectToken: server.token,
    });
    await until(
      () =>
        byType(renderer as ReactTestRenderer, "List.Item").some(
          (n) => n.props.title === "Personal" && n.props.accessories[0]?.text === "2 items",
        ),
      "metadata and Connect vaults",
    );
    await until(() => {
      const items = openVault(renderer as ReactTestRenderer, "Personal");
      return actionsOf(items, "GitHub").some((a) => a.props.title === "Copy Password");
    }, "GitHub readable through Connect");
    const items = openVault(renderer, "Personal");
    expect(itemTitles(items)).toEqual(["GitHub", "Visa"]);

    await runAction(actionNamed(items, "GitHub", "Copy Password"));
    await until(() => recorder.clipboard.length > 0, "copy");
    expect(recorder.clipboard).toEqual([{ content: "gh-secret", concealed: true }]);

    await runAction(actionNamed(items, "GitHub", "Show Details"));
    expect(listOf(items).props.isShowingDetail).toBe(true);
    expect(byType(items, "List.Item").every((n) => n.props.detail !== undefined)).toBe(true);

    expect(listOf(items).props.filtering).toBe(false);
    await typeText(items, "vis");
    expect(itemTitles(items)).toEqual(["Visa"]);
  });

  it("keeps an open vault's list current: items written or removed meanwhile show at once", async () => {
    const live = await writeMetadataFolder(RECORDS, "raycast-vault-live-");
    let items: ReactTestRenderer | undefined;
    try {
      renderer = await renderCommand(<SearchVaults />, { metadataFolder: live });
      await until(() => itemTitles(renderer as ReactTestRenderer).includes("Personal"), "vaults");
      items = openVault(renderer, "Personal");
      expect(itemTitles(items)).toEqual(["GitHub", "Visa"]);
      await act(async () => sleep(100)); // the watch starts after the first load
      await writeRecord(live, DROPBOX);
      await until(() => itemTitles(items as ReactTestRenderer).includes("Dropbox"), "the new item", 200);
      expect(listOf(items).props.searchBarPlaceholder).toBe("Search 3 items in Personal");
      await rm(recordPath(live, RECORDS[2]!));
      await until(
        () => !itemTitles(items as ReactTestRenderer).includes("Visa"),
        "the removed item gone",
        200,
      );
      // Another vault's items never show here.
      expect(itemTitles(items)).toEqual(["Dropbox", "GitHub"]);
    } finally {
      await unmount(items);
      await rm(live, { recursive: true, force: true });
    }
  });
});
