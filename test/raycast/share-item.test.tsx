// Renders the Share Item view over a fake ItemSharingApi: the policy's expiries, the link copied, refusals shown.
import type React from "react";
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { describe, expect, it } from "vitest";
import type { ItemShareAccountPolicy, ItemSharingApi, ItemSummary } from "@op-bridge/shared";
import { ShareItem } from "../../raycast-extension/src/components/ShareItem";
import { isComponent } from "./helpers/components";
import { recorder } from "./stand-in/raycast-api";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const item: ItemSummary = {
  id: "itemgithub00000000000000aa",
  vaultId: "vaultaaaaaaaaaaaaaaaaaaaaa",
  vaultName: "Personal",
  title: "GitHub",
  categoryId: "001",
  category: "Login",
  urls: [],
  source: "connect",
};

function fakeApi(policy: ItemShareAccountPolicy) {
  const created: unknown[] = [];
  const api: ItemSharingApi = {
    getAccountPolicy: async () => policy,
    validateRecipients: async (_p, recipients) =>
      recipients.map((email) => ({ type: "Email", parameters: { email } }) as never),
    create: async (_v, _i, _p, params) => {
      created.push(params);
      return "https://share.1password.com/s#abc";
    },
  };
  return { api, created };
}

function render(element: React.ReactElement): ReactTestRenderer {
  let r: ReactTestRenderer | undefined;
  act(() => {
    r = create(element);
  });
  return r as ReactTestRenderer;
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const items = (r: ReactTestRenderer) => r.root.findAll((n) => isComponent(n, "List.Item"));

async function ready(r: ReactTestRenderer) {
  for (let i = 0; i < 100 && items(r).length === 0; i++) await act(async () => sleep(10));
}
async function runAction(node: ReactTestInstance) {
  const action = render(node.props.actions).root.find((n) => isComponent(n, "Action"));
  await act(async () => action.props.onAction());
  await act(async () => sleep(10));
}

const policy = {
  maxExpiry: "SevenDays",
  defaultExpiry: "SevenDays",
  allowedTypes: ["Public", "Authenticated"],
  allowedRecipientTypes: ["Email"],
  files: { allowed: true, maxSize: 0, allowedTypes: [] },
} as unknown as ItemShareAccountPolicy;

describe("Share Item", () => {
  it("offers only the expiries the account allows and copies the created link", async () => {
    recorder.reset();
    const { api, created } = fakeApi(policy);
    const r = render(<ShareItem item={item} loadSharingApi={async () => api} />);
    await ready(r);
    const accessory = render(r.root.find((n) => isComponent(n, "List")).props.searchBarAccessory);
    const expiries = accessory.root
      .findAll((n) => isComponent(n, "List.Dropdown.Item"))
      .map((n) => n.props.value);
    expect(expiries).toEqual(["OneHour", "OneDay", "SevenDays"]);
    await runAction(items(r)[1] as ReactTestInstance);
    // Concealed: a share link opens the item to whoever holds it; it stays out of clipboard history.
    expect(recorder.clipboard).toEqual([{ content: "https://share.1password.com/s#abc", concealed: true }]);
    expect(JSON.stringify(recorder.toasts)).not.toContain("share.1password.com/s#abc");
    expect(created).toHaveLength(1);
    expect(recorder.toasts.at(-1)?.title).toBe("Share link copied");
    act(() => r.unmount());
  });

  it("refuses a domain recipient the policy forbids, with the reason, and sends nothing", async () => {
    recorder.reset();
    const { api, created } = fakeApi(policy);
    const r = render(<ShareItem item={item} loadSharingApi={async () => api} />);
    await ready(r);
    await act(async () => r.root.find((n) => isComponent(n, "List")).props.onSearchTextChange("example.com"));
    await runAction(items(r)[0] as ReactTestInstance);
    expect(created).toHaveLength(0);
    expect(recorder.clipboard).toHaveLength(0);
    expect(recorder.toasts.at(-1)?.title).toBe("Share link not created");
    expect(String(recorder.toasts.at(-1)?.message)).toMatch(/domain/i);
    act(() => r.unmount());
  });

  it("says in the view why an item cannot be shared, and stops loading", async () => {
    const { api } = fakeApi(policy);
    api.getAccountPolicy = async () => {
      throw new Error('This token has no access to vault "Personal".');
    };
    const r = render(<ShareItem item={item} loadSharingApi={async () => api} />);
    const list = () => r.root.find((n) => isComponent(n, "List"));
    for (let i = 0; i < 100 && list().props.isLoading; i++) await act(async () => sleep(10));
    expect(list().props.isLoading).toBe(false);
    const empty = r.root.find((n) => isComponent(n, "List.EmptyView"));
    expect(empty.props.title).toBe("Cannot share this item");
    expect(empty.props.description).toBe('This token has no access to vault "Personal".');
    // The token that decides what can be shared is one action away.
    const help = render(empty.props.actions).root.find((n) => n.props.title === "Open Extension Preferences");
    await act(async () => help.props.onAction());
    expect(recorder.opened).toEqual(["raycast://extension-preferences"]);
    expect(items(r)).toHaveLength(0);
    expect(recorder.toasts.at(-1)?.title).toBe("Cannot share this item");
  });
});
