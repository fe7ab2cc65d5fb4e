// An ItemProvider (that can create items) over a Connect client, for the extensions' item sources.
import type { ItemDetails, ItemSummary, NewItem, NewItemField, WritableItemProvider } from "../types.js";
import type { ConnectClient } from "./createConnectClient.js";
import { ConnectConfigError, ConnectError } from "./errors.js";
import { createLimiter } from "./runLimited.js";
import { itemToDetails, itemToSummary } from "./mapItems.js";
import type { FieldInput, FieldType, FullItem, ItemCategory, ItemInput } from "./types.js";

export interface ConnectProviderOptions {
  /** Shown beside items when several sources are configured; default the server's host. */
  label?: string;
}

export function createConnectProvider(
  client: ConnectClient,
  options: ConnectProviderOptions = {},
): WritableItemProvider {
  const vaultNames = new Map<string, string>();
  const limit = createLimiter(8);

  async function listVaults(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
    const vaults = await client.listVaults({ signal });
    vaultNames.clear();
    for (const vault of vaults) vaultNames.set(vault.id, vault.name);
    return vaults.map((vault) => ({ id: vault.id, name: vault.name }));
  }

  async function vaultFor(vaultId: string, signal?: AbortSignal): Promise<{ id: string; name: string }> {
    let name = vaultNames.get(vaultId);
    if (name === undefined) {
      name = (await client.getVault(vaultId, { signal })).name;
      vaultNames.set(vaultId, name);
    }
    return { id: vaultId, name };
  }

  async function listVaultItems(
    vault: { id: string; name: string },
    signal?: AbortSignal,
  ): Promise<ItemSummary[]> {
    const items = await limit(() => client.listItems(vault.id, { signal }));
    return items.filter((item) => item.state === undefined).map((item) => itemToSummary(item, vault));
  }

  function getItemIn(vaultId: string, itemId: string, signal?: AbortSignal) {
    return Promise.all([client.getItem(vaultId, itemId, { signal }), vaultFor(vaultId, signal)]);
  }

  return {
    source: "connect",
    label: options.label ?? new URL(client.serverUrl).host,

    listVaults: ({ signal } = {}) => listVaults(signal),

    async listItems({ vaultId, signal } = {}) {
      if (vaultId !== undefined) return listVaultItems(await vaultFor(vaultId, signal), signal);
      const vaults = await listVaults(signal);
      return (await Promise.all(vaults.map((vault) => listVaultItems(vault, signal)))).flat();
    },

    async getItemDetails(vaultId, itemId, { signal } = {}): Promise<ItemDetails> {
      const [item, vault] = await getItemIn(vaultId, itemId, signal);
      return itemToDetails(item, vault);
    },

    async readFieldValue(vaultId, itemId, fieldId, { signal, attribute } = {}) {
      return fieldValueOf(await client.getItem(vaultId, itemId, { signal }), itemId, fieldId, attribute);
    },

    async readItem(vaultId, itemId, { signal } = {}) {
      const [item, vault] = await getItemIn(vaultId, itemId, signal);
      return {
        details: itemToDetails(item, vault),
        fieldValue: (fieldId, attribute) => fieldValueOf(item, itemId, fieldId, attribute),
      };
    },

    async readAttachment(vaultId, itemId, attachmentId, { signal } = {}) {
      const content = await client.getFileContent(vaultId, itemId, attachmentId, { signal });
      return new Uint8Array(await content.arrayBuffer());
    },

    async createItem(vaultId, newItem, { signal } = {}) {
      const created = await client.createItem(vaultId, toConnectItem(newItem), { signal });
      return itemToDetails(created, await vaultFor(vaultId, signal));
    },

    async addFields(vaultId, itemId, fields, { signal } = {}) {
      // Connect's `add /fields` appends one field per operation.
      const operations = fields.map((field) => ({
        op: "add" as const,
        path: "/fields",
        value: toConnectField(field),
      }));
      const updated = await client.patchItem(vaultId, itemId, operations, { signal });
      return itemToDetails(updated, await vaultFor(vaultId, signal));
    },
  };
}

/** A field's value (or current one-time code) from a full item, as readFieldValue answers it. */
function fieldValueOf(item: FullItem, itemId: string, fieldId: string, attribute?: "value" | "otp"): string {
  const field = item.fields?.find((f) => f.id === fieldId);
  const itemName = item.title ? `"${item.title}"` : itemId;
  if (!field) throw new ConnectError(`The field "${fieldId}" no longer exists in the item ${itemName}.`);
  const isOtp = field.type === "OTP" || field.type === "TOTP";
  if (attribute === "otp" && !isOtp) {
    throw new ConnectError(
      `The field "${field.label || field.id}" of ${itemName} is not a one-time password field.`,
    );
  }
  if (isOtp && attribute !== "value") {
    if (!field.totp) {
      throw new ConnectError(
        `The Connect server sent no current one-time code for "${field.label || field.id}" in ${itemName}.`,
      );
    }
    return field.totp;
  }
  return field.value ?? "";
}

const creatable = new Set<string>([
  "LOGIN",
  "PASSWORD",
  "API_CREDENTIAL",
  "SERVER",
  "DATABASE",
  "CREDIT_CARD",
  "MEMBERSHIP",
  "PASSPORT",
  "SOFTWARE_LICENSE",
  "OUTDOOR_LICENSE",
  "SECURE_NOTE",
  "WIRELESS_ROUTER",
  "BANK_ACCOUNT",
  "DRIVER_LICENSE",
  "IDENTITY",
  "REWARD_PROGRAM",
  "EMAIL_ACCOUNT",
  "SOCIAL_SECURITY_NUMBER",
  "MEDICAL_RECORD",
  "SSH_KEY",
]);

/** A new field as Connect takes it; one to generate carries `generate` and a recipe. */
function toConnectField(f: NewItemField): FieldInput {
  const field: FieldInput = { type: f.type.toUpperCase() as FieldType, label: f.label };
  if (f.purpose) field.purpose = f.purpose;
  if (f.value !== undefined) field.value = f.value;
  else if (f.generate) {
    field.generate = true;
    field.recipe = {};
    if (f.generate.length !== undefined) field.recipe.length = f.generate.length;
    if (f.generate.characterSets) field.recipe.characterSets = [...f.generate.characterSets];
  }
  return field;
}

/** NewItem → the Connect item to POST; fields to generate carry `generate` and a recipe, so the server makes the value. */
export function toConnectItem(item: NewItem): ItemInput {
  const category = item.category.toUpperCase();
  if (!creatable.has(category)) {
    throw new ConnectConfigError(`Connect cannot create items of the category "${item.category}".`);
  }
  const fields = item.fields.map(toConnectField);
  const result: ItemInput = { title: item.title, category: category as ItemCategory, fields };
  if (item.urls && item.urls.length > 0)
    result.urls = item.urls.map((href, i) => ({ href, primary: i === 0 }));
  if (item.tags && item.tags.length > 0) result.tags = [...item.tags];
  return result;
}
