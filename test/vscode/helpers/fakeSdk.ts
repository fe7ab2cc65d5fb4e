// A fake of the SDK client interface (SdkClient) with the SDK's own types, for sign-in, sources and sharing tests.
import type { ItemCreateParams, ItemShareAccountPolicy, ItemShareParams } from "@1password/sdk";
import type { SdkClient } from "@op-bridge/shared";

export interface FakeSdk {
  client: SdkClient;
  created: ItemShareParams[];
  policy: ItemShareAccountPolicy;
}

/** `names` replaces the one item's title (hostile-input tests give it a link). */
export function createFakeSdk(
  policy: Partial<ItemShareAccountPolicy> = {},
  names: { title?: string } = {},
): FakeSdk {
  const created: ItemShareParams[] = [];
  const fullPolicy = {
    maxExpiry: "ThirtyDays",
    defaultExpiry: "SevenDays",
    maxViews: undefined,
    allowedTypes: ["Authenticated", "Public"],
    allowedRecipientTypes: ["Email", "Domain"],
    files: { allowed: true, maxSize: 1000 },
    ...policy,
  } as unknown as ItemShareAccountPolicy;
  const item = sdkItem({
    id: "sdkitem0000000000000000001",
    title: names.title ?? "Deploy key",
    category: "ApiCredentials",
    vaultId: "sdkvault000000000000000001",
    fields: [
      { id: "credential", title: "credential", fieldType: "Concealed", value: "sdk-secret-never-shown" },
    ],
  });
  const overview = (made: { id: string; title: string; category: unknown; vaultId: string }) => ({
    id: made.id,
    title: made.title,
    category: made.category,
    vaultId: made.vaultId,
    websites: [],
    tags: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    state: "active",
  });
  // Items created through the fake are listed afterwards, as the SDK lists them.
  const listed = [overview(item)];
  const stored = new Map([[item.id, item]]);
  const client = {
    vaults: { list: async () => [{ id: item.vaultId, title: "Shared", type: "userCreated" }] },
    items: {
      list: async () => [...listed],
      get: async (_vaultId: string, itemId: string) => stored.get(itemId) ?? item,
      // As the SDK does: the item made from the params, values included.
      create: async (params: ItemCreateParams) => {
        const made = sdkItem({
          id: `sdknew${String(listed.length).padStart(20, "0")}`,
          title: params.title,
          category: params.category,
          vaultId: params.vaultId,
          fields: params.fields ?? [],
          sections: params.sections ?? [],
        });
        listed.push(overview(made));
        stored.set(made.id, made);
        return made;
      },
      // As the SDK does: the item replaced whole, answered as saved.
      put: async (changed: ReturnType<typeof sdkItem>) => {
        stored.set(changed.id, changed);
        return changed;
      },
      shares: {
        getAccountPolicy: async () => fullPolicy,
        validateRecipients: async (_p: unknown, recipients: string[]) =>
          recipients.map((r) =>
            r.includes("@")
              ? { type: "Email", parameters: { email: r } }
              : { type: "Domain", parameters: { domain: r } },
          ),
        create: async (_item: unknown, _policy: unknown, params: ItemShareParams) => {
          created.push(params);
          return "https://share.1password.com/s#fake-link";
        },
      },
    },
  } as unknown as SdkClient;
  return { client, created, policy: fullPolicy };
}

/** An SDK item: what is given, the rest empty as on a new item. */
export function sdkItem(given: {
  id: string;
  title: string;
  category: string;
  vaultId: string;
  [key: string]: unknown;
}) {
  return {
    fields: [],
    sections: [],
    notes: "",
    tags: [],
    websites: [],
    version: 1,
    files: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...given,
  };
}
