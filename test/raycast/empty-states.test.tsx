// What each list says when it has nothing to show once loading is done, with the action that helps: no items or
// vaults at all (the preferences), nothing matching (other words), and no verdict while still loading.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReactTestInstance, ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EmptyItemsView } from "../../raycast-extension/src/components/EmptyItemsView";
import SearchItems from "../../raycast-extension/src/search-items";
import SearchVaults from "../../raycast-extension/src/search-vaults";
import { writeMetadataFolder } from "./helpers/metadata";
import {
  byType,
  itemTitles,
  listOf,
  renderCommand,
  renderPart,
  runAction,
  typeText,
  unmount,
  until,
} from "./helpers/render";
import { environment, recorder } from "./stand-in/raycast-api";

let empty: string;
let full: string;
let renderer: ReactTestRenderer | undefined;
beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), "raycast-empty-"));
  full = await writeMetadataFolder();
  environment.supportPath = await mkdtemp(join(tmpdir(), "raycast-empty-support-"));
});
afterAll(async () => {
  for (const folder of [empty, full, environment.supportPath])
    await rm(folder, { recursive: true, force: true });
});
afterEach(async () => {
  await unmount(renderer);
  renderer = undefined;
});

const emptyView = (r: ReactTestRenderer) => byType(r, "List.EmptyView")[0] as ReactTestInstance;

async function expectPreferencesHelp(view: ReactTestInstance) {
  const help = renderPart(view.props.actions).root.find(
    (n) => n.props.title === "Open Extension Preferences",
  );
  await runAction(help);
  expect(recorder.opened).toEqual(["raycast://extension-preferences"]);
}

describe("empty lists", () => {
  it("Search Items with no item anywhere says so and opens the preferences", async () => {
    renderer = await renderCommand(<SearchItems />, { metadataFolder: empty });
    const r = renderer;
    await until(() => listOf(r).props.isLoading === false, "loading done");
    expect(itemTitles(r)).toEqual([]);
    expect(emptyView(r).props.title).toBe("No items yet");
    await expectPreferencesHelp(emptyView(r));
  });

  it("Search Items with items but no match says no matching items, without sending anyone to the preferences", async () => {
    renderer = await renderCommand(<SearchItems />, { metadataFolder: full });
    const r = renderer;
    await until(() => itemTitles(r).length === 3, "items");
    await typeText(r, "zzzz-nothing-like-this");
    await until(() => itemTitles(r).length === 0, "no hits");
    expect(emptyView(r).props).toMatchObject({ title: "No matching items" });
    expect(emptyView(r).props.actions).toBeUndefined();
  });

  it("Search Vaults with no vault says so and opens the preferences", async () => {
    renderer = await renderCommand(<SearchVaults />, { metadataFolder: empty });
    const r = renderer;
    await until(() => listOf(r).props.isLoading === false, "loading done");
    expect(emptyView(r).props.title).toBe("No vaults yet");
    await expectPreferencesHelp(emptyView(r));
  });

  it("gives no verdict while the sources are still loading", () => {
    const view = renderPart(<EmptyItemsView total={0} noun="items" isLoading />);
    const shown = view.root.find((n) => n.type === ("List.EmptyView" as never));
    expect(shown.props.title).toBe("Loading items…");
    expect(shown.props.actions).toBeUndefined();
  });
});
