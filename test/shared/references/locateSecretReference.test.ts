import { describe, expect, it } from "vitest";
import {
  SecretReferenceError,
  locateSecretReference,
  resolveSecretReference,
  type ItemDetails,
  type ItemProvider,
  type ItemSummary,
} from "@op-bridge/shared";

interface FakeVault {
  id: string;
  name: string;
  items: { details: ItemDetails; values: Record<string, string> }[];
}

/** An in-memory ItemProvider that records which values were read. */
function fakeProvider(label: string, vaults: FakeVault[], failWith?: Error) {
  const reads: string[] = [];
  const provider: ItemProvider = {
    source: "connect",
    label,
    async listVaults() {
      if (failWith) throw failWith;
      return vaults.map(({ id, name }) => ({ id, name }));
    },
    async listItems({ vaultId } = {}) {
      return vaults
        .filter((v) => !vaultId || v.id === vaultId)
        .flatMap((v) => v.items.map((i) => i.details.summary));
    },
    async getItemDetails(vaultId, itemId) {
      const found = vaults.find((v) => v.id === vaultId)?.items.find((i) => i.details.summary.id === itemId);
      if (!found) throw new Error(`item ${itemId} not found`);
      return found.details;
    },
    async readFieldValue(vaultId, itemId, fieldId, options = {}) {
      reads.push(`${vaultId}/${itemId}/${fieldId}:${options.attribute ?? "-"}`);
      const found = vaults.find((v) => v.id === vaultId)?.items.find((i) => i.details.summary.id === itemId);
      const value = found?.values[options.attribute === "otp" ? `${fieldId}#otp` : fieldId];
      if (value === undefined) throw new Error("no value");
      return value;
    },
  };
  return { provider, reads };
}

function item(
  vaultId: string,
  vaultName: string,
  id: string,
  title: string,
  rest: Partial<ItemDetails> = {},
) {
  const summary: ItemSummary = {
    id,
    vaultId,
    vaultName,
    title,
    categoryId: "LOGIN",
    category: "Login",
    urls: [],
    source: "connect",
  };
  return {
    summary,
    sections: rest.sections ?? [],
    fields: rest.fields ?? [
      { id: "username", label: "username", type: "STRING", purpose: "USERNAME" as const, concealed: false },
      { id: "password", label: "password", type: "CONCEALED", purpose: "PASSWORD" as const, concealed: true },
    ],
  };
}

const dev = "devvault0000000000000000aa";
const prod = "prodvault000000000000000aa";
const aws = item(dev, "Development", "awsitem0000000000000000aaa", "AWS", {
  sections: [
    { id: "keys", label: "Access Keys" },
    { id: "old", label: "Old Keys" },
  ],
  fields: [
    { id: "akid", label: "access_key_id", type: "STRING", sectionId: "keys", concealed: false },
    { id: "newsecret", label: "secret", type: "CONCEALED", sectionId: "keys", concealed: true },
    { id: "oldsecret", label: "secret", type: "CONCEALED", sectionId: "old", concealed: true },
    { id: "totp", label: "one-time password", type: "OTP", concealed: true },
  ],
});
const github = item(dev, "Development", "githubitem0000000000000aaa", "GitHub");
const githubTwin = item(dev, "Development", "githubtwin0000000000000aaa", "github");
const db = item(prod, "Production", "dbitem00000000000000000aaa", "Postgres Prod");

const values: Record<string, Record<string, string>> = {
  [aws.summary.id]: {
    akid: "AKIAEXAMPLE",
    newsecret: "s3cr3t-value",
    oldsecret: "old",
    totp: "otpauth://…",
    "totp#otp": "123456",
  },
  [github.summary.id]: { username: "octocat", password: "hunter2" },
  [db.summary.id]: { password: "pg-pass" },
};
const vaults: FakeVault[] = [
  {
    id: dev,
    name: "Development",
    items: [aws, github].map((d) => ({ details: d, values: values[d.summary.id]! })),
  },
  { id: prod, name: "Production", items: [{ details: db, values: values[db.summary.id]! }] },
];

describe("locateSecretReference", () => {
  it("follows names case-insensitively through vault, item, section and field", async () => {
    const { provider } = fakeProvider("connect.local", vaults);
    const located = await locateSecretReference([provider], "op://development/aws/access keys/ACCESS_KEY_ID");
    expect(located.vault).toEqual({ id: dev, name: "Development" });
    expect(located.item.summary.title).toBe("AWS");
    expect(located.section).toEqual({ id: "keys", label: "Access Keys" });
    expect(located.field.id).toBe("akid");
    expect(located.provider).toBe(provider);
  });

  it("follows IDs too, and searches every provider", async () => {
    const empty = fakeProvider("empty", []);
    const { provider } = fakeProvider("second", vaults);
    const located = await locateSecretReference(
      [empty.provider, provider],
      `op://${prod}/${db.summary.id.toUpperCase()}/password`,
    );
    expect(located.item.summary.title).toBe("Postgres Prod");
    expect(located.provider).toBe(provider);
  });

  it("says which part was not found where", async () => {
    const { provider } = fakeProvider("connect.local", vaults);
    await expect(locateSecretReference([provider], "op://Staging/AWS/password")).rejects.toThrow(
      /no vault is named "Staging" or has that ID in connect\.local/,
    );
    await expect(locateSecretReference([provider], "op://Development/Azure/password")).rejects.toThrow(
      /no item is named "Azure" or has that ID in vault "Development"/,
    );
    await expect(locateSecretReference([provider], "op://Development/AWS/New Keys/secret")).rejects.toThrow(
      /no section is named "New Keys" or has that ID in item "AWS"/,
    );
    await expect(locateSecretReference([provider], "op://Development/AWS/Access Keys/token")).rejects.toThrow(
      /no field is named "token" or has that ID in section "Access Keys" of item "AWS"/,
    );
    await expect(locateSecretReference([provider], "op://Development/AWS/token")).rejects.toBeInstanceOf(
      SecretReferenceError,
    );
  });

  it("calls ambiguous names ambiguous and suggests the ID", async () => {
    const twins: FakeVault[] = [
      { ...vaults[0]!, items: [...vaults[0]!.items, { details: githubTwin, values: {} }] },
      { id: "othervault00000000000000aa", name: "development", items: [] },
    ];
    const { provider } = fakeProvider("connect.local", twins);
    await expect(locateSecretReference([provider], "op://Development/AWS/password")).rejects.toThrow(
      /vault name "Development" is ambiguous: 2 vaults have it .*use the vault's ID/,
    );
    await expect(locateSecretReference([provider], `op://${dev}/GitHub/password`)).rejects.toThrow(
      /item name "GitHub" is ambiguous in vault "Development": 2 items have it \(IDs githubitem0000000000000aaa, githubtwin0000000000000aaa\)/,
    );
    await expect(locateSecretReference([provider], `op://${dev}/AWS/secret`)).rejects.toThrow(
      /field name "secret" is ambiguous .*name the section too/,
    );
    // The section, or the ID, settles it.
    const located = await locateSecretReference([provider], `op://${dev}/AWS/Old Keys/secret`);
    expect(located.field.id).toBe("oldsecret");
  });

  it("counts one vault seen through two providers once", async () => {
    const first = fakeProvider("connect", vaults);
    const second = fakeProvider("sdk", vaults);
    const located = await locateSecretReference(
      [first.provider, second.provider],
      "op://Production/Postgres Prod/password",
    );
    expect(located.provider).toBe(first.provider);
  });

  it("reports a failing provider's own error when nothing was found elsewhere", async () => {
    const down = fakeProvider("down", [], new Error("connect ECONNREFUSED 127.0.0.1:1"));
    await expect(locateSecretReference([down.provider], "op://a/b/c")).rejects.toThrow(/ECONNREFUSED/);
    const { provider } = fakeProvider("up", vaults);
    const located = await locateSecretReference(
      [down.provider, provider],
      "op://Production/Postgres Prod/password",
    );
    expect(located.vault.id).toBe(prod);
  });

  it("refuses malformed references before asking any provider", async () => {
    const { provider, reads } = fakeProvider("connect.local", vaults);
    let listed = false;
    const watching: ItemProvider = { ...provider, listVaults: async () => ((listed = true), []) };
    await expect(locateSecretReference([watching], "op://a/b")).rejects.toBeInstanceOf(SecretReferenceError);
    expect(listed).toBe(false);
    expect(reads).toEqual([]);
  });

  it("rejects with the abort reason when cancelled", async () => {
    const { provider } = fakeProvider("connect.local", vaults);
    const controller = new AbortController();
    controller.abort();
    await expect(
      locateSecretReference([provider], "op://Production/Postgres Prod/password", {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("resolveSecretReference", () => {
  it("reads the value only at the end, through the provider that has the item", async () => {
    const { provider, reads } = fakeProvider("connect.local", vaults);
    expect(await resolveSecretReference([provider], "op://Development/GitHub/password")).toBe("hunter2");
    expect(reads).toEqual([`${dev}/${github.summary.id}/password:value`]);
  });

  it("asks for the current code with ?attribute=otp, and for the stored secret without it (as op read)", async () => {
    const { provider } = fakeProvider("connect.local", vaults);
    expect(
      await resolveSecretReference([provider], "op://Development/AWS/one-time password?attribute=otp"),
    ).toBe("123456");
    expect(await resolveSecretReference([provider], "op://Development/AWS/one-time password")).toBe(
      "otpauth://…",
    );
    await expect(
      resolveSecretReference([provider], "op://Development/GitHub/password?attribute=otp"),
    ).rejects.toThrow(/not a one-time password field \(it is CONCEALED\)/);
  });

  it("answers type, id and purpose without reading any value", async () => {
    const { provider, reads } = fakeProvider("connect.local", vaults);
    expect(await resolveSecretReference([provider], "op://Development/GitHub/password?attribute=type")).toBe(
      "CONCEALED",
    );
    expect(await resolveSecretReference([provider], "op://Development/GitHub/password?attr=purpose")).toBe(
      "PASSWORD",
    );
    expect(await resolveSecretReference([provider], "op://Development/GitHub/username?attribute=id")).toBe(
      "username",
    );
    expect(reads).toEqual([]);
  });

  it("refuses what it cannot do, with the reason", async () => {
    const { provider } = fakeProvider("connect.local", vaults);
    await expect(
      resolveSecretReference([provider], "op://Development/GitHub/password?ssh-format=openssh"),
    ).rejects.toThrow(/ssh-format/);
    await expect(resolveSecretReference([], "op://Development/GitHub/password")).rejects.toThrow(
      /no 1Password source is configured/,
    );
  });
});
