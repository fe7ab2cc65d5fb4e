// Sharing through the desktop app with the real @1password/sdk: the policy comes from the signed-in
// account, recipients are validated and the link made by the app, and nothing is sent that the policy forbids.
import { ItemShareDuration } from "@1password/sdk";
import { describe, expect, it } from "vitest";
import {
  ShareRefusedError,
  createSdkProvider,
  createShareLink,
  loadSdkClient,
  type SdkError,
} from "@op-bridge/shared";
import { DEMO_ACCOUNTS, buildDemoAccounts } from "../../desktop-app/accounts.js";
import { useDesktopApp } from "../../desktop-app/useDesktopApp.js";

const app = useDesktopApp();

/** The first item of a vault of the account the demo seed gives it. */
function itemIn(accountIndex: number, vaultTitle: string) {
  const account = buildDemoAccounts()[accountIndex]!;
  const vault = [...account.vaults.values()].find((v) => v.overview.title === vaultTitle)!;
  const first = [...vault.items.values()][0]!;
  return { vaultId: vault.overview.id, itemId: first.id };
}

async function sharingFor(account: string) {
  const client = await loadSdkClient({ auth: { desktopAccount: account } });
  return createSdkProvider(client, { label: account, accountName: account }).sharing;
}

/** The sharing invocations the app was asked for since the count `from`. */
const sharingCalls = (from = 0) =>
  app()
    .calls.slice(from)
    .filter((c) => c.invocation?.startsWith("ItemsShares"))
    .map((c) => c.invocation);

describe("sharing through the desktop app", () => {
  it("makes a link for named people under the company account's policy", async () => {
    const sharing = await sharingFor(DEMO_ACCOUNTS.company.name);
    const link = await createShareLink(sharing, itemIn(0, "Development"), {
      expireAfter: ItemShareDuration.OneDay,
      oneTimeOnly: true,
      recipients: ["ann@acme.example", "acme.example"],
    });
    expect(link).toMatch(/^https:\/\/share\.1password\.com\/s#[\w-]{20,}$/);
    expect(sharingCalls()).toEqual([
      "ItemsSharesGetAccountPolicy",
      "ItemsSharesValidateRecipients",
      "ItemsSharesCreate",
    ]);
    expect(app().calls.at(-1)?.detail).toMatch(/OneDay, one view, 2 recipient\(s\)$/);
  });

  it("refuses, before anything is shared, what the company policy forbids", async () => {
    const sharing = await sharingFor(DEMO_ACCOUNTS.company.name);
    const before = app().calls.length;
    const error = await createShareLink(sharing, itemIn(0, "Production"), {
      expireAfter: ItemShareDuration.ThirtyDays,
      oneTimeOnly: false,
      recipients: [],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareRefusedError);
    expect((error as ShareRefusedError).reasons).toEqual([
      "Your account allows links for at most 7 days; 30 days is longer.",
      "Your account allows links only for specific people: add at least one email address or domain.",
    ]);
    expect(sharingCalls(before)).toEqual(["ItemsSharesGetAccountPolicy"]);
  });

  it("makes a link anyone can open, for the personal account's default expiry", async () => {
    const sharing = await sharingFor(DEMO_ACCOUNTS.personal.name);
    await createShareLink(sharing, itemIn(1, "Private"), { oneTimeOnly: false, recipients: [] });
    expect(app().calls.at(-1)?.detail).toMatch(/SevenDays, many views, 0 recipient\(s\)$/);
  });

  it("says what to do when the app is locked or rate limited while sharing", async () => {
    const sharing = await sharingFor(DEMO_ACCOUNTS.company.name);
    const item = itemIn(0, "Shared");
    const request = { oneTimeOnly: true, recipients: ["ann@acme.example"] };
    const before = app().calls.length;
    await app().setFailure("rate-limited");
    const limited = (await createShareLink(sharing, item, request).catch((e: unknown) => e)) as SdkError;
    expect(limited).toMatchObject({ name: "SdkError", kind: "rate-limited" });
    await app().setFailure("locked");
    const locked = (await createShareLink(sharing, item, request).catch((e: unknown) => e)) as SdkError;
    expect(locked).toMatchObject({ name: "SdkError", kind: "desktop-locked" });
    expect(sharingCalls(before)).toEqual(["ItemsSharesGetAccountPolicy", "ItemsSharesGetAccountPolicy"]);
  });
});
