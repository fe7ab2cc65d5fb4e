// The README's Raycast pictures, taken by a test: "Search 1Password Items" rendered over the demo metadata folder and
// the local Connect server (Raycast itself is macOS-only), drawn as Raycast's window and photographed in Chromium.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement } from "react";
import type { ReactTestRenderer } from "react-test-renderer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defaultMetadataRoot } from "@op-bridge/shared";
import SearchItems from "../../../raycast-extension/src/search-items.js";
import { startConnectServer, type ConnectServer } from "../../connect-server/server.js";
import { DEMO_METADATA_ITEMS, writeDemoMetadata } from "../../fixtures/metadata/demo.js";
import { environment } from "../../raycast/stand-in/raycast-api.js";
import { repoRoot, screenshotsDir } from "../harness/paths.js";
import { captureList, type ListPicture } from "../harness/raycastCapture.js";
import {
  buildRaycastPage,
  keysShown,
  openPictureCamera,
  type PictureCamera,
  type PictureOptions,
} from "../harness/raycastPicture.js";
import { itemTitles, listOf, renderCommand, typeText, unmount, until } from "../harness/raycastRender.js";

const COMMAND = "Search 1Password Items";
const QUERY = "git";

let scratch: string;
let server: ConnectServer;
let camera: PictureCamera;
let renderer: ReactTestRenderer | undefined;
let options: PictureOptions;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "raycast-pictures-"));
  await writeDemoMetadata(join(scratch, "metadata"));
  // A fresh support folder: no remembered uses reorder the list, so the picture is the same every run.
  (environment as { supportPath: string }).supportPath = await mkdtemp(join(scratch, "support-"));
  server = await startConnectServer({ port: 0, seed: "demo" });
  camera = await openPictureCamera();
  const icon = await readFile(join(repoRoot, "raycast-extension/assets/icon.png"));
  options = { commandTitle: COMMAND, extensionIcon: `data:image/png;base64,${icon.toString("base64")}` };
});

afterAll(async () => {
  await unmount(renderer);
  await camera?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe(`${COMMAND} over the demo metadata folder and the local Connect server`, () => {
  let picture: ListPicture;

  beforeAll(async () => {
    renderer = await renderCommand(createElement(SearchItems), {
      metadataFolder: join(scratch, "metadata"),
      connectUrl: server.url,
      connectToken: server.token,
    });
    const r = renderer;
    await until(
      () => listOf(r).props.isLoading === false && itemTitles(r).length > 0,
      "metadata and Connect items",
    );
    // Typed a key at a time, as a person does: each keystroke replaces the search in flight.
    for (let end = 1; end <= QUERY.length; end++) await typeText(r, QUERY.slice(0, end), 20);
    await until(
      () => itemTitles(r).every((title) => /git/i.test(title)),
      () => `results for "${QUERY}"`,
    );
    picture = captureList(r, QUERY);
  });

  test(`typing "${QUERY}" puts the Connect GitHub and GitLab first, grouped by vault`, async () => {
    // Both sources are listed: the 600 demo metadata items and the Connect server's.
    const total = Number(/^Search (\d+) items$/.exec(picture.placeholder ?? "")?.[1]);
    expect(total).toBeGreaterThan(DEMO_METADATA_ITEMS);

    const [first, ...rest] = picture.sections;
    expect(first?.title).toBe("Development");
    expect(first?.rows.slice(0, 2).map((row) => row.title)).toEqual(["GitHub", "GitLab"]);
    expect(first?.rows[0]).toMatchObject({
      icon: "Key",
      accessories: [{ icon: "Star" }, { text: "Development" }],
    });
    // Metadata vaults carry their account, as a tag on each row and in the section title.
    expect(rest.map((section) => section.title)).toContain("Personal (Smith Family)");
    const personal = rest.find((section) => section.title === "Personal (Smith Family)");
    expect(personal?.rows[0]?.accessories).toEqual([{ tag: "Smith Family" }, { text: "Personal" }]);
    // Every result matches what was typed: nothing unrelated is listed.
    const titles = picture.sections.flatMap((section) => section.rows.map((row) => row.title));
    expect(titles.filter((title) => !/git/i.test(title))).toEqual([]);

    expect(picture.dropdown?.selected).toBe("All Items");
    expect(picture.dropdown?.sections.map((section) => section.title)).toEqual([
      undefined,
      "Accounts",
      "Vaults",
      "Categories",
    ]);
    expect(picture.dropdown?.sections[1]?.items).toEqual(["Acme Corp", "Smith Family"]);

    const shown = await camera.photograph(
      buildRaycastPage(picture, options),
      join(screenshotsDir, "raycast-search-items.png"),
    );
    expect(shown.rows.slice(0, 2)).toEqual(["GitHub", "GitLab"]);
    expect(shown.rows.length).toBeGreaterThanOrEqual(8);
  });

  test("⌘K on the Connect GitHub opens it in 1Password 8 first (open and fill is 1Password 7's) and gives every action its own shortcut", async () => {
    const panel = picture.actions;
    expect(panel?.title).toBe("GitHub");
    expect(panel?.sections.map((section) => section.title)).toEqual([
      undefined,
      "Item",
      "Website",
      undefined,
    ]);
    const actions = (panel?.sections ?? []).flatMap((section) => section.actions);
    const shownKeys = actions.map((action, index) => [action.title, keysShown(action, index).join("")]);
    // 1Password's own copy keys (⌘C username, ⌘⇧C password, ⌘⌥C code); pastes name the app in front when Raycast
    // knows it (here it does not).
    expect(shownKeys).toEqual([
      ["Open in 1Password", "↵"],
      ["Copy Username", "⌘C"],
      ["Edit in 1Password", "⌘E"],
      ["Copy Password", "⌘⇧C"],
      ["Copy One-Time Password", "⌘⌥C"],
      ["Paste Username", "⌘⇧⌥V"],
      ["Paste Password", "⌘⇧V"],
      ["Paste One-Time Password", "⌘⌥V"],
      ["Copy Secret Reference", "⌘."],
      ["Show All Fields", "⌘I"],
      ["Open URL in Browser", "⌘O"],
      ["Copy URL", "⌘⇧L"],
      ["Show Details", "⌘D"],
    ]);
    // A shortcut used twice would run only one of its actions; ⌘K belongs to Raycast (it opens this panel).
    const keys = shownKeys.map(([, key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain("⌘K");

    const shown = await camera.photograph(
      buildRaycastPage(picture, { ...options, showActions: true }),
      join(screenshotsDir, "raycast-actions.png"),
    );
    expect(shown.actions).toEqual(actions.map((action) => action.title));
  });
});

test(`${COMMAND} without a metadata folder shows the setup guide, naming the folder and the switch`, async () => {
  await unmount(renderer);
  // The folder 1Password 7 writes on a Mac, for a user who has not turned the integration on.
  const root = defaultMetadataRoot("/Users/jordan");
  renderer = await renderCommand(createElement(SearchItems), { metadataFolder: root });
  const r = renderer;
  const guide = "1Password metadata folder not found";
  await until(() => captureList(r, "").emptyView?.title === guide, "the guide");
  const picture = captureList(r, "");

  expect(picture.sections).toEqual([]);
  expect(picture.isLoading).toBe(false);
  expect(picture.emptyView?.description).toContain(root);
  expect(picture.emptyView?.description).toContain('"Enable Spotlight and 3rd party app integrations"');
  const actions = (picture.actions?.sections ?? []).flatMap((section) => section.actions.map((a) => a.title));
  expect(actions).toEqual(["Show Setup Guide", "Open Extension Preferences"]);

  await camera.photograph(
    buildRaycastPage(picture, options),
    join(screenshotsDir, "raycast-metadata-missing.png"),
  );
});

test("item titles and accessories are drawn as text, never as markup", () => {
  const html = buildRaycastPage(
    {
      searchText: "<img src=x>",
      isLoading: false,
      sections: [
        {
          title: "Vault & <Co>",
          rows: [{ title: '<b>Bold</b> "quoted"', icon: "Key", accessories: [{ tag: "<i>tag</i>" }] }],
        },
      ],
    },
    { commandTitle: COMMAND, extensionIcon: "data:," },
  );
  expect(html).toContain("&lt;b&gt;Bold&lt;/b&gt; &quot;quoted&quot;");
  expect(html).toContain("Vault &amp; &lt;Co&gt;");
  expect(html).toContain("&lt;i&gt;tag&lt;/i&gt;");
  expect(html).toContain("&lt;img src=x&gt;");
  expect(html).not.toMatch(/<b>|<i>|<img src=x>/);
});
