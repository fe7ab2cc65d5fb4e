// Search 1Password Items with 1Password 8 accounts (the desktop app) and a service account as sources: their
// items join the metadata list, values are read at the moment of copying and copied concealed, and an account
// that fails is named with what to do while everything else stays listed. The SDK is a fake typed from
// @1password/sdk's own types, standing in for the module the extension imports on first use.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client, DesktopSessionExpiredError, ItemOverview, Item, VaultOverview } from "@1password/sdk";

type ClientConfiguration = Parameters<typeof import("@1password/sdk").createClient>[0];
import { act } from "react-test-renderer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import SearchItems from "../../raycast-extension/src/search-items";
import { environment, recorder } from "./stand-in/raycast-api";
import { actionNamed, itemNamed, itemTitles, renderCommand, until } from "./helpers/render";
import { sdkItem } from "../vscode/helpers/fakeSdk";

/** What each account's sign-in does: a client with its vault and item, or the SDK's error. */
const accounts = new Map<string, () => Promise<Partial<Client>>>();
const signIns: string[] = [];

/** The SDK's own error classes, which the extension tells errors apart by. */
const sdkErrors = vi.hoisted(() => ({
  DesktopSessionExpiredError: class DesktopSessionExpiredError extends Error {},
  RateLimitExceededError: class RateLimitExceededError extends Error {},
  AuthExpiredError: class AuthExpiredError extends Error {},
}));

vi.mock("@1password/sdk", () => ({
  ...sdkErrors,
  DesktopAuth: class {
    constructor(readonly accountName: string) {}
  },
  createClient: async (config: ClientConfiguration) => {
    const name =
      typeof config.auth === "string"
        ? "service account"
        : (config.auth as { accountName: string }).accountName;
    signIns.push(name);
    const signIn = accounts.get(name);
    if (!signIn) throw new Error(`no fake for ${name}`);
    return signIn();
  },
}));

function sdkClient(vault: VaultOverview, item: Item): Partial<Client> {
  const overview = {
    id: item.id,
    title: item.title,
    category: item.category,
    vaultId: item.vaultId,
    websites: item.websites,
    tags: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    state: "active",
  } as unknown as ItemOverview;
  return {
    vaults: { list: async () => [vault] } as unknown as Client["vaults"],
    items: {
      list: async () => [overview],
      get: async () => item,
    } as unknown as Client["items"],
  };
}

function login(id: string, vaultId: string, title: string, password: string): Item {
  return sdkItem({
    id,
    vaultId,
    title,
    category: "Login",
    fields: [
      { id: "username", title: "username", fieldType: "Text", value: "me" },
      { id: "password", title: "password", fieldType: "Concealed", value: password },
    ],
  }) as unknown as Item;
}

const teamVault = { id: "teamvault00000000000000001", title: "Team" } as VaultOverview;
const ciVault = { id: "civault0000000000000000001", title: "CI" } as VaultOverview;
/** The 1Password 8 account's one item, and the service account's. */
const teamVpnClient = () =>
  sdkClient(teamVault, login("teamvpn0000000000000000001", teamVault.id, "Team VPN", "vpn-secret-value"));
const ciDeployClient = () =>
  sdkClient(ciVault, login("cideploy000000000000000001", ciVault.id, "CI deploy", "ci-secret-value"));

let root: string;
let support: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "raycast-sdk-meta-"));
  support = await mkdtemp(join(tmpdir(), "raycast-sdk-support-"));
  (environment as { supportPath: string }).supportPath = support;
  const record = {
    uuid: "ITEMGITHUB00000000000000AA",
    vaultUUID: "AAAAAAAAAAAAAAAAAAAAAAAAAA",
    vaultName: "Personal",
    itemTitle: "GitHub",
    categoryUUID: "001",
    categorySingularName: "Login",
    categoryPluralName: "Logins",
    itemDescription: "octocat",
    createdAt: 1600000000,
    modifiedAt: 1700000000,
  };
  await mkdir(join(root, record.vaultUUID), { recursive: true });
  await writeFile(join(root, record.vaultUUID, `x.onepassword-item-metadata`), JSON.stringify(record));
});
afterAll(async () => {
  await Promise.all([root, support].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("1Password 8 accounts and a service account as sources", () => {
  it("lists every account's items beside the metadata ones and copies a password read at that moment, concealed", async () => {
    accounts.set("My Team", async () => teamVpnClient());
    accounts.set("service account", async () => ciDeployClient());
    const r = await renderCommand(<SearchItems />, {
      metadataFolder: root,
      desktopAccounts: "My Team, My Team",
      serviceAccountToken: "ops_valid_token_for_tests",
    });
    await until(
      () => itemTitles(r).length === 3,
      () => JSON.stringify([itemTitles(r), recorder.toasts]),
    );
    expect(itemTitles(r).sort()).toEqual(["CI deploy", "GitHub", "Team VPN"]);
    // The same account named twice signs in once.
    expect(signIns.filter((name) => name === "My Team")).toHaveLength(1);
    const copyPassword = actionNamed(r, "Team VPN", "Copy Password");
    await act(async () => copyPassword.props.onAction());
    await until(() => recorder.clipboard.length > 0, "the copy");
    expect(recorder.clipboard[0]).toMatchObject({ content: "vpn-secret-value", concealed: true });
    expect(JSON.stringify([recorder.toasts, itemTitles(r)])).not.toContain("vpn-secret-value");
    // Accounts that answer at once never show the waiting hint.
    expect(recorder.toasts.map((t) => t.title)).not.toContain("Waiting for 1Password");
  });

  it("while a locked app keeps an account's sign-in waiting, a toast says so, and goes once the account answers", async () => {
    let unlock: () => void = () => undefined;
    accounts.set(
      "Locked Team",
      () =>
        new Promise((resolve) => {
          unlock = () => resolve(teamVpnClient());
        }),
    );
    const r = await renderCommand(<SearchItems />, { metadataFolder: root, desktopAccounts: "Locked Team" });
    await until(() => itemTitles(r).includes("GitHub"), "the metadata items");
    await until(
      () => recorder.toasts.some((t) => t.title === "Waiting for 1Password"),
      () => JSON.stringify(recorder.toasts),
      400,
    );
    const hint = recorder.toasts.find((t) => t.title === "Waiting for 1Password")!;
    expect(hint.message).toBe("Unlock 1Password or approve the request for Locked Team");
    expect(recorder.hiddenToasts).not.toContain("Waiting for 1Password");
    await act(async () => unlock());
    await until(
      () => itemTitles(r).includes("Team VPN"),
      () => JSON.stringify(itemTitles(r)),
    );
    await until(() => recorder.hiddenToasts.includes("Waiting for 1Password"), "the hint to go");
  });

  /** The SDK's own class for a locked app's ended session, as its core throws it. */
  const SessionExpired: typeof DesktopSessionExpiredError = sdkErrors.DesktopSessionExpiredError;
  it.each([
    [
      "the app is not installed",
      () => new Error("1Password desktop application not found"),
      /install and open 1Password 8/,
    ],
    ["the app is locked", () => new SessionExpired("the session expired"), /unlock 1Password/],
    [
      "the account name is wrong",
      () => new Error("no account matched 'Wrong name'"),
      /1Password: no account matched/,
    ],
  ])(
    "when %s, that account is named with what to do and the other items stay",
    async (_what, sdkError, advice) => {
      accounts.set("Wrong name", async () => {
        throw sdkError();
      });
      accounts.set("service account", async () => ciDeployClient());
      const r = await renderCommand(<SearchItems />, {
        metadataFolder: root,
        desktopAccounts: "Wrong name",
        serviceAccountToken: "ops_valid_token_for_tests",
      });
      await until(
        () => recorder.toasts.some((t) => t.title?.startsWith("Wrong name:")),
        "the account's toast",
      );
      const toast = recorder.toasts.find((t) => t.title?.startsWith("Wrong name:"))!;
      expect(toast.message).toMatch(advice);
      expect(toast.primaryAction?.title).toBe("Retry");
      await until(
        () => itemTitles(r).includes("CI deploy") && itemTitles(r).includes("GitHub"),
        () => JSON.stringify(itemTitles(r)),
      );
      // The account's row says what is wrong, above the items the other sources still list.
      const row = itemNamed(r, toast.title!);
      expect(row.props.subtitle).toMatch(advice);
      expect(
        itemTitles(r)
          .filter((title) => title !== toast.title)
          .sort(),
      ).toEqual(["CI deploy", "GitHub"]);
      // Fixed (unlocked, renamed, installed): Retry on the row brings the account's items in.
      accounts.set("Wrong name", async () => teamVpnClient());
      const retry = actionNamed(r, toast.title!, "Retry");
      await act(async () => retry.props.onAction());
      await until(
        () => itemTitles(r).includes("Team VPN"),
        () => JSON.stringify(itemTitles(r)),
      );
      expect(itemTitles(r)).not.toContain(toast.title);
    },
  );
});
