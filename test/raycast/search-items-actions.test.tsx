// "Search 1Password Items" with metadata and a loopback Connect server: rows, details, every action's exact result,
// secrets read only on use, Retry, live changes, 1Password 8 bookmarks and the missing-folder guide beside Connect.
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { act, type ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MissingMetadataView } from "../../raycast-extension/src/components/MissingMetadataView";
import SearchItems from "../../raycast-extension/src/search-items";
import { currentTotp } from "../connect-server/totp";
import { isComponent } from "./helpers/components";
import type { TestConnect } from "./helpers/connect";
import { closeCommandFixtures, connectPersonalWithGitHub, openCommandFixtures } from "./helpers/fixtures";
import { DROPBOX, PERSONAL, RECORDS, recordPath, writeMetadataFolder, writeRecord } from "./helpers/metadata";
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
import { commonShortcuts, recorder } from "./stand-in/raycast-api";

const SECRET = "hunter2-secret";
const OTP_URI = "otpauth://totp/GitHub?secret=JBSWY3DPEHPK3PXP";
const INFRA = "vaultinfra0000000000000000";
let root: string;
let support: string;
let server: TestConnect;
let renderer: ReactTestRenderer | undefined;

beforeAll(async () => {
  ({ root, support, server } = await openCommandFixtures({
    vaults: [
      connectPersonalWithGitHub({
        urls: [{ href: "https://github.com/login", primary: true }],
        sections: [{ id: "otpsection", label: "Security" }],
        fields: [
          { id: "username", type: "STRING", purpose: "USERNAME", label: "username", value: "octocat" },
          { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", value: SECRET },
          {
            id: "otpfield",
            type: "OTP",
            label: "one-time password",
            value: OTP_URI,
            section: { id: "otpsection" },
          },
        ],
      }),
      {
        id: INFRA,
        name: "Infrastructure",
        items: [
          {
            id: "itemproddb0000000000000000",
            title: "Prod DB",
            category: "DATABASE",
            favorite: true,
            fields: [
              { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", value: "db-pw" },
            ],
          },
        ],
      },
    ],
  }));
});
afterAll(() => closeCommandFixtures({ root, support, server }));
afterEach(async () => {
  await unmount(renderer);
  renderer = undefined;
  server.setFaults({});
});

const withConnect = (extra: Record<string, unknown> = {}) => ({
  metadataFolder: root,
  connectUrl: server.url,
  connectToken: server.token,
  ...extra,
});

/** Renders with Connect and waits until GitHub can be read through it. */
async function renderWithConnect(extra: Record<string, unknown> = {}) {
  const r = await renderCommand(<SearchItems />, withConnect(extra));
  await until(
    () =>
      itemTitles(r).includes("Prod DB") &&
      (extra.metadataFolder !== undefined || itemTitles(r).includes("GitLab")) &&
      actionsOf(r, "GitHub").some((a) => a.props.title === "Copy Password"),
    () => `Connect items; toasts ${JSON.stringify(recorder.toasts)}`,
  );
  return r;
}

describe("Search 1Password Items: rows and details", () => {
  it("shows account, vault and favourite accessories on each row", async () => {
    renderer = await renderWithConnect();
    expect(itemNamed(renderer, "GitLab").props.accessories).toEqual([
      { tag: "ACME", tooltip: "Account" },
      { text: "Work", tooltip: "Vault" },
    ]);
    expect(itemNamed(renderer, "Prod DB").props.accessories).toEqual([
      { icon: "Star", tooltip: "Favourite" },
      { text: "Infrastructure", tooltip: "Vault" },
    ]);
    expect(itemNamed(renderer, "Prod DB").props.icon).toBe("HardDrive");
    expect(itemTitles(renderer).filter((t) => t === "GitHub")).toHaveLength(1);
  });

  it("toggles a detail pane with the URLs, vault, account, category and dates", async () => {
    renderer = await renderCommand(<SearchItems />, { metadataFolder: root });
    await until(() => itemTitles(renderer as ReactTestRenderer).length === 3, "items");
    const show = actionNamed(renderer, "GitHub", "Show Details");
    // Each platform's convention: ⌘D on macOS, Ctrl+D on Windows.
    expect(show.props.shortcut).toEqual({
      macOS: { modifiers: ["cmd"], key: "d" },
      Windows: { modifiers: ["ctrl"], key: "d" },
    });
    await runAction(show);
    expect(listOf(renderer).props.isShowingDetail).toBe(true);
    const detail = renderPart(itemNamed(renderer, "GitHub").props.detail).root.find((n) =>
      isComponent(n, "List.Item.Detail"),
    );
    const pane = renderPart(detail.props.metadata);
    const labels = pane.root
      .findAll((n) => isComponent(n, "List.Item.Detail.Metadata.Label"))
      .map((n) => [n.props.title, n.props.text]);
    expect(labels).toEqual([
      ["Title", "GitHub"],
      ["Vault", "Personal"],
      ["Account", "—"],
      ["Category", "Login"],
      ["Created", "2020-09-13"],
      ["Modified", "2023-11-14"],
    ]);
    const links = pane.root
      .findAll((n) => isComponent(n, "List.Item.Detail.Metadata.Link"))
      .map((n) => n.props.target);
    expect(links).toEqual(["https://github.com/login", "https://gist.github.com/"]);
    await runAction(actionNamed(renderer, "GitHub", "Hide Details"));
    expect(listOf(renderer).props.isShowingDetail).toBe(false);
  });

  it("opens the URL in the browser and copies it, with Raycast's shortcuts", async () => {
    renderer = await renderCommand(<SearchItems />, { metadataFolder: root });
    await until(() => itemTitles(renderer as ReactTestRenderer).length === 3, "items");
    const open = actionNamed(renderer, "GitLab", "Open URL in Browser");
    const copy = actionNamed(renderer, "GitLab", "Copy URL");
    expect([open.props.shortcut, copy.props.shortcut]).toEqual([
      commonShortcuts.Open,
      {
        macOS: { modifiers: ["cmd", "shift"], key: "l" },
        Windows: { modifiers: ["ctrl", "shift"], key: "l" },
      },
    ]);
    expect(actionNamed(renderer, "GitLab", "Edit in 1Password").props.shortcut).toEqual(commonShortcuts.Edit);
    await runAction(open);
    await runAction(copy);
    expect(recorder.opened).toEqual(["https://gitlab.com/"]);
    expect(recorder.clipboard).toEqual([{ content: "https://gitlab.com/", concealed: false }]);
    // A card without a website has no website actions and no Connect copies.
    const visa = actionsOf(renderer, "Visa").map((a) => a.props.title);
    expect(visa).not.toContain("Open URL in Browser");
    expect(visa).not.toContain("Copy Password");
    expect(visa[0]).toBe("Open in 1Password");
  });
});

describe("Search 1Password Items: Connect secrets, read on use", () => {
  it("copies username, password and the current one-time code concealed, with 1Password's shortcuts (⌘C, ⌘⇧C, ⌘⌥C)", async () => {
    renderer = await renderWithConnect();
    const r = renderer;
    const before = server.requests().filter((q) => q.includes("/items/itemgithub")).length;
    expect(before).toBe(0); // listing never reads an item's fields
    const shortcuts = ["Copy Username", "Copy Password", "Copy One-Time Password"].map(
      (t) => actionNamed(r, "GitHub", t).props.shortcut,
    );
    expect(shortcuts).toEqual([
      { macOS: { modifiers: ["cmd"], key: "c" }, Windows: { modifiers: ["ctrl"], key: "c" } },
      commonShortcuts.Copy,
      commonShortcuts.CopyName,
    ]);
    for (const title of ["Copy Username", "Copy Password", "Copy One-Time Password"]) {
      await runAction(actionNamed(r, "GitHub", title));
      await until(() => recorder.toasts.length > 0, title);
      expect(recorder.toasts.at(-1)).toEqual(expect.objectContaining({ style: "SUCCESS" }));
      recorder.toasts = [];
    }
    expect(recorder.clipboard).toEqual([
      { content: "octocat", concealed: true },
      { content: SECRET, concealed: true },
      { content: expect.stringMatching(/^\d{6}$/), concealed: true },
    ]);
    // The code the server computes now (or a moment ago, across a 30-second step), not the OTP secret.
    const now = Date.now();
    const codes = [now, now - 30_000].map((t) => currentTotp(OTP_URI, t));
    expect(codes).toContain(recorder.clipboard[2]?.content);
    expect(server.requests().filter((q) => q.includes("/items/itemgithub")).length).toBeGreaterThanOrEqual(3);
  });

  it("gives every shortcut a Windows form with Ctrl and Alt where macOS has ⌘ and ⌥", async () => {
    renderer = await renderWithConnect();
    const shortcuts = actionsOf(renderer, "GitHub")
      .map((a) => [a.props.title, a.props.shortcut] as const)
      .filter(([, shortcut]) => shortcut !== undefined && !Object.values(commonShortcuts).includes(shortcut));
    expect(shortcuts.map(([title]) => title)).toEqual(
      expect.arrayContaining(["Copy Username", "Paste Password", "Show Details", "Show All Fields"]),
    );
    for (const [title, shortcut] of shortcuts) {
      const { macOS, Windows } = shortcut as Record<
        "macOS" | "Windows",
        { modifiers: string[]; key: string }
      >;
      expect(macOS && Windows, `${title}: a shortcut for each platform`).toBeTruthy();
      expect(Windows?.key, title).toBe(macOS?.key);
      expect(Windows?.modifiers, title).toEqual(
        macOS?.modifiers.map((m) => ({ cmd: "ctrl", opt: "alt" })[m as "cmd" | "opt"] ?? m),
      );
    }
  });

  it("copies the secret reference and pastes the password into the frontmost app", async () => {
    renderer = await renderWithConnect();
    await runAction(actionNamed(renderer, "GitHub", "Copy Secret Reference"));
    await until(() => recorder.clipboard.length > 0, "reference");
    expect(recorder.clipboard).toEqual([{ content: "op://Personal/GitHub/password", concealed: false }]);
    await runAction(actionNamed(renderer, "GitHub", "Paste Password"));
    await until(() => recorder.pasted.length > 0, "paste");
    expect(recorder.pasted).toEqual([SECRET]);
  });

  it("keeps every secret out of toasts, local storage and the support folder", async () => {
    renderer = await renderWithConnect();
    await runAction(actionNamed(renderer, "GitHub", "Copy Password"));
    await runAction(actionNamed(renderer, "Prod DB", "Copy Password"));
    await until(() => recorder.clipboard.length === 2, "copies");
    await act(async () => sleep(100));
    const written: string[] = [];
    for (const name of await readdir(support, { recursive: true })) {
      written.push(await readFile(join(support, name), "utf8").catch(() => ""));
    }
    const everything = [JSON.stringify(recorder.toasts), ...recorder.storage.values(), ...written].join("\n");
    for (const secret of [SECRET, "db-pw", "JBSWY3DPEHPK3PXP", server.token])
      expect(everything).not.toContain(secret);
  });

  it("says which item lacks the field instead of copying nothing", async () => {
    renderer = await renderWithConnect();
    await runAction(actionNamed(renderer, "Prod DB", "Copy One-Time Password"));
    await until(() => recorder.toasts.length > 0, "toast");
    expect(recorder.toasts.at(-1)).toMatchObject({
      style: "FAILURE",
      title: "Could not read the one-time password",
      message: "Prod DB has no one-time password",
    });
    expect(recorder.clipboard).toEqual([]);
  });
});

describe("Search 1Password Items: failures and live changes", () => {
  it("Retry after a Connect outage brings the Connect items in beside the metadata ones", async () => {
    server.setFaults({ serverErrors: { count: 1000, status: 503 } });
    renderer = await renderCommand(<SearchItems />, withConnect());
    await until(() => recorder.toasts.some((t) => t.title === "Connect server unavailable"), "failure toast");
    await until(() => itemTitles(renderer as ReactTestRenderer).includes("GitHub"), "metadata items");
    const toast = recorder.toasts.find((t) => t.title === "Connect server unavailable");
    expect(String(toast?.message)).toMatch(/503|unavailable/i);
    expect(itemTitles(renderer)).not.toContain("Prod DB");
    // The metadata items stay fully usable meanwhile.
    await runAction(actionNamed(renderer, "GitLab", "Open in 1Password"));
    expect(recorder.opened).toHaveLength(1);
    expect(actionsOf(renderer, "GitLab").map((a) => a.props.title)).toContain("Retry Connect");

    server.setFaults({});
    await act(async () => toast?.primaryAction?.onAction?.(undefined as never));
    await until(
      () => itemTitles(renderer as ReactTestRenderer).includes("Prod DB"),
      "Connect items after Retry",
    );
    expect(actionsOf(renderer, "GitLab").map((a) => a.props.title)).not.toContain("Retry Connect");
  });

  it("shows an item written into the metadata folder while the list is open", async () => {
    const live = await writeMetadataFolder(RECORDS, "raycast-live-");
    try {
      renderer = await renderCommand(<SearchItems />, { metadataFolder: live });
      await until(() => itemTitles(renderer as ReactTestRenderer).length === 3, "items");
      await act(async () => sleep(100)); // the watch starts after the first load
      await writeRecord(live, DROPBOX);
      await until(() => itemTitles(renderer as ReactTestRenderer).includes("Dropbox"), "the new item", 200);
      await rm(recordPath(live, RECORDS[2]!));
      await until(
        () => !itemTitles(renderer as ReactTestRenderer).includes("Visa"),
        "the removed item gone",
        200,
      );
    } finally {
      await rm(live, { recursive: true, force: true });
    }
  });

  it("drops the results of text typed over: only the last query's hits are shown", async () => {
    renderer = await renderCommand(<SearchItems />, { metadataFolder: root });
    await until(() => itemTitles(renderer as ReactTestRenderer).length === 3, "items");
    for (const text of ["g", "gi", "git", "gitl"]) await typeText(renderer, text, 0);
    await act(async () => sleep(80));
    expect(itemTitles(renderer)).toEqual(["GitLab"]);
    await typeText(renderer, "visa");
    expect(itemTitles(renderer)).toEqual(["Visa"]);
  });

  it("lists Connect items when the metadata folder is missing, with the setup guide one row away", async () => {
    renderer = await renderWithConnect({ metadataFolder: join(root, "missing") });
    const [first, ...rest] = itemTitles(renderer);
    expect(first).toBe("1Password metadata folder not found");
    expect(rest.sort()).toEqual(["GitHub", "Prod DB"]);
    const guide = renderPart(
      actionNamed(renderer, "1Password metadata folder not found", "Show Setup Guide").props.target,
    );
    expect(String(guide.root.findByType("Detail" as never).props.markdown)).toContain(
      "Enable Spotlight and 3rd party app integrations",
    );
    await runAction(
      actionNamed(renderer, "1Password metadata folder not found", "Open Extension Preferences"),
    );
    expect(recorder.opened).toEqual(["raycast://extension-preferences"]);
  });
});

describe("Search 1Password Items: the missing folder on each platform", () => {
  it("says on Windows that 1Password 7 metadata exists only on macOS, and offers what works there", () => {
    const view = renderPart(
      <MissingMetadataView root="C:\\Users\\me\\.config\\op\\bookmarks" platform="win32" />,
    );
    const empty = view.root.find((n) => isComponent(n, "List.EmptyView"));
    expect(empty.props.description).toMatch(/1Password 7 metadata exists only on macOS/);
    expect(empty.props.description).toMatch(/Connect/);
    expect(empty.props.description).not.toMatch(/Preferences > Advanced/);
  });

  it("keeps the 1Password 7 switch on macOS and marks it macOS only in the guide", () => {
    const view = renderPart(<MissingMetadataView root="/Users/me/missing" platform="darwin" />);
    const empty = view.root.find((n) => isComponent(n, "List.EmptyView"));
    expect(empty.props.description).toMatch(/Enable Spotlight and 3rd party app integrations/);
    const guide = renderPart(
      renderPart(empty.props.actions).root.find((n) => n.props.title === "Show Setup Guide").props.target,
    );
    expect(String(guide.root.findByType("Detail" as never).props.markdown)).toContain(
      "1Password 7 (macOS only)",
    );
  });
});

describe("Search 1Password Items: 1Password 8 bookmarks", () => {
  it("opens and edits opbookmarks items with 1Password 8 URLs and offers no open and fill", async () => {
    const profile = "PROFILE0000000000000000000";
    const bookmarks = await writeMetadataFolder(
      [{ ...(RECORDS[0] as (typeof RECORDS)[number]), profileUUID: profile }],
      "raycast-bookmarks-",
    );
    try {
      renderer = await renderCommand(<SearchItems />, { metadataFolder: bookmarks });
      await until(() => itemTitles(renderer as ReactTestRenderer).includes("GitHub"), "bookmark item");
      const titles = actionsOf(renderer, "GitHub").map((a) => a.props.title);
      expect(titles.some((t) => String(t).startsWith("Open and Fill"))).toBe(false);
      expect(titles[0]).toBe("Open in 1Password");
      await runAction(actionNamed(renderer, "GitHub", "Open in 1Password"));
      await runAction(actionNamed(renderer, "GitHub", "Edit in 1Password"));
      expect(recorder.opened).toEqual([
        `onepassword://view-item/?a=${profile}&v=${PERSONAL}&i=ITEMGITHUB00000000000000AA`,
        `onepassword://edit-item/?a=${profile}&v=${PERSONAL}&i=ITEMGITHUB00000000000000AA`,
      ]);
    } finally {
      await rm(bookmarks, { recursive: true, force: true });
    }
  });
});

describe("Search 1Password Items: Connect items open in 1Password 8", () => {
  it("opens and edits a Connect item with 1Password 8's routes, since Connect serves 1Password 8 accounts", async () => {
    renderer = await renderWithConnect();
    const titles = actionsOf(renderer, "Prod DB").map((a) => a.props.title);
    expect(titles[0]).toBe("Open in 1Password");
    expect(titles.some((t) => String(t).startsWith("Open and Fill"))).toBe(false);
    await runAction(actionNamed(renderer, "Prod DB", "Open in 1Password"));
    await runAction(actionNamed(renderer, "Prod DB", "Edit in 1Password"));
    expect(recorder.opened).toEqual([
      `onepassword://view-item/?v=${INFRA}&i=itemproddb0000000000000000`,
      `onepassword://edit-item/?v=${INFRA}&i=itemproddb0000000000000000`,
    ]);
  });
});

describe("Search 1Password Items: filters", () => {
  it("shows one Logins filter for metadata and Connect logins and narrows to vault or category", async () => {
    renderer = await renderWithConnect();
    const accessory = renderPart(listOf(renderer).props.searchBarAccessory).root;
    const options = accessory.findAll((n) => isComponent(n, "List.Dropdown.Item")).map((n) => n.props.title);
    expect(options.filter((t) => t === "Logins")).toHaveLength(1);
    expect(options).toContain("Databases");
    const dropdown = accessory.find((n) => isComponent(n, "List.Dropdown"));
    await act(async () => dropdown.props.onChange("category:102"));
    await act(async () => sleep(60));
    expect(itemTitles(renderer)).toEqual(["Prod DB"]);
    await act(async () => dropdown.props.onChange(`vault:${PERSONAL}`));
    await act(async () => sleep(60));
    expect(itemTitles(renderer).sort()).toEqual(["GitHub", "Visa"]);
    expect(byType(renderer, "List.Section").map((s) => s.props.title)).toEqual(["Personal"]);
  });
});
