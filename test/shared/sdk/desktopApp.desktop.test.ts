// The SDK source signed in through the desktop app: the real @1password/sdk loads the stand-in's library
// (run-with-app.ts installs it), so the SDK's own client setup, encoding, reviver, error classes and
// retry after an expired session all run. Only the app and 1Password's servers are stood in for.
import { describe, expect, it, vi } from "vitest";
import {
  SdkError,
  createSdkProvider,
  loadSdkClient,
  resolveSecretReference,
  type SdkClient,
} from "@op-bridge/shared";
import { DEMO_ACCOUNTS, buildDemoAccounts } from "../../desktop-app/accounts.js";
import { useDesktopApp } from "../../desktop-app/useDesktopApp.js";
import { currentTotp } from "../../connect-server/totp.js";

const app = useDesktopApp();
const seed = buildDemoAccounts();
const company = seed[0]!;
const development = [...company.vaults.values()].find((v) => v.overview.title === "Development")!;
const github = [...development.items.values()].find((i) => i.title === "GitHub")!;
const githubPassword = github.fields.find((f) => f.id === "password")!.value;

const signIn = (account: string = DEMO_ACCOUNTS.company.name) =>
  loadSdkClient({ auth: { desktopAccount: account } });
const provider = (client: SdkClient, account = DEMO_ACCOUNTS.company.name) =>
  createSdkProvider(client, { label: account, accountName: account });
/** What the app was asked, in order, as "kind" or "kind Invocation". */
const asked = () => app().calls.map((c) => (c.invocation ? `${c.kind} ${c.invocation}` : c.kind));
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as SdkError,
  );

describe("the SDK source through the desktop app", () => {
  it("signs in to the named account and lists only that account's vaults and items", async () => {
    const items = await provider(await signIn()).listItems();
    const companyVaults = [...company.vaults.values()];
    expect(new Set(items.map((i) => i.vaultName))).toEqual(
      new Set(companyVaults.map((v) => v.overview.title)),
    );
    expect(items).toHaveLength(companyVaults.reduce((sum, v) => sum + v.items.size, 0));
    expect(items.find((i) => i.id === github.id)).toMatchObject({
      title: "GitHub",
      vaultName: "Development",
      categoryId: "LOGIN",
      accountName: DEMO_ACCOUNTS.company.name,
      urls: ["https://github.com/login"],
      // The SDK's reviver turned the app's date strings into Dates; the source made them seconds.
      modifiedAt: Math.floor(github.updatedAt.getTime() / 1000),
      source: "sdk",
    });

    const personal = await provider(await signIn(DEMO_ACCOUNTS.personal.name)).listVaults();
    expect(personal.map((v) => v.name)).toEqual(["Private"]);
    // DesktopAuth takes the account's UUID as well as its name.
    const byId = await provider(await signIn(DEMO_ACCOUNTS.personal.id)).listVaults();
    expect(byId).toEqual(personal);
  });

  it("reads values, the current one-time code and references at the moment they are asked for", async () => {
    const source = provider(await signIn());
    expect(await source.readFieldValue(development.overview.id, github.id, "password")).toBe(githubPassword);
    const otpField = github.fields.find((f) => f.fieldType === "Totp")!;
    const code = await source.readFieldValue(development.overview.id, github.id, otpField.id);
    expect([currentTotp(otpField.value), currentTotp(otpField.value, Date.now() - 30_000)]).toContain(code);
    expect(await resolveSecretReference([source], "op://Development/GitHub/password")).toBe(githubPassword);

    const details = await source.getItemDetails(development.overview.id, github.id);
    expect(JSON.stringify(details)).not.toContain(githubPassword);
    expect(asked()).toContain("invoke ItemsGet");
  });

  it("creates an item that the next listing shows, and the app never logs its value", async () => {
    const lines: string[] = [];
    const source = provider(await signIn());
    const created = await source.createItem(development.overview.id, {
      title: "Stripe (desktop)",
      category: "API_CREDENTIAL",
      fields: [{ label: "API key", type: "CONCEALED", value: "sk_live_desktop_0123456789" }],
    });
    expect(created.summary).toMatchObject({ title: "Stripe (desktop)", vaultName: "Development" });
    const listed = await source.listItems({ vaultId: development.overview.id });
    expect(listed.map((i) => i.title)).toContain("Stripe (desktop)");
    lines.push(...app().calls.map((c) => JSON.stringify(c)));
    expect(lines.join("\n")).toContain("ItemsCreate");
    expect(lines.join("\n")).not.toContain("sk_live_desktop_0123456789");
  });

  it("signs in again once and retries when the app's session has ended (10 minutes idle)", async () => {
    const source = provider(await signIn());
    await source.listVaults();
    const before = app().calls.length;
    await app().setFailure("session-expired-once");
    expect((await source.listVaults()).map((v) => v.name)).toContain("Development");
    expect(asked().slice(before)).toEqual(["invoke VaultsList", "init_client", "invoke VaultsList"]);
    expect(
      app()
        .calls.slice(before)
        .map((c) => c.outcome),
    ).toEqual(["DesktopSessionExpired", "ok", "ok"]);
  });
});

describe("each way the desktop app fails gives the product's guided message", () => {
  it("app not installed: says to install and open 1Password 8 and turn on the integration", async () => {
    await app().setFailure("not-installed");
    // The SDK prints its own stack trace when the app's library is missing; keep the output clean.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const error = await failureOf(signIn());
      expect(error).toMatchObject({ name: "SdkError", kind: "desktop-unavailable" });
      expect(error!.message).toMatch(/not found: install and open 1Password 8.*Integrate with other apps/);
    } finally {
      quiet.mockRestore();
    }
  });

  it("integration off: says to open and unlock the app and turn on Integrate with other apps", async () => {
    await app().setFailure("integration-off");
    const error = await failureOf(signIn());
    expect(error).toMatchObject({ kind: "desktop-unreachable" });
    expect(error!.message).toMatch(
      /did not answer: open 1Password 8, unlock it.*Integrate with other apps is on/,
    );
  });

  it("locked: at sign-in, and after signing in (the SDK's retry meets the lock)", async () => {
    const source = provider(await signIn());
    await app().setFailure("locked");
    // One call at a time: a second call started early would reject while the first is awaited.
    for (const attempt of [() => signIn(), () => source.listVaults()]) {
      const error = await failureOf(attempt());
      expect(error).toMatchObject({ kind: "desktop-locked" });
      expect(error!.message).toBe(
        "1Password is locked: unlock the app and approve the request when it asks, then try again.",
      );
    }
  });

  it("locked with its prompt showing: the call waits until the user unlocks and approves, then goes on; cancelling stops the wait", async () => {
    const source = provider(await signIn());
    await app().setFailure("awaiting-unlock");
    let before = app().calls.length;
    const listing = source.listVaults();
    // The SDK's session ended with the lock; its sign-in again is held by the app's prompt, unanswered.
    await vi.waitFor(() => expect(asked().slice(before)).toEqual(["invoke VaultsList", "init_client"]));
    expect(app().calls.at(-1)!.outcome).toBe("no answer");
    await app().setFailure("none");
    expect((await listing).map((v) => v.name)).toContain("Development");
    expect(asked().slice(before)).toEqual(["invoke VaultsList", "init_client", "invoke VaultsList"]);

    await app().setFailure("awaiting-unlock");
    before = app().calls.length;
    const controller = new AbortController();
    const signingIn = loadSdkClient({
      auth: { desktopAccount: DEMO_ACCOUNTS.company.name },
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(asked().slice(before)).toEqual(["init_client"]));
    controller.abort();
    await expect(signingIn).rejects.toMatchObject({ name: "AbortError" });
  });

  it("account name not found: says which name to use", async () => {
    const error = await failureOf(signIn("Acme Dev Teem"));
    expect(error).toMatchObject({ kind: "desktop-account-not-found" });
    expect(error!.message).toMatch(
      /no account by that name: use the name shown at the top of the app's sidebar/,
    );
  });

  it("session expired for good: says to unlock and sign in again", async () => {
    const source = provider(await signIn());
    await app().setFailure("session-expired");
    const error = await failureOf(source.listVaults());
    expect(error).toMatchObject({ kind: "desktop-session-expired" });
    expect(error!.message).toMatch(/session for this extension ended: unlock 1Password, then sign in again/);
  });

  it("rate limited: says to wait, without blaming a service account", async () => {
    const source = provider(await signIn());
    await app().setFailure("rate-limited");
    const error = await failureOf(source.listItems());
    expect(error).toMatchObject({ kind: "rate-limited" });
    expect(error!.message).toMatch(/rate limit was reached .*wait a while, then try again/);
  });

  it("slow: the answer is waited for, the event loop stays free meanwhile, and cancelling stops the wait", async () => {
    const source = provider(await signIn());
    await app().setFailure("slow", { delayMs: 300 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      expect((await source.listVaults()).length).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(5);

    await app().setFailure("slow", { delayMs: 60_000 });
    const controller = new AbortController();
    const pending = source.listVaults({ signal: controller.signal });
    await vi.waitFor(() => expect(asked().at(-1)).toBe("invoke VaultsList"));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("crashed mid-call: says the app did not answer; once it is back, the same client signs in again by itself", async () => {
    const source = provider(await signIn());
    await app().setFailure("crashed");
    const error = await failureOf(source.listVaults());
    expect(error).toMatchObject({ kind: "desktop-unreachable" });
    expect(await failureOf(source.listVaults())).toMatchObject({ kind: "desktop-unreachable" });

    await app().setFailure("none");
    const before = app().calls.length;
    expect((await source.listVaults()).length).toBeGreaterThan(0);
    expect(asked().slice(before)).toEqual(["invoke VaultsList", "init_client", "invoke VaultsList"]);
  });
});
