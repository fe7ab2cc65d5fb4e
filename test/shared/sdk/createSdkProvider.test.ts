import {
  AllowedRecipientType,
  AllowedType,
  AutofillBehavior,
  DesktopSessionExpiredError,
  ItemCategory,
  ItemFieldType,
  ItemShareDuration,
  ItemState,
  RateLimitExceededError,
  VaultType,
  type Item,
  type ItemCreateParams,
  type ItemOverview,
  type ItemShareAccountPolicy,
  type VaultOverview,
} from "@1password/sdk";
import { describe, expect, it } from "vitest";
import {
  SdkError,
  createShareLink,
  createSdkProvider,
  loadSdkModule,
  resolveSecretReference,
  toSdkError,
  type SdkClient,
} from "@op-bridge/shared";

const vaultId = "devvault0000000000000000aa";
const created = new Date("2024-01-02T03:04:05Z");
const updated = new Date("2024-06-07T08:09:10Z");

function vault(id: string, title: string): VaultOverview {
  return {
    id,
    title,
    description: "",
    vaultType: VaultType.UserCreated,
    activeItemCount: 1,
    contentVersion: 1,
    attributeVersion: 1,
    createdAt: created,
    updatedAt: updated,
  };
}

const github: Item = {
  id: "githubitem0000000000000aaa",
  title: "GitHub",
  category: ItemCategory.Login,
  vaultId,
  fields: [
    { id: "username", title: "username", fieldType: ItemFieldType.Text, value: "octocat" },
    { id: "password", title: "password", fieldType: ItemFieldType.Concealed, value: "hunter2-secret" },
    {
      id: "totp",
      title: "one-time password",
      sectionId: "security",
      fieldType: ItemFieldType.Totp,
      value: "otpauth://totp/GitHub?secret=JBSWY3DPEHPK3PXP",
      details: { type: "Otp", content: { code: "492039" } },
    },
    {
      id: "broken",
      title: "broken otp",
      sectionId: "security",
      fieldType: ItemFieldType.Totp,
      value: "otpauth://nonsense",
      details: { type: "Otp", content: { errorMessage: "invalid secret JBSWY3DP" } },
    },
  ],
  sections: [
    { id: "", title: "" },
    { id: "security", title: "Security" },
  ],
  notes: "recovery codes in the safe",
  tags: ["dev"],
  websites: [
    { url: "https://github.com", label: "website", autofillBehavior: AutofillBehavior.AnywhereOnWebsite },
  ],
  version: 3,
  files: [],
  createdAt: created,
  updatedAt: updated,
};

function overview(item: Item, state = ItemState.Active): ItemOverview {
  const { id, title, category, vaultId: v, websites, tags, createdAt, updatedAt } = item;
  return { id, title, category, vaultId: v, websites, tags, createdAt, updatedAt, state };
}

const policy: ItemShareAccountPolicy = {
  maxExpiry: ItemShareDuration.SevenDays,
  defaultExpiry: ItemShareDuration.OneDay,
  allowedTypes: [AllowedType.Authenticated, AllowedType.Public],
  allowedRecipientTypes: [AllowedRecipientType.Email],
  files: { allowed: false, maxSize: 0 },
};

/** A fake of the SDK client's used subset (typed with the SDK's own types) that records calls. */
function fakeClient(overrides: { fail?: unknown; failPut?: unknown } = {}) {
  const calls: string[] = [];
  const createdParams: ItemCreateParams[] = [];
  const putItems: Item[] = [];
  const sharedItems: Item[] = [];
  const maybeFail = () => {
    if (overrides.fail !== undefined) throw overrides.fail;
  };
  const archived: Item = { ...github, id: "archiveditem00000000000aaa", title: "Old" };
  const client: SdkClient = {
    vaults: {
      async list() {
        calls.push("vaults.list");
        maybeFail();
        return [vault(vaultId, "Development"), vault("emptyvault00000000000000aa", "Empty")];
      },
    },
    items: {
      async list(v) {
        calls.push(`items.list ${v}`);
        maybeFail();
        return v === vaultId ? [overview(github), overview(archived, ItemState.Archived)] : [];
      },
      async get(v, i) {
        calls.push(`items.get ${v}/${i}`);
        maybeFail();
        if (v === vaultId && i === github.id) return github;
        throw new Error(`item ${i} not found`);
      },
      async create(params) {
        calls.push("items.create");
        maybeFail();
        createdParams.push(params);
        return {
          ...github,
          id: "newitem0000000000000000aaa",
          title: params.title,
          category: params.category,
          fields: params.fields ?? [],
          sections: params.sections ?? [],
          notes: params.notes ?? "",
          tags: params.tags ?? [],
          websites: params.websites ?? [],
        };
      },
      async put(item) {
        calls.push(`items.put ${item.id}`);
        if (overrides.failPut !== undefined) throw overrides.failPut;
        putItems.push(item);
        return { ...item, version: item.version + 1 };
      },
      shares: {
        async getAccountPolicy(v, i) {
          calls.push(`shares.getAccountPolicy ${v}/${i}`);
          return policy;
        },
        async validateRecipients(_p, recipients) {
          calls.push(`shares.validateRecipients ${recipients.join(",")}`);
          return recipients.map((email) => ({ type: "Email" as const, parameters: { email } }));
        },
        async create(item, _p, params) {
          calls.push(`shares.create ${item.id} ${params.expireAfter}`);
          sharedItems.push(item);
          return "https://share.1password.com/s#abc";
        },
      },
    },
  };
  return { client, calls, createdParams, putItems, sharedItems };
}

describe("createSdkProvider: reading", () => {
  it("lists vaults and the active items of every vault as summaries from the SDK", async () => {
    const { client } = fakeClient();
    const provider = createSdkProvider(client, { label: "Service account" });
    expect(provider.source).toBe("sdk");
    expect(provider.label).toBe("Service account");
    expect(await provider.listVaults()).toEqual([
      { id: vaultId, name: "Development" },
      { id: "emptyvault00000000000000aa", name: "Empty" },
    ]);
    expect(await provider.listItems()).toEqual([
      {
        id: github.id,
        vaultId,
        vaultName: "Development",
        title: "GitHub",
        categoryId: "LOGIN",
        category: "Login",
        urls: ["https://github.com"],
        createdAt: Math.floor(created.getTime() / 1000),
        modifiedAt: Math.floor(updated.getTime() / 1000),
        tags: ["dev"],
        source: "sdk",
      },
    ]);
  });

  it("lists one vault's items with the vault's name", async () => {
    const { client, calls } = fakeClient();
    const items = await createSdkProvider(client, { label: "sdk" }).listItems({ vaultId });
    expect(items.map((i) => [i.title, i.vaultName])).toEqual([["GitHub", "Development"]]);
    // The vault name is looked up once, then only that vault is listed.
    expect(calls).toEqual(["vaults.list", `items.list ${vaultId}`]);
  });

  it("maps sections and fields without any value", async () => {
    const { client } = fakeClient();
    const details = await createSdkProvider(client, { label: "sdk" }).getItemDetails(vaultId, github.id);
    expect(details.sections).toEqual([{ id: "security", label: "Security" }]);
    expect(details.fields).toEqual([
      { id: "username", label: "username", type: "STRING", purpose: "USERNAME", concealed: false },
      { id: "password", label: "password", type: "CONCEALED", purpose: "PASSWORD", concealed: true },
      { id: "totp", label: "one-time password", type: "OTP", sectionId: "security", concealed: true },
      { id: "broken", label: "broken otp", type: "OTP", sectionId: "security", concealed: true },
      { id: "notesPlain", label: "notesPlain", type: "STRING", purpose: "NOTES", concealed: false },
    ]);
    const text = JSON.stringify(details);
    for (const secret of ["octocat", "hunter2-secret", "JBSWY3DPEHPK3PXP", "492039", "recovery codes"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("lists an item's files and a Document's file by name and size, as attachments", async () => {
    const withFiles: Item = {
      ...github,
      files: [
        {
          attributes: { id: "f1", name: "recovery-codes.txt", size: 2345 },
          sectionId: "security",
          fieldId: "file1",
        },
      ],
      document: { id: "d1", name: "passport.pdf", size: 1_200_000 },
    };
    const { client } = fakeClient();
    const withFilesClient: SdkClient = { ...client, items: { ...client.items, get: async () => withFiles } };
    const details = await createSdkProvider(withFilesClient, { label: "sdk" }).getItemDetails(
      vaultId,
      github.id,
    );
    expect(details.attachments).toEqual([
      { id: "d1", name: "passport.pdf", size: 1_200_000 },
      { id: "f1", name: "recovery-codes.txt", size: 2345, sectionId: "security" },
    ]);
    const plain = await createSdkProvider(client, { label: "sdk" }).getItemDetails(vaultId, github.id);
    expect(plain).not.toHaveProperty("attachments");
  });

  it("reads values, the current one-time code, and the notes", async () => {
    const provider = createSdkProvider(fakeClient().client, { label: "sdk" });
    expect(await provider.readFieldValue(vaultId, github.id, "password")).toBe("hunter2-secret");
    expect(await provider.readFieldValue(vaultId, github.id, "totp")).toBe("492039");
    expect(await provider.readFieldValue(vaultId, github.id, "totp", { attribute: "otp" })).toBe("492039");
    expect(await provider.readFieldValue(vaultId, github.id, "totp", { attribute: "value" })).toMatch(
      /^otpauth:/,
    );
    expect(await provider.readFieldValue(vaultId, github.id, "notesPlain")).toBe(
      "recovery codes in the safe",
    );
  });

  it("says clearly when a value cannot be read, without the value", async () => {
    const provider = createSdkProvider(fakeClient().client, { label: "sdk" });
    await expect(
      provider.readFieldValue(vaultId, github.id, "password", { attribute: "otp" }),
    ).rejects.toThrow(/not a one-time password field/);
    const broken = await provider.readFieldValue(vaultId, github.id, "broken").catch((e: Error) => e);
    expect(broken).toBeInstanceOf(SdkError);
    expect(String(broken)).toMatch(/could not compute the current one-time code of "broken otp"/);
    expect(String(broken)).not.toContain("JBSWY3DP");
    await expect(provider.readFieldValue(vaultId, github.id, "gone")).rejects.toThrow(
      /field "gone" no longer exists in the item "GitHub"/,
    );
  });

  it("resolves secret references through the shared resolver", async () => {
    const provider = createSdkProvider(fakeClient().client, { label: "sdk" });
    expect(
      await resolveSecretReference(
        [provider],
        "op://development/github/security/one-time password?attribute=otp",
      ),
    ).toBe("492039");
    expect(await resolveSecretReference([provider], "op://Development/GitHub/password")).toBe(
      "hunter2-secret",
    );
  });
});

describe("createSdkProvider: writing and sharing", () => {
  it("adds fields to an existing item with items.put: every field kept, the new ones in the added-fields section", async () => {
    const { client, calls, putItems } = fakeClient();
    const provider = createSdkProvider(client, { label: "sdk" });
    const details = await provider.addFields!(vaultId, github.id, [
      { label: "token", type: "CONCEALED", value: "ghp_new_token_value" },
      { label: "password", type: "CONCEALED", value: "a second password" },
    ]);
    expect(calls).toContain(`items.put ${github.id}`);
    expect(calls).not.toContain("items.create");
    const put = putItems[0]!;
    expect(put.fields.slice(0, github.fields.length)).toEqual(github.fields);
    expect(
      put.fields.slice(github.fields.length).map((f) => [f.id, f.title, f.fieldType, f.sectionId, f.value]),
    ).toEqual([
      ["token", "token", ItemFieldType.Concealed, "add more", "ghp_new_token_value"],
      ["password_2", "password", ItemFieldType.Concealed, "add more", "a second password"],
    ]);
    expect(put.sections).toEqual([...github.sections, { id: "add more", title: "" }]);
    expect(put.notes).toBe(github.notes);
    expect(details.fields.map((f) => f.label)).toEqual(expect.arrayContaining(["token", "username"]));
  });

  it("a failed put never names the values it was adding", async () => {
    const { client } = fakeClient({ failPut: new Error("rejected ghp_new_token_value") });
    const provider = createSdkProvider(client, { label: "sdk" });
    const error = await provider.addFields!(vaultId, github.id, [
      { label: "token", type: "CONCEALED", value: "ghp_new_token_value" },
    ]).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(SdkError);
    expect(error.message).not.toContain("ghp_new_token_value");
  });

  it("creates items with the SDK's parameters, generating values where asked", async () => {
    const { client, createdParams } = fakeClient();
    const provider = createSdkProvider(client, { label: "sdk" });
    const details = await provider.createItem(vaultId, {
      title: "Stripe",
      category: "API_CREDENTIAL",
      fields: [
        { label: "username", type: "STRING", purpose: "USERNAME", value: "ops@example.com" },
        {
          label: "password",
          type: "CONCEALED",
          purpose: "PASSWORD",
          generate: { length: 40, characterSets: ["LETTERS", "DIGITS"] },
        },
        { label: "API key", type: "CONCEALED", value: "sk_live_123" },
        { label: "API key", type: "STRING", value: "second" },
        { label: "notes", type: "STRING", purpose: "NOTES", value: "rotate yearly" },
      ],
      urls: ["https://dashboard.stripe.com"],
      tags: ["payments"],
    });
    const params = createdParams[0]!;
    expect(params).toMatchObject({
      category: ItemCategory.ApiCredentials,
      vaultId,
      title: "Stripe",
      notes: "rotate yearly",
      tags: ["payments"],
      sections: [{ id: "add more", title: "" }],
      websites: [
        {
          url: "https://dashboard.stripe.com",
          label: "website",
          autofillBehavior: AutofillBehavior.AnywhereOnWebsite,
        },
      ],
    });
    expect(params.fields!.map((f) => [f.id, f.title, f.fieldType, f.sectionId])).toEqual([
      ["username", "username", ItemFieldType.Text, undefined],
      ["password", "password", ItemFieldType.Concealed, undefined],
      ["api_key", "API key", ItemFieldType.Concealed, "add more"],
      ["api_key_2", "API key", ItemFieldType.Text, "add more"],
    ]);
    expect(params.fields![1]!.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(details.summary).toMatchObject({
      title: "Stripe",
      categoryId: "API_CREDENTIAL",
      vaultName: "Development",
      source: "sdk",
    });
    expect(details.fields.map((f) => f.id)).toContain("api_key");
  });

  it("refuses categories the SDK has no equivalent for", async () => {
    const { client, calls } = fakeClient();
    await expect(
      createSdkProvider(client, { label: "sdk" }).createItem(vaultId, {
        title: "x",
        category: "CUSTOM",
        fields: [],
      }),
    ).rejects.toThrow(/category "CUSTOM" cannot be created/);
    expect(calls).not.toContain("items.create");
  });

  it("keeps written values out of errors", async () => {
    const { client } = fakeClient({ fail: new Error('item validation failed for value "sk_live_123"') });
    const error = (await createSdkProvider(client, { label: "sdk" })
      .createItem(vaultId, {
        title: "x",
        category: "PASSWORD",
        fields: [{ label: "password", type: "CONCEALED", purpose: "PASSWORD", value: "sk_live_123" }],
      })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SdkError);
    expect(error.message).toContain("item validation failed");
    expect(error.message).not.toContain("sk_live_123");
  });

  it("shares through the SDK: the item is fetched and handed to shares.create", async () => {
    const { client, calls, sharedItems } = fakeClient();
    const provider = createSdkProvider(client, { label: "sdk" });
    const link = await createShareLink(
      provider.sharing,
      { vaultId, itemId: github.id },
      { oneTimeOnly: false, recipients: ["ann@example.com"] },
    );
    expect(link).toBe("https://share.1password.com/s#abc");
    expect(sharedItems[0]).toBe(github);
    expect(calls).toEqual([
      `shares.getAccountPolicy ${vaultId}/${github.id}`,
      "shares.validateRecipients ann@example.com",
      `items.get ${vaultId}/${github.id}`,
      `shares.create ${github.id} OneDay`,
    ]);
  });
});

describe("createSdkProvider: errors and cancellation", () => {
  it.each([
    [
      new DesktopSessionExpiredError("session expired"),
      "desktop-session-expired",
      /unlock 1Password, then sign in again/,
    ],
    [
      new RateLimitExceededError("rate limit exceeded"),
      "rate-limited",
      /rate limit was reached .* wait a while/,
    ],
    ['{"name":"RateLimitExceeded","message":"too many"}', "rate-limited", /rate limit was reached/],
    [new Error("invalid service account token, please make sure …"), "invalid-token", /copy it again/],
    [new TypeError("fetch failed"), "offline", /cannot be reached/],
    [new Error("vault abc not found"), "not-found", /^1Password: vault abc not found$/],
  ])("turns %s into a message that says what to do", async (thrown, kind, message) => {
    const { client } = fakeClient({ fail: thrown });
    const error = await createSdkProvider(client, { label: "sdk" })
      .listVaults()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ name: "SdkError", kind });
    expect((error as Error).message).toMatch(message);
  });

  it("tells the SDK's error classes apart by class once the SDK is loaded, whatever a bundler renamed them to", async () => {
    // A minifying bundler renames classes; the SDK's messages are free text. Only the class is left to go by.
    const renamed = {
      a: class extends DesktopSessionExpiredError {},
      b: class extends RateLimitExceededError {},
    };
    const unnamed = (error: Error) => Object.defineProperty(error, "constructor", { value: Object });
    // Its message alone says nothing the mapping could use.
    expect(toSdkError(new Error("gone")).kind).toBe("other");
    await loadSdkModule();
    expect(toSdkError(unnamed(new renamed.a("gone"))).kind).toBe("desktop-session-expired");
    expect(toSdkError(unnamed(new renamed.b("slow down"))).kind).toBe("rate-limited");
  });

  it("removes anything shaped like a service account token from messages", async () => {
    const token = "ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSJ9";
    const { client } = fakeClient({ fail: new Error(`request with ${token} failed oddly`) });
    const error = (await createSdkProvider(client, { label: "sdk" })
      .listVaults()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("1Password: request with ops_[hidden] failed oddly");
    expect(JSON.stringify(error) + String(error) + error.stack).not.toContain("eyJzaWdu");
  });

  it("stops waiting when cancelled and reports the cancellation, not an error", async () => {
    const { client } = fakeClient();
    const slow: SdkClient = { ...client, vaults: { list: () => new Promise(() => {}) } };
    const controller = new AbortController();
    const pending = createSdkProvider(slow, { label: "sdk" }).listVaults({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
