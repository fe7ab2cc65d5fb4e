// The SDK invocations the stand-in app answers, each typed with @1password/sdk's own types.
// An invocation not listed here is refused with the SDK's error shape, as an app too old for it would.
import { randomBytes } from "node:crypto";
import {
  ItemFieldType,
  ItemShareDuration,
  type GetVariablesResponse,
  type Item,
  type ItemCreateParams,
  type ItemOverview,
  type ItemShareAccountPolicy,
  type ItemShareParams,
  type ItemsGetAllResponse,
  type ResolveAllResponse,
  type ValidRecipient,
  type VaultOverview,
} from "@1password/sdk";
import type { DesktopAccount } from "./accounts.js";
import { appErrors } from "./failures.js";
import { withOtpCode } from "./sdkItems.js";
import { ReferenceFailure, resolveReference } from "./secretReferences.js";

/** What an invocation saw and did, for the app's log and for tests; never a secret value. */
export interface InvocationNote {
  /** e.g. a created item's ID, or a share's expiry and recipient count. */
  detail?: string;
}

type Handler = (
  account: DesktopAccount,
  parameters: Record<string, unknown>,
  note: InvocationNote,
) => unknown;

const handlers: Record<string, Handler> = {
  VaultsList: (account): VaultOverview[] => [...account.vaults.values()].map((v) => v.overview),

  ItemsList: (account, { vault_id }): ItemOverview[] =>
    [...vaultOf(account, vault_id).items.values()].map(
      ({ id, title, category, vaultId, websites, tags, createdAt, updatedAt }) => ({
        ...{ id, title, category, vaultId, websites, tags, createdAt, updatedAt },
        state: "active" as ItemOverview["state"],
      }),
    ),

  ItemsGet: (account, { vault_id, item_id }): Item => answerItem(itemOf(account, vault_id, item_id)),

  ItemsGetAll: (account, { vault_id, item_ids }): ItemsGetAllResponse => {
    const vault = vaultOf(account, vault_id);
    return {
      individualResponses: asStrings(item_ids, "item_ids").map((id) => {
        const item = vault.items.get(id);
        return item ? { content: answerItem(item) } : { error: { type: "itemNotFound" } };
      }),
    };
  },

  ItemsCreate: (account, { params }, note): Item => {
    const create = params as ItemCreateParams;
    const vault = vaultOf(account, create.vaultId);
    const now = new Date();
    const item: Item = {
      id: newId(),
      title: create.title,
      category: create.category,
      vaultId: create.vaultId,
      fields: create.fields ?? [],
      sections: create.sections ?? [],
      notes: create.notes ?? "",
      tags: create.tags ?? [],
      websites: create.websites ?? [],
      version: 1,
      files: [],
      createdAt: now,
      updatedAt: now,
    };
    vault.items.set(item.id, item);
    note.detail = `created ${item.id} in ${vault.overview.id}`;
    return answerItem(item);
  },

  ItemsPut: (account, { item }, note): Item => {
    const changed = item as Item;
    const existing = itemOf(account, changed.vaultId, changed.id);
    const updated: Item = { ...changed, version: existing.version + 1, updatedAt: new Date() };
    vaultOf(account, changed.vaultId).items.set(updated.id, updated);
    note.detail = `updated ${updated.id}`;
    return answerItem(updated);
  },

  ItemsSharesGetAccountPolicy: (account, { vault_id, item_id }): ItemShareAccountPolicy => {
    itemOf(account, vault_id, item_id);
    return account.sharePolicy;
  },

  ItemsSharesValidateRecipients: (account, { recipients }): ValidRecipient[] =>
    asStrings(recipients, "recipients").flatMap((text): ValidRecipient[] => {
      const allowed = account.sharePolicy.allowedRecipientTypes.map(String);
      if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(text) && allowed.includes("Email"))
        return [{ type: "Email", parameters: { email: text } }];
      if (/^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(text) && allowed.includes("Domain"))
        return [{ type: "Domain", parameters: { domain: text } }];
      return [];
    }),

  ItemsSharesCreate: (account, { item, params }, note): string => {
    const shared = item as Item;
    itemOf(account, shared.vaultId, shared.id);
    const share = params as ItemShareParams;
    const order = Object.values(ItemShareDuration);
    const expiry = share.expireAfter ?? account.sharePolicy.defaultExpiry;
    if (order.indexOf(expiry) > order.indexOf(account.sharePolicy.maxExpiry)) {
      throw appErrors.invalidParameters("ItemsSharesCreate", "the expiry is longer than the account allows");
    }
    note.detail = `shared ${shared.id}: ${expiry}, ${share.oneTimeOnly ? "one view" : "many views"}, ${share.recipients?.length ?? 0} recipient(s)`;
    return `https://share.1password.com/s#${randomBytes(24).toString("base64url")}`;
  },

  SecretsResolve: (account, { secret_reference }): string => {
    try {
      return resolveReference(account, asString(secret_reference, "secret_reference")).secret;
    } catch (error) {
      if (error instanceof ReferenceFailure)
        throw appErrors.invalidParameters("SecretsResolve", error.message);
      throw error;
    }
  },

  SecretsResolveAll: (account, { secret_references }): ResolveAllResponse => {
    const individualResponses: ResolveAllResponse["individualResponses"] = {};
    for (const reference of asStrings(secret_references, "secret_references")) {
      try {
        individualResponses[reference] = { content: resolveReference(account, reference) };
      } catch (error) {
        if (!(error instanceof ReferenceFailure)) throw error;
        individualResponses[reference] = { error: error.reason };
      }
    }
    return { individualResponses };
  },

  EnvironmentsGetVariables: (account, { environment_id }): GetVariablesResponse => {
    const environment = account.environments.get(asString(environment_id, "environment_id"));
    if (!environment) throw appErrors.notFound("environment");
    return {
      variables: environment.variables.map(({ name, reference, value, masked }) => ({
        name,
        value: reference ? resolveReference(account, reference).secret : (value ?? ""),
        masked,
      })),
    };
  },
};

export const SUPPORTED_INVOCATIONS = Object.keys(handlers);

/** Runs one invocation; the answer is the JSON the SDK's core would give back. */
export function invoke(
  account: DesktopAccount,
  name: string,
  parameters: Record<string, unknown>,
  note: InvocationNote,
): string {
  const handler = handlers[name];
  if (!handler) throw appErrors.unknownInvocation(name);
  const result = handler(account, parameters, note);
  return JSON.stringify(result, (_key, value: unknown) =>
    value instanceof Uint8Array ? Array.from(value) : value,
  );
}

/** Every read answers OTP fields with the code of this moment. */
function answerItem(item: Item): Item {
  return {
    ...item,
    fields: item.fields.map((f) => (f.fieldType === ItemFieldType.Totp ? withOtpCode(f) : f)),
  };
}

function vaultOf(account: DesktopAccount, vaultId: unknown) {
  const vault = account.vaults.get(asString(vaultId, "vault_id"));
  if (!vault) throw appErrors.notFound("vault");
  return vault;
}

function itemOf(account: DesktopAccount, vaultId: unknown, itemId: unknown): Item {
  const item = vaultOf(account, vaultId).items.get(asString(itemId, "item_id"));
  if (!item) throw appErrors.notFound("item");
  return item;
}

function asString(value: unknown, name: string): string {
  if (typeof value !== "string") throw appErrors.invalidParameters(name, "expected a string");
  return value;
}

function asStrings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw appErrors.invalidParameters(name, "expected a list of strings");
  }
  return value as string[];
}

/** A 26-character ID like the ones 1Password gives items. */
function newId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(26)].map((byte) => alphabet[byte % alphabet.length]).join("");
}
