// An ItemProvider (and item sharing) over a signed-in 1Password SDK client.
import type {
  Item,
  ItemCategory,
  ItemCreateParams,
  ItemField as SdkItemField,
  ItemFieldType,
  ItemSection as SdkItemSection,
  Website,
} from "@1password/sdk";
import { generatePassword } from "../references/generatePassword.js";
import type { ItemSharingApi } from "../sharing/ItemSharingApi.js";
import type { ItemDetails, ItemSummary, NewItem, NewItemField, WritableItemProvider } from "../types.js";
import { sdkCategoryFor, sdkFieldTypeFor } from "./categories.js";
import type { SdkClient } from "./loadSdkClient.js";
import { NOTES_FIELD_ID, itemToDetails, overviewToSummary } from "./mapItems.js";
import { SdkError, toSdkError } from "./SdkError.js";
import { withSignal } from "./withSignal.js";

export interface SdkProviderOptions {
  /** Shown beside items when several sources are configured, e.g. "Service account" or the account name. */
  label: string;
  /** The account, when known (desktop sign-in), shown on items. */
  accountName?: string;
}

/** A source over the SDK that can also create items, share them and read 1Password Environments. */
export interface SdkProvider extends WritableItemProvider {
  readonly sharing: ItemSharingApi;
  readonly environments: EnvironmentsReader;
  readItem: NonNullable<WritableItemProvider["readItem"]>;
  addFields: NonNullable<WritableItemProvider["addFields"]>;
}

/** One variable of a 1Password Environment, as the SDK answers it. */
export interface EnvironmentVariable {
  name: string;
  value: string;
  /** True when 1Password shows the value masked (a secret); false for plain settings. */
  masked: boolean;
}

/** Reads the variables of a 1Password Environment by its ID (the SDK cannot list Environments). */
export interface EnvironmentsReader {
  getVariables(environmentId: string, options?: { signal?: AbortSignal }): Promise<EnvironmentVariable[]>;
}

/** The section custom fields of created items go into: the one 1Password itself adds, untitled. */
const customSection: SdkItemSection = { id: "add more", title: "" };

export function createSdkProvider(client: SdkClient, options: SdkProviderOptions): SdkProvider {
  const vaultNames = new Map<string, string>();
  const { accountName } = options;

  /** Runs one SDK call: cancellable by the caller, its errors turned into SdkErrors without secrets. */
  async function call<T>(
    work: () => Promise<T>,
    signal: AbortSignal | undefined,
    hide: string[] = [],
  ): Promise<T> {
    try {
      return await withSignal(work, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toSdkError(error, hide);
    }
  }

  async function listVaults(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
    const vaults = await call(() => client.vaults.list(), signal);
    for (const vault of vaults) vaultNames.set(vault.id, vault.title);
    return vaults.map((vault) => ({ id: vault.id, name: vault.title }));
  }

  async function vaultName(vaultId: string, signal?: AbortSignal): Promise<string> {
    if (!vaultNames.has(vaultId)) await listVaults(signal);
    return vaultNames.get(vaultId) ?? vaultId;
  }

  async function listVaultItems(vaultId: string, name: string, signal?: AbortSignal): Promise<ItemSummary[]> {
    const overviews = await call(() => client.items.list(vaultId), signal);
    return overviews
      .filter((overview) => String(overview.state) !== "archived")
      .map((overview) => overviewToSummary(overview, name, accountName));
  }

  async function getItem(vaultId: string, itemId: string, signal?: AbortSignal): Promise<Item> {
    return call(() => client.items.get(vaultId, itemId), signal);
  }

  const sharing: ItemSharingApi = {
    getAccountPolicy: (vaultId, itemId, { signal } = {}) =>
      call(() => client.items.shares.getAccountPolicy(vaultId, itemId), signal),
    validateRecipients: (policy, recipients, { signal } = {}) =>
      call(() => client.items.shares.validateRecipients(policy, recipients), signal),
    create: async (vaultId, itemId, policy, params, { signal } = {}) => {
      const item = await getItem(vaultId, itemId, signal);
      return call(() => client.items.shares.create(item, policy, params), signal);
    },
  };

  const environments: EnvironmentsReader = {
    getVariables: async (environmentId, { signal } = {}) => {
      const api = client.environments;
      if (!api) {
        throw new SdkError(
          "unsupported",
          "This version of the 1Password SDK cannot read 1Password Environments.",
        );
      }
      return (await call(() => api.getVariables(environmentId), signal)).variables;
    },
  };

  return {
    source: "sdk",
    label: options.label,
    sharing,
    environments,

    listVaults: ({ signal } = {}) => listVaults(signal),

    async listItems({ vaultId, signal } = {}) {
      if (vaultId !== undefined) return listVaultItems(vaultId, await vaultName(vaultId, signal), signal);
      const vaults = await listVaults(signal);
      const lists = await Promise.all(vaults.map((vault) => listVaultItems(vault.id, vault.name, signal)));
      return lists.flat();
    },

    async getItemDetails(vaultId, itemId, { signal } = {}): Promise<ItemDetails> {
      const item = await getItem(vaultId, itemId, signal);
      return itemToDetails(item, await vaultName(vaultId, signal), accountName);
    },

    async readFieldValue(vaultId, itemId, fieldId, { signal, attribute } = {}) {
      return fieldValueOf(await getItem(vaultId, itemId, signal), fieldId, attribute);
    },

    async readItem(vaultId, itemId, { signal } = {}) {
      const item = await getItem(vaultId, itemId, signal);
      return {
        details: itemToDetails(item, await vaultName(vaultId, signal), accountName),
        fieldValue: (fieldId, attribute) => fieldValueOf(item, fieldId, attribute),
      };
    },

    async createItem(vaultId, newItem, { signal } = {}) {
      const params = toSdkCreateParams(vaultId, newItem);
      const values = (params.fields ?? []).map((f) => f.value).concat(params.notes ? [params.notes] : []);
      const created = await call(() => client.items.create(params), signal, values);
      return itemToDetails(created, await vaultName(vaultId, signal), accountName);
    },

    async addFields(vaultId, itemId, fields, { signal } = {}) {
      const item = await getItem(vaultId, itemId, signal);
      const updated = withAddedFields(item, fields);
      const values = updated.fields.slice(item.fields.length).map((f) => f.value);
      const saved = await call(() => client.items.put(updated), signal, values);
      return itemToDetails(saved, await vaultName(vaultId, signal), accountName);
    },
  };
}

/**
 * The item with `fields` appended in the untitled section 1Password puts added fields in (made when the item has
 * none), each under an ID no field of the item has. Values to generate are generated here.
 */
export function withAddedFields(item: Item, fields: readonly NewItemField[]): Item {
  const usedIds = new Set(item.fields.map((f) => f.id));
  const added = fields.map((field): SdkItemField => ({
    id: uniqueId(field.label, usedIds),
    title: field.label,
    fieldType: sdkFieldTypeFor(field.type) as ItemFieldType,
    value: field.value ?? (field.generate ? generatePassword(field.generate) : ""),
    sectionId: customSection.id,
  }));
  const hasSection = item.sections.some((section) => section.id === customSection.id);
  return {
    ...item,
    sections: hasSection ? item.sections : [...item.sections, customSection],
    fields: [...item.fields, ...added],
  };
}

/** A field's value (or current one-time code) from an SDK item, as readFieldValue answers it. */
function fieldValueOf(item: Item, fieldId: string, attribute?: "value" | "otp"): string {
  const field = item.fields.find((f) => f.id === fieldId);
  if (!field) {
    if (fieldId === NOTES_FIELD_ID && attribute !== "otp") return item.notes ?? "";
    throw new SdkError("not-found", `The field "${fieldId}" no longer exists in the item "${item.title}".`);
  }
  const isOtp = field.details?.type === "Otp" || String(field.fieldType) === "Totp";
  if (attribute === "otp" && !isOtp) {
    throw new SdkError(
      "unsupported",
      `The field "${field.title || field.id}" is not a one-time password field.`,
    );
  }
  if (attribute === "otp" || (attribute === undefined && isOtp)) {
    const code = field.details?.type === "Otp" ? field.details.content?.code : undefined;
    if (!code) {
      throw new SdkError(
        "other",
        `1Password could not compute the current one-time code of "${field.title || field.id}" in "${item.title}".`,
      );
    }
    return code;
  }
  return field.value;
}

/** Turns a NewItem (Connect's vocabulary) into the SDK's ItemCreateParams; generated values are made here. */
export function toSdkCreateParams(vaultId: string, item: NewItem): ItemCreateParams {
  const category = sdkCategoryFor(item.category);
  if (!category)
    throw new SdkError("unsupported", `Items of the category "${item.category}" cannot be created.`);
  const fields: SdkItemField[] = [];
  const usedIds = new Set<string>();
  let notes: string | undefined;
  for (const field of item.fields) {
    const value =
      field.value ??
      (field.generate
        ? generatePassword({ length: field.generate.length, characterSets: field.generate.characterSets })
        : "");
    if (field.purpose === "NOTES") {
      notes = value;
      continue;
    }
    if (field.purpose === "USERNAME" || field.purpose === "PASSWORD") {
      const id = field.purpose === "USERNAME" ? "username" : "password";
      usedIds.add(id);
      fields.push({
        id,
        title: field.label || id,
        fieldType: (field.purpose === "USERNAME" ? "Text" : "Concealed") as ItemFieldType,
        value,
      });
      continue;
    }
    const id = uniqueId(field.label, usedIds);
    fields.push({
      id,
      title: field.label,
      fieldType: sdkFieldTypeFor(field.type) as ItemFieldType,
      value,
      sectionId: customSection.id,
    });
  }
  const params: ItemCreateParams = { category: category as ItemCategory, vaultId, title: item.title, fields };
  if (fields.some((f) => f.sectionId === customSection.id)) params.sections = [customSection];
  if (notes !== undefined) params.notes = notes;
  if (item.tags && item.tags.length > 0) params.tags = [...item.tags];
  if (item.urls && item.urls.length > 0) {
    params.websites = item.urls.map((url): Website => ({
      url,
      label: "website",
      autofillBehavior: "AnywhereOnWebsite" as Website["autofillBehavior"],
    }));
  }
  return params;
}

function uniqueId(label: string, used: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || "field";
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  used.add(id);
  return id;
}
