// The actions on an item, as a user meets them: the primary (Enter) and secondary (⌘↵) preferences with their
// fallbacks, pastes naming the app in front, one open/fill/copy per web address, and no two actions of an item
// (list or detail view) sharing a shortcut on macOS or Windows, across item kinds and preferences.
import { createHash } from "node:crypto";
import type { ReactTestInstance, ReactTestRenderer } from "react-test-renderer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ItemDetails, ItemProvider, ItemSharingApi, ItemSummary } from "@op-bridge/shared";
import { ITEM_ACTION_IDS, type ItemActionId } from "../../raycast-extension/src/api/preferences";
import { ItemActions } from "../../raycast-extension/src/components/ItemActions";
import { ItemDetail } from "../../raycast-extension/src/components/ItemDetail";
import { forgetFrontmostApp } from "../../raycast-extension/src/components/useFrontmostApp";
import { isAction } from "./helpers/components";
import { actionsOf, itemTitles, renderPart, runAction, unmount, until } from "./helpers/render";
import { recorder } from "./stand-in/raycast-api";

const VAULT = "vaultaaaaaaaaaaaaaaaaaaaaa";
const summary = (over: Partial<ItemSummary>): ItemSummary => ({
  id: "itemaaaaaaaaaaaaaaaaaaaaaa",
  vaultId: VAULT,
  vaultName: "Personal",
  title: "GitHub",
  categoryId: "001",
  category: "Login",
  urls: ["https://github.com/login"],
  source: "metadata",
  app: "1password7",
  ...over,
});

/** An in-memory source holding one login with a username, a password and a one-time code. */
function fakeProvider(item: ItemSummary, extra: Partial<ItemDetails> = {}): ItemProvider {
  const values: Record<string, string> = { username: "octocat", password: "pw-secret", otp: "123456" };
  const details: ItemDetails = {
    summary: item,
    sections: [],
    fields: [
      { id: "username", type: "STRING", purpose: "USERNAME", label: "username", concealed: false },
      { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", concealed: true },
      { id: "otp", type: "OTP", label: "one-time password", concealed: true },
    ],
    ...extra,
  };
  return {
    source: "connect",
    label: "test",
    listVaults: async () => [{ id: VAULT, name: "Personal" }],
    listItems: async () => [item],
    getItemDetails: async () => details,
    readFieldValue: async (_v, _i, fieldId) => values[fieldId] ?? "",
    readAttachment: async () => new Uint8Array(),
  };
}

const noSharing = () => Promise.reject(new Error("not used")) as Promise<ItemSharingApi>;

interface Kind {
  name: string;
  item: ItemSummary;
  readable: boolean;
  share?: boolean;
}

/** The kinds of item the list shows, each with what its sources allow. */
const KINDS: Kind[] = [
  {
    name: "1Password 7 login with a one-time code, read through Connect, shareable",
    item: summary({ urls: ["https://github.com/login", "https://gist.github.com/"] }),
    readable: true,
    share: true,
  },
  { name: "1Password 7 login from metadata only", item: summary({}), readable: false },
  {
    name: "Password item",
    item: summary({ categoryId: "005", category: "Password", urls: [] }),
    readable: true,
  },
  {
    name: "Secure Note",
    item: summary({
      categoryId: "SECURE_NOTE",
      category: "Secure Note",
      urls: [],
      source: "connect",
      app: undefined,
    }),
    readable: true,
  },
  {
    name: "SDK item (1Password 8 account)",
    item: summary({ categoryId: "LOGIN", source: "sdk", app: undefined }),
    readable: true,
    share: true,
  },
  {
    name: "Connect database",
    item: summary({
      categoryId: "DATABASE",
      category: "Database",
      urls: [],
      source: "connect",
      app: undefined,
    }),
    readable: true,
  },
];

const mounted: ReactTestRenderer[] = [];
beforeEach(() => {
  recorder.reset();
  forgetFrontmostApp();
});
afterEach(async () => {
  for (const r of mounted.splice(0)) await unmount(r);
});

function panelOf(
  kind: Kind,
  preferences: { primary: ItemActionId; secondary: ItemActionId },
  onUse: () => void = () => undefined,
): ReactTestInstance[] {
  const part = renderPart(
    <ItemActions
      item={kind.item}
      actionPreferences={preferences}
      isShowingDetail={false}
      onToggleDetail={() => undefined}
      onUse={onUse}
      {...(kind.readable ? { connect: fakeProvider(kind.item), connectItem: kind.item } : {})}
      {...(kind.share ? { loadSharingApi: noSharing } : {})}
    />,
  );
  mounted.push(part);
  return part.root.findAll(isAction);
}

const titles = (actions: ReactTestInstance[]) => actions.map((a) => String(a.props.title));
const kind = (name: string) => KINDS.find((k) => k.name.startsWith(name)) as Kind;

type Platform = "macOS" | "Windows";
/** The keys a user presses, written one way: sorted modifiers and the key. */
function keysOf(shortcut: unknown, platform: Platform): string | undefined {
  if (!shortcut) return undefined;
  const form = (shortcut as Record<Platform, { modifiers: string[]; key: string } | undefined>)[platform];
  if (!form) throw new Error(`a shortcut without a ${platform} form: ${JSON.stringify(shortcut)}`);
  return [...form.modifiers].sort().join("+") + "+" + form.key;
}

/** Raycast's own keys in an action panel: Enter, ⌘↵ (the first two actions) and ⌘K (the panel itself). */
const RESERVED: Record<Platform, string[]> = {
  macOS: ["+return", "cmd+return", "cmd+k"],
  Windows: ["+return", "ctrl+return", "ctrl+k"],
};

function expectNoCollisions(actions: ReactTestInstance[], where: string) {
  for (const platform of ["macOS", "Windows"] as const) {
    const taken = new Map<string, string>();
    for (const action of actions) {
      const keys = keysOf(action.props.shortcut, platform);
      if (!keys) continue;
      const title = String(action.props.title);
      expect(RESERVED[platform], `${where}, ${platform}: ${title} uses ${keys}`).not.toContain(keys);
      expect(taken.get(keys), `${where}, ${platform}: ${title} and ${taken.get(keys)} share ${keys}`).toBe(
        undefined,
      );
      taken.set(keys, title);
    }
  }
}

describe("no two actions share a shortcut", () => {
  it("in the list, for every item kind and every primary and secondary preference, on macOS and Windows", () => {
    let checked = 0;
    for (const k of KINDS) {
      for (const primary of ITEM_ACTION_IDS) {
        for (const secondary of ITEM_ACTION_IDS) {
          const actions = panelOf(k, { primary, secondary });
          expectNoCollisions(actions, `${k.name} (${primary}, ${secondary})`);
          expect(new Set(titles(actions)).size, `${k.name}: no action twice`).toBe(actions.length);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(KINDS.length * ITEM_ACTION_IDS.length ** 2);
  });

  it("in the detail view, on every field and attachment", async () => {
    const item = summary({ source: "connect" });
    const provider = fakeProvider(item, {
      attachments: [{ id: "file1", name: "recovery-codes.txt", size: 1234 }],
    });
    const detail = renderPart(<ItemDetail item={item} provider={provider} />);
    mounted.push(detail);
    await until(() => itemTitles(detail).includes("recovery-codes.txt"), "fields and attachments");
    expect(titles(actionsOf(detail, "recovery-codes.txt"))).toContain("Save to Downloads");
    for (const row of ["username", "password", "one-time password", "recovery-codes.txt", ...item.urls]) {
      expectNoCollisions(actionsOf(detail, row), `detail row ${row}`);
    }
  });
});

describe("primary and secondary actions", () => {
  const expected: Record<ItemActionId, string> = {
    "open-and-fill": "Open and Fill https://github.com/login",
    "open-in-1password": "Open in 1Password",
    "copy-username": "Copy Username",
    "copy-password": "Copy Password",
    "copy-one-time-password": "Copy One-Time Password",
    "paste-username": "Paste Username",
    "paste-password": "Paste Password",
    "paste-one-time-password": "Paste One-Time Password",
    "copy-secret-reference": "Copy Secret Reference",
    share: "Share Item",
    "show-all-fields": "Show All Fields",
  };

  it.each(ITEM_ACTION_IDS)(
    "puts %s first (Enter) and the secondary second (⌘↵) on an item that can do both",
    (id) => {
      const secondary: ItemActionId = id === "show-all-fields" ? "copy-password" : "show-all-fields";
      const actions = titles(panelOf(KINDS[0] as Kind, { primary: id, secondary }));
      expect(actions.slice(0, 2)).toEqual([expected[id], expected[secondary]]);
    },
  );

  it.each([
    ["1Password 7 login from metadata only", "copy-password", "Open and Fill"],
    ["1Password 7 login from metadata only", "share", "Open in 1Password"],
    ["SDK item", "open-and-fill", "Open in 1Password"],
    ["Connect database", "copy-one-time-password", "Copy Password"],
    ["Connect database", "paste-username", "Paste Password"],
    ["Secure Note", "copy-password", "Show All Fields"],
    ["Password item", "open-and-fill", "Open in 1Password"],
  ])("on a %s, %s falls back to %s", (name, primary, first) => {
    const actions = titles(
      panelOf(kind(name), { primary: primary as ItemActionId, secondary: "open-in-1password" }),
    );
    expect(actions[0]).toBe(first);
  });

  it("takes Open in 1Password as the secondary when both preferences land on the same action", () => {
    const actions = titles(
      panelOf(kind("1Password 7 login from metadata only"), {
        primary: "copy-password",
        secondary: "open-and-fill",
      }),
    );
    expect(actions.slice(0, 2)).toEqual(["Open and Fill", "Open in 1Password"]);
  });

  it("runs the primary action: Paste One-Time Password pastes the current code and counts a use", async () => {
    let uses = 0;
    const [primary] = panelOf(
      KINDS[0] as Kind,
      { primary: "paste-one-time-password", secondary: "copy-password" },
      () => {
        uses += 1;
      },
    );
    await runAction(primary as ReactTestInstance);
    await until(() => recorder.pasted.length > 0, "paste");
    expect(recorder.pasted).toEqual(["123456"]);
    expect(recorder.clipboard).toEqual([]);
    await until(() => uses === 1, "the use counted");
  });
});

describe("copies from the list", () => {
  it("copy the password concealed and say when it leaves the clipboard", async () => {
    const actions = panelOf(KINDS[0] as Kind, { primary: "copy-password", secondary: "open-in-1password" });
    await runAction(actions[0] as ReactTestInstance);
    await until(() => recorder.toasts.length > 0, "toast");
    expect(recorder.clipboard).toEqual([{ content: "pw-secret", concealed: true }]);
    expect(recorder.toasts.at(-1)).toMatchObject({
      style: "SUCCESS",
      title: "Copied password",
      message: "Cleared from the clipboard in 90 s.",
    });
  });
});

describe("paste names the app in front", () => {
  it("says Paste Password into Safari, for username, password and code, when Raycast knows the app", async () => {
    recorder.frontmostApp = {
      name: "Safari",
      path: "/Applications/Safari.app",
      bundleId: "com.apple.Safari",
    };
    const part = renderPart(
      <ItemActions
        item={KINDS[0]?.item as ItemSummary}
        actionPreferences={{ primary: "open-and-fill", secondary: "open-in-1password" }}
        isShowingDetail={false}
        onToggleDetail={() => undefined}
        onUse={() => undefined}
        connect={fakeProvider(KINDS[0]?.item as ItemSummary)}
        connectItem={KINDS[0]?.item as ItemSummary}
      />,
    );
    mounted.push(part);
    const pastes = () => titles(part.root.findAll(isAction)).filter((t) => t.startsWith("Paste"));
    await until(
      () => pastes().every((t) => t.endsWith("into Safari")),
      () => JSON.stringify(pastes()),
    );
    expect(pastes()).toEqual([
      "Paste Username into Safari",
      "Paste Password into Safari",
      "Paste One-Time Password into Safari",
    ]);
  });

  it("names it on the detail view's fields too, and says Paste alone when the app is unknown", async () => {
    recorder.frontmostApp = {
      name: "Terminal",
      localizedName: "Terminal",
      path: "/System/Applications/Terminal.app",
    };
    const item = summary({ source: "connect" });
    const detail = renderPart(<ItemDetail item={item} provider={fakeProvider(item)} />);
    mounted.push(detail);
    await until(
      () =>
        itemTitles(detail).includes("password") &&
        titles(actionsOf(detail, "password")).includes("Paste password into Terminal"),
      "the named paste",
    );
    forgetFrontmostApp();
    recorder.frontmostApp = undefined;
    const unknown = renderPart(<ItemDetail item={item} provider={fakeProvider(item)} />);
    mounted.push(unknown);
    await until(() => itemTitles(unknown).includes("password"), "fields");
    expect(titles(actionsOf(unknown, "password"))).toContain("Paste password");
  });
});

describe("every web address gets its own actions", () => {
  const urls = [
    "https://a.example/login",
    "javascript:alert(1)",
    "file:///Users/me/setup.command",
    "http://b.example/",
  ];
  const hash = (url: string) => createHash("sha256").update(url).digest("hex");

  it("opens and fills each http and https URL through 1Password, and never a javascript: or file: one", async () => {
    const item = summary({ urls });
    const actions = panelOf(
      { name: "many urls", item, readable: false },
      { primary: "open-and-fill", secondary: "open-in-1password" },
    );
    const fills = actions.filter((a) => String(a.props.title).startsWith("Open and Fill"));
    expect(titles(fills)).toEqual([
      "Open and Fill https://a.example/login",
      "Open and Fill http://b.example/",
    ]);
    for (const fill of fills) await runAction(fill);
    expect(recorder.opened).toEqual([
      `onepassword7://open_and_fill/${VAULT}/${item.id}/${hash(urls[0] as string)}`,
      `onepassword7://open_and_fill/${VAULT}/${item.id}/${hash(urls[3] as string)}`,
    ]);
  });

  it("opens each web address in the browser and copies any of them", async () => {
    const item = summary({ urls });
    const actions = panelOf(
      { name: "many urls", item, readable: false },
      { primary: "open-in-1password", secondary: "open-and-fill" },
    );
    const named = (title: string) => actions.find((a) => a.props.title === title) as ReactTestInstance;
    for (const url of urls) await runAction(named(`Open ${url} in Browser`));
    expect(recorder.opened).toEqual(["https://a.example/login", "http://b.example/"]);
    expect(recorder.toasts.map((t) => t.title)).toEqual([
      "Not opened: not a web address",
      "Not opened: not a web address",
    ]);
    for (const url of urls) await runAction(named(`Copy ${url}`));
    expect(recorder.clipboard.map((c) => c.content)).toEqual(urls);
  });
});
