// Renders "Search 1Password Items" over a real metadata tree on disk and checks what a user sees and gets.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type React from "react";
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import SearchItems from "../../raycast-extension/src/search-items";
import { environment, recorder, type ComponentName } from "./stand-in/raycast-api";
import { findComponents, isAction, isComponent } from "./helpers/components";
import { startTestConnect } from "./helpers/connect";
import { connectPersonalWithGitHub } from "./helpers/fixtures";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const VAULT = "AAAAAAAAAAAAAAAAAAAAAAAAAA";
const VAULT2 = "BBBBBBBBBBBBBBBBBBBBBBBBBB";
const records = [
  {
    uuid: "ITEMGITHUB00000000000000AA",
    vaultUUID: VAULT,
    vaultName: "Personal",
    itemTitle: "GitHub",
    categoryUUID: "001",
    categorySingularName: "Login",
    categoryPluralName: "Logins",
    itemDescription: "octocat",
    websiteURLs: ["https://github.com/login", "https://gist.github.com/"],
    createdAt: 1600000000,
    modifiedAt: 1700000000,
  },
  {
    uuid: "ITEMGITLAB00000000000000AA",
    vaultUUID: VAULT2,
    vaultName: "Work",
    accountName: "ACME",
    itemTitle: "GitLab",
    categoryUUID: "001",
    categorySingularName: "Login",
    categoryPluralName: "Logins",
    itemDescription: "dev",
    websiteURLs: ["https://gitlab.com/"],
    createdAt: 1600000000,
    modifiedAt: 1700000000,
  },
  {
    uuid: "ITEMVISA000000000000000AAA",
    vaultUUID: VAULT,
    vaultName: "Personal",
    itemTitle: "Visa",
    categoryUUID: "002",
    categorySingularName: "Credit Card",
    categoryPluralName: "Credit Cards",
    itemDescription: "****1234",
    createdAt: 1600000000,
    modifiedAt: 1700000000,
  },
];

let root: string;
let support: string;
let renderer: ReactTestRenderer | undefined;

async function writeTree(dir: string) {
  const { mkdir } = await import("node:fs/promises");
  for (const r of records) {
    await mkdir(join(dir, r.vaultUUID), { recursive: true });
    await writeFile(
      join(dir, r.vaultUUID, `${r.vaultUUID}_${r.uuid}.onepassword-item-metadata`),
      JSON.stringify(r),
    );
  }
}

/** Connect spells IDs in lower case; metadata in upper: the list must still show the item once. */
const connectSeed = {
  vaults: [
    connectPersonalWithGitHub({
      urls: [{ href: "https://github.com/login", primary: true }],
      fields: [
        { id: "username", type: "STRING", purpose: "USERNAME", label: "username", value: "octocat" },
        {
          id: "password",
          type: "CONCEALED",
          purpose: "PASSWORD",
          label: "password",
          value: "hunter2-secret",
        },
      ],
    }),
  ],
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function renderCommand(preferences: Record<string, unknown>) {
  recorder.reset(preferences);
  await act(async () => {
    renderer = create(<SearchItems />);
  });
  return renderer as ReactTestRenderer;
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await act(async () => sleep(25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Renders an element (an item's ActionPanel) on its own so its actions can be inspected. */
function renderPart(element: unknown): ReactTestInstance {
  let part: ReactTestRenderer | undefined;
  act(() => {
    part = create(element as React.ReactElement);
  });
  return (part as ReactTestRenderer).root;
}

const byType = (r: ReactTestRenderer, type: ComponentName) => findComponents(r.root, type);
const itemTitles = (r: ReactTestRenderer) => byType(r, "List.Item").map((n) => n.props.title as string);
const actionsOf = (r: ReactTestRenderer, title: string): ReactTestInstance[] => {
  const item = byType(r, "List.Item").find((n) => n.props.title === title);
  if (!item) throw new Error(`no item ${title}`);
  return renderPart(item.props.actions).findAll(isAction);
};

async function type(r: ReactTestRenderer, text: string) {
  const list = byType(r, "List")[0] as ReactTestInstance;
  await act(async () => (list.props.onSearchTextChange as (t: string) => void)(text));
  await act(async () => sleep(80));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "raycast-meta-"));
  support = await mkdtemp(join(tmpdir(), "raycast-support-"));
  (environment as { supportPath: string }).supportPath = support;
  await writeTree(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(support, { recursive: true, force: true });
});
beforeEach(() => recorder.reset());
afterEach(async () => {
  await act(async () => renderer?.unmount());
  renderer = undefined;
});

describe("Search 1Password Items", () => {
  it("lists every item in sections by vault, with the account on the section", async () => {
    const r = await renderCommand({ metadataFolder: root });
    await until(() => itemTitles(r).length === 3, "items");
    const sections = byType(r, "List.Section").map((s) => s.props.title);
    expect(sections).toEqual(expect.arrayContaining(["Personal", "Work (ACME)"]));
    expect((byType(r, "List")[0] as ReactTestInstance).props.filtering).toBe(false);
  });

  it("narrows the list as the user types", async () => {
    const r = await renderCommand({ metadataFolder: root });
    await until(() => itemTitles(r).length === 3, "items");
    await type(r, "gitl");
    expect(itemTitles(r)).toEqual(["GitLab"]);
  });

  it("filters by account through the dropdown", async () => {
    const r = await renderCommand({ metadataFolder: root });
    await until(() => itemTitles(r).length === 3, "items");
    const accessory = renderPart((byType(r, "List")[0] as ReactTestInstance).props.searchBarAccessory);
    const dropdown = accessory.find((n) => isComponent(n, "List.Dropdown"));
    const values = accessory.findAll((n) => isComponent(n, "List.Dropdown.Item")).map((n) => n.props.value);
    expect(values).toEqual(expect.arrayContaining(["all", "account:ACME", `vault:${VAULT}`, "category:002"]));
    await act(async () => (dropdown.props.onChange as (v: string) => void)("account:ACME"));
    await act(async () => sleep(60));
    expect(itemTitles(r)).toEqual(["GitLab"]);
  });

  it("opens and fills each of an item's URLs with the sha256 of that exact URL", async () => {
    const r = await renderCommand({ metadataFolder: root });
    await until(() => itemTitles(r).length === 3, "items");
    const actions = actionsOf(r, "GitHub");
    const fills = actions.filter((a) => String(a.props.title).startsWith("Open and Fill"));
    expect(fills).toHaveLength(2);
    expect(actions[0]?.props.title).toBe("Open and Fill https://github.com/login");
    for (const fill of fills) await act(async () => fill.props.onAction());
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    expect(recorder.opened).toEqual([
      `onepassword7://open_and_fill/${VAULT}/ITEMGITHUB00000000000000AA/${sha("https://github.com/login")}`,
      `onepassword7://open_and_fill/${VAULT}/ITEMGITHUB00000000000000AA/${sha("https://gist.github.com/")}`,
    ]);
    const view = actions.find((a) => a.props.title === "Open in 1Password") as ReactTestInstance;
    const edit = actions.find((a) => a.props.title === "Edit in 1Password") as ReactTestInstance;
    await act(async () => view.props.onAction());
    await act(async () => edit.props.onAction());
    expect(recorder.opened.slice(2)).toEqual([
      `onepassword7://view/${VAULT}/ITEMGITHUB00000000000000AA`,
      `onepassword7://edit/${VAULT}/ITEMGITHUB00000000000000AA`,
    ]);
  });

  it("puts recently used items first on the next open, remembering only item keys", async () => {
    const r = await renderCommand({ metadataFolder: root });
    await until(() => itemTitles(r).length === 3, "items");
    const visaView = actionsOf(r, "Visa").find(
      (a) => a.props.title === "Open in 1Password",
    ) as ReactTestInstance;
    await act(async () => visaView.props.onAction());
    await act(async () => sleep(20));
    const stored = [...recorder.storage.values()].join("");
    expect(stored).toContain("itemvisa000000000000000aaa");
    expect(stored).not.toContain("Visa");
    await act(async () => renderer?.unmount());
    await act(async () => {
      renderer = create(<SearchItems />);
    });
    const again = renderer as ReactTestRenderer;
    await until(() => itemTitles(again)[0] === "Visa", "Visa first");
  });

  it("puts Open in 1Password first when that is the chosen primary action", async () => {
    const r = await renderCommand({ metadataFolder: root, primaryAction: "open-in-1password" });
    await until(() => itemTitles(r).length === 3, "items");
    expect(actionsOf(r, "GitLab")[0]?.props.title).toBe("Open in 1Password");
  });

  it("guides the user to enable the integration when the folder is missing", async () => {
    const r = await renderCommand({ metadataFolder: join(root, "does-not-exist") });
    await until(() => byType(r, "List.EmptyView").length > 0 && itemTitles(r).length === 0, "empty view");
    const empty = () => byType(r, "List.EmptyView")[0] as ReactTestInstance;
    await until(() => String(empty().props.title).includes("not found"), "guide");
    expect(String(empty().props.description)).toContain("Spotlight and 3rd party app integrations");
  });

  it("counts skipped files and shows which and why", async () => {
    const bad = await mkdtemp(join(tmpdir(), "raycast-bad-"));
    await writeTree(bad);
    await writeFile(join(bad, VAULT, `${VAULT}_BROKEN.onepassword-item-metadata`), "{ not json");
    try {
      const r = await renderCommand({ metadataFolder: bad });
      await until(() => itemTitles(r).some((t) => t.includes("skipped")), "problem row");
      expect(itemTitles(r)).toContain("1 metadata file skipped");
      expect(itemTitles(r)).toContain("GitHub");
      const row = byType(r, "List.Item").find(
        (n) => n.props.title === "1 metadata file skipped",
      ) as ReactTestInstance;
      const show = renderPart(row.props.actions).find((n) => n.props.title === "Show Skipped Files");
      await act(async () => show.props.onAction());
      const items = byType(r, "List.Item");
      expect(items).toHaveLength(1);
      expect(items[0]?.props.title).toContain("BROKEN");
      expect(String(items[0]?.props.subtitle).length).toBeGreaterThan(0);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it("keeps metadata items when Connect is down and offers Retry", async () => {
    const r = await renderCommand({
      metadataFolder: root,
      connectUrl: "http://127.0.0.1:9",
      connectToken: "tok-secret-123",
    });
    await until(() => recorder.toasts.some((t) => t.title === "Connect server unavailable"), "toast");
    await until(() => itemTitles(r).includes("GitHub"), "metadata items");
    const toast = recorder.toasts.find((t) => t.title === "Connect server unavailable");
    expect(toast?.primaryAction?.title).toBe("Retry");
    expect(JSON.stringify(recorder.toasts)).not.toContain("tok-secret-123");
    expect(itemTitles(r)).toContain("GitHub");
  });

  it("says the token was rejected and copies Connect secrets concealed", async () => {
    const server = await startTestConnect(connectSeed, "good-token");
    try {
      await renderCommand({
        metadataFolder: root,
        connectUrl: server.url,
        connectToken: "wrong-token",
      });
      await until(() => recorder.toasts.some((t) => t.title === "Connect server unavailable"), "toast");
      expect(recorder.toasts.at(-1)?.message).toMatch(/401|rejected|token/i);
      await act(async () => renderer?.unmount());

      const ok = await renderCommand({
        metadataFolder: root,
        connectUrl: server.url,
        connectToken: server.token,
      });
      await until(
        () => {
          const gh = byType(ok, "List.Item").find((n) => n.props.title === "GitHub");
          return (
            gh !== undefined &&
            renderPart(gh.props.actions).findAll((a) => a.props.title === "Copy Password").length > 0
          );
        },
        `connect items ${JSON.stringify(recorder.toasts)}`,
      );
      expect(itemTitles(ok).filter((t) => t === "GitHub")).toHaveLength(1);
      const copy = byType(ok, "List.Item")
        .map((n) => ({ title: n.props.title as string, actions: renderPart(n.props.actions) }))
        .map((x) => ({ ...x, action: x.actions.findAll((a) => a.props.title === "Copy Password")[0] }))
        .find((x) => x.action);
      expect(copy).toBeDefined();
      await act(async () => copy?.action?.props.onAction());
      await until(
        () => recorder.clipboard.length > 0 || recorder.toasts.some((t) => t.style === "FAILURE"),
        "copy",
      );
      expect(recorder.clipboard[0]?.concealed).toBe(true);
      expect(recorder.clipboard[0]?.content).toBe("hunter2-secret");
      expect(JSON.stringify(recorder.toasts)).not.toContain("hunter2-secret");
    } finally {
      await server.close();
    }
  });
});
