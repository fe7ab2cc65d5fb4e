// Create Share Link through the registry's SDK source with a fake SDK client: policy-driven choices, refusals, the copied link.
import { beforeEach, expect, test } from "vitest";
import type { ItemShareAccountPolicy } from "@1password/sdk";
import { createShareLinkFlow } from "../../vscode-extension/src/sharing/createShareLink.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
beforeEach(() => standIn.reset());

async function signedIn(policy: Partial<ItemShareAccountPolicy> = {}) {
  const fake = createFakeSdk(policy);
  const registry = createTestRegistry({}, { loadSdk: async () => fake.client });
  await registry.signInSdk({ serviceAccountToken: "ops_valid" });
  return { registry, fake };
}

test("expiries offered are those the policy allows, its default first; the link is copied and offered to open", async () => {
  const { registry, fake } = await signedIn({
    maxExpiry: "SevenDays" as never,
    defaultExpiry: "OneDay" as never,
  });
  standIn.answer(
    { quickPick: "Deploy key" },
    { quickPick: "7 days" },
    { quickPick: "One view only" },
    { input: "ann@example.com, example.org" },
  );
  const link = await createShareLinkFlow(registry);
  expect(link).toBe("https://share.1password.com/s#fake-link");
  expect(standIn.state.pickers[1]!.labels).toEqual(["1 day", "1 hour", "7 days"]);
  expect(fake.created).toEqual([
    {
      expireAfter: "SevenDays",
      oneTimeOnly: true,
      recipients: [
        { type: "Email", parameters: { email: "ann@example.com" } },
        { type: "Domain", parameters: { domain: "example.org" } },
      ],
    },
  ]);
  expect(standIn.state.clipboard).toBe(link);
  const [notice] = standIn.state.notifications;
  expect(notice!.message).toMatch(/copied: ann@example.com, example.org, one view, expires after 7 days/);
  expect(notice!.items).toEqual(["Open", "Copy"]);
});

test("recipients the policy forbids are refused in the box with the reason, before anything is sent", async () => {
  const { registry, fake } = await signedIn({
    allowedTypes: ["Authenticated"] as never,
    allowedRecipientTypes: ["Email"] as never,
  });
  standIn.answer(
    { quickPick: "Deploy key" },
    { quickPick: "7 days" },
    { quickPick: "Many views" },
    { input: "" },
    { input: "example.org" },
    { input: "not an address!" },
    { input: "bob@example.com" },
  );
  await createShareLinkFlow(registry);
  expect(standIn.state.validations.map((v) => v.message)).toEqual([
    expect.stringMatching(/only for specific people/),
    expect.stringMatching(/does not allow sharing with whole domains/),
    expect.stringMatching(/neither an email address nor a domain/),
    undefined,
  ]);
  expect(fake.created).toHaveLength(1);
});

test("several views are refused when the account allows one, and nothing is sent", async () => {
  const { registry, fake } = await signedIn({ maxViews: 1 });
  standIn.answer({ quickPick: "Deploy key" }, { quickPick: "7 days" }, { quickPick: "Many views" });
  await expect(createShareLinkFlow(registry)).rejects.toThrow(/viewed only once/);
  expect(fake.created).toHaveLength(0);
});

test("without an SDK sign-in it says how to share and offers Sign In", async () => {
  const registry = createTestRegistry({ OP_CONNECT_HOST: "http://127.0.0.1:9", OP_CONNECT_TOKEN: "t" });
  await expect(createShareLinkFlow(registry)).rejects.toHaveProperty("name", "CancellationError");
  const [notice] = standIn.state.notifications;
  expect(notice!.level).toBe("error");
  expect(notice!.message).toMatch(/sign in with a service account or the desktop app/);
  expect(notice!.items).toEqual(["Sign In"]);
});
