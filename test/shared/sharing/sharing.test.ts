import {
  AllowedRecipientType,
  AllowedType,
  ItemShareDuration,
  type ItemShareAccountPolicy,
  type ItemShareParams,
  type ValidRecipient,
} from "@1password/sdk";
import { describe, expect, it } from "vitest";
import {
  ALL_SHARE_DURATIONS,
  ShareRefusedError,
  allowedExpiries,
  checkShareRequest,
  classifyRecipient,
  createShareLink,
  describeExpiry,
  parseRecipients,
  type ItemSharingApi,
} from "@op-bridge/shared";

/** The seed's defaults for individual and family accounts: unlimited views, all types, 30 days max, 7 default. */
const familyPolicy: ItemShareAccountPolicy = {
  maxExpiry: ItemShareDuration.ThirtyDays,
  defaultExpiry: ItemShareDuration.SevenDays,
  allowedTypes: [AllowedType.Authenticated, AllowedType.Public],
  allowedRecipientTypes: [AllowedRecipientType.Email, AllowedRecipientType.Domain],
  files: { allowed: true, maxSize: 2_000_000 },
};
/** A strict business policy: one day at most, only named people by email, one view. */
const strictPolicy: ItemShareAccountPolicy = {
  maxExpiry: ItemShareDuration.OneDay,
  defaultExpiry: ItemShareDuration.OneHour,
  maxViews: 1,
  allowedTypes: [AllowedType.Authenticated],
  allowedRecipientTypes: [AllowedRecipientType.Email],
  files: { allowed: false, maxSize: 0 },
};

type Call =
  | { method: "getAccountPolicy"; vaultId: string; itemId: string }
  | { method: "validateRecipients"; recipients: string[] }
  | { method: "create"; vaultId: string; itemId: string; params: ItemShareParams };

/** A fake of the SDK's sharing calls, typed with the SDK's types, that records every call. */
function fakeSharing(policy: ItemShareAccountPolicy, options: { reject?: string[] } = {}) {
  const calls: Call[] = [];
  const api: ItemSharingApi = {
    async getAccountPolicy(vaultId, itemId) {
      calls.push({ method: "getAccountPolicy", vaultId, itemId });
      return policy;
    },
    async validateRecipients(_policy, recipients) {
      calls.push({ method: "validateRecipients", recipients });
      return recipients
        .filter((r) => !options.reject?.includes(r))
        .map((r): ValidRecipient =>
          r.includes("@")
            ? { type: "Email", parameters: { email: r } }
            : { type: "Domain", parameters: { domain: r } },
        );
    },
    async create(vaultId, itemId, _policy, params) {
      calls.push({ method: "create", vaultId, itemId, params });
      return `https://share.1password.com/s#${vaultId.slice(0, 4)}${itemId.slice(0, 4)}`;
    },
  };
  return { api, calls };
}

const item = { vaultId: "2qi2kzbzxrm5ijfire7wfbb23e", itemId: "cxmvcuuzwrgfpni6r4j3fgtxb4" };

describe("expiries", () => {
  it("uses the SDK's own duration values, in order", () => {
    expect(ALL_SHARE_DURATIONS).toEqual(Object.values(ItemShareDuration));
  });

  it("offers the durations up to the policy's maximum", () => {
    expect(allowedExpiries(familyPolicy)).toEqual(Object.values(ItemShareDuration));
    expect(allowedExpiries(strictPolicy)).toEqual([ItemShareDuration.OneHour, ItemShareDuration.OneDay]);
  });

  it("describes them as a person would", () => {
    expect(allowedExpiries(familyPolicy).map(describeExpiry)).toEqual([
      "1 hour",
      "1 day",
      "7 days",
      "14 days",
      "30 days",
    ]);
  });
});

describe("parseRecipients", () => {
  it("splits on commas, semicolons and spaces, drops duplicates and empty entries", () => {
    expect(parseRecipients(" ann@example.com, bob@example.com;example.org  ANN@example.com,,")).toEqual([
      "ann@example.com",
      "bob@example.com",
      "example.org",
    ]);
    expect(parseRecipients("<ann@example.com> @example.org")).toEqual(["ann@example.com", "example.org"]);
    expect(parseRecipients("   ")).toEqual([]);
  });

  it("tells emails from domains and from neither", () => {
    expect(classifyRecipient("ann@example.com")).toBe("Email");
    expect(classifyRecipient("sub.example.co.uk")).toBe("Domain");
    expect(classifyRecipient("ann@")).toBeUndefined();
    expect(classifyRecipient("localhost")).toBeUndefined();
    expect(classifyRecipient("a b@example.com")).toBeUndefined();
  });
});

describe("checkShareRequest", () => {
  it("allows what the family defaults allow", () => {
    expect(checkShareRequest(familyPolicy, { oneTimeOnly: false, recipients: [] })).toEqual([]);
    expect(
      checkShareRequest(familyPolicy, {
        expireAfter: ItemShareDuration.ThirtyDays,
        oneTimeOnly: true,
        recipients: ["ann@example.com", "example.org"],
      }),
    ).toEqual([]);
  });

  it("refuses an expiry beyond the maximum", () => {
    expect(
      checkShareRequest(strictPolicy, {
        expireAfter: ItemShareDuration.SevenDays,
        oneTimeOnly: true,
        recipients: ["ann@example.com"],
      }),
    ).toEqual(["Your account allows links for at most 1 day; 7 days is longer."]);
  });

  it("refuses a link for anyone when only specific people are allowed, and the reverse", () => {
    expect(checkShareRequest(strictPolicy, { oneTimeOnly: true, recipients: [] })).toEqual([
      "Your account allows links only for specific people: add at least one email address or domain.",
    ]);
    const publicOnly = { ...familyPolicy, allowedTypes: [AllowedType.Public] };
    expect(checkShareRequest(publicOnly, { oneTimeOnly: false, recipients: ["ann@example.com"] })).toEqual([
      "Your account allows only links that anyone can open: leave the recipients empty.",
    ]);
  });

  it("refuses recipient types the account does not allow, and text that is no recipient", () => {
    expect(
      checkShareRequest(strictPolicy, { oneTimeOnly: true, recipients: ["example.org", "not an email"] }),
    ).toEqual([
      'Your account does not allow sharing with whole domains ("example.org"): use email addresses.',
      '"not an email" is neither an email address nor a domain.',
    ]);
    const domainsOnly = { ...familyPolicy, allowedRecipientTypes: [AllowedRecipientType.Domain] };
    expect(checkShareRequest(domainsOnly, { oneTimeOnly: false, recipients: ["ann@example.com"] })).toEqual([
      'Your account does not allow sharing with single email addresses ("ann@example.com"): use a domain.',
    ]);
  });

  it("asks for a one-time link when the account allows one view", () => {
    expect(checkShareRequest(strictPolicy, { oneTimeOnly: false, recipients: ["ann@example.com"] })).toEqual([
      "Your account allows a shared item to be viewed only once: choose a one-time link.",
    ]);
    expect(
      checkShareRequest({ ...familyPolicy, maxViews: 5 }, { oneTimeOnly: false, recipients: [] }),
    ).toEqual([]);
  });

  it("refuses everything when no share type is allowed", () => {
    expect(
      checkShareRequest({ ...familyPolicy, allowedTypes: [] }, { oneTimeOnly: true, recipients: [] }),
    ).toEqual(["Your account does not allow sharing items."]);
  });
});

describe("createShareLink", () => {
  it("fetches the policy, validates recipients, then creates the link with the validated recipients", async () => {
    const { api, calls } = fakeSharing(familyPolicy);
    const link = await createShareLink(api, item, {
      expireAfter: ItemShareDuration.OneDay,
      oneTimeOnly: true,
      recipients: ["ann@example.com", "example.org"],
    });
    expect(link).toBe("https://share.1password.com/s#2qi2cxmv");
    expect(calls).toEqual([
      { method: "getAccountPolicy", ...item },
      { method: "validateRecipients", recipients: ["ann@example.com", "example.org"] },
      {
        method: "create",
        ...item,
        params: {
          expireAfter: ItemShareDuration.OneDay,
          oneTimeOnly: true,
          recipients: [
            { type: "Email", parameters: { email: "ann@example.com" } },
            { type: "Domain", parameters: { domain: "example.org" } },
          ],
        },
      },
    ]);
  });

  it("shares with anyone, for the policy's default expiry, when nothing is chosen", async () => {
    const { api, calls } = fakeSharing(familyPolicy);
    await createShareLink(api, item, { oneTimeOnly: false, recipients: [] }, { policy: familyPolicy });
    expect(calls).toEqual([
      { method: "create", ...item, params: { expireAfter: ItemShareDuration.SevenDays, oneTimeOnly: false } },
    ]);
  });

  it("refuses a forbidden request before anything is sent", async () => {
    const { api, calls } = fakeSharing(strictPolicy);
    const error = await createShareLink(api, item, {
      expireAfter: ItemShareDuration.ThirtyDays,
      oneTimeOnly: false,
      recipients: [],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareRefusedError);
    expect((error as ShareRefusedError).name).toBe("ShareRefusedError");
    expect((error as ShareRefusedError).reasons).toHaveLength(3);
    expect((error as Error).message).toMatch(/at most 1 day/);
    // Only the policy was read: no recipient validated, no share created.
    expect(calls.map((c) => c.method)).toEqual(["getAccountPolicy"]);
  });

  it("refuses recipients 1Password does not accept, and creates nothing", async () => {
    const { api, calls } = fakeSharing(familyPolicy, { reject: ["eve@example.net"] });
    await expect(
      createShareLink(api, item, { oneTimeOnly: false, recipients: ["ann@example.com", "eve@example.net"] }),
    ).rejects.toThrow(/did not accept "eve@example.net"/);
    expect(calls.map((c) => c.method)).toEqual(["getAccountPolicy", "validateRecipients"]);
  });

  it("stops when cancelled and sends nothing more", async () => {
    const { api, calls } = fakeSharing(familyPolicy);
    const controller = new AbortController();
    const slow: ItemSharingApi = {
      ...api,
      getAccountPolicy: async (v, i) => {
        const policy = await api.getAccountPolicy(v, i);
        controller.abort();
        return policy;
      },
    };
    await expect(
      createShareLink(slow, item, { oneTimeOnly: false, recipients: [] }, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(calls.map((c) => c.method)).toEqual(["getAccountPolicy"]);
  });
});
