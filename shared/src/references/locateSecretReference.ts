// Follows a secret reference through the configured providers to one vault, item and field.
import type { ItemDetails, ItemField, ItemProvider, ItemSection, ItemSummary } from "../types.js";
import { SecretReferenceError } from "./SecretReferenceError.js";
import { parseSecretReference, type ParsedSecretReference } from "./syntax.js";

/** Where a reference leads; never holds the value. */
export interface LocatedReference {
  provider: ItemProvider;
  vault: { id: string; name: string };
  item: ItemDetails;
  section?: ItemSection;
  field: ItemField;
}

export interface LocateReferenceOptions {
  signal?: AbortSignal;
}

/**
 * Finds the field a reference names. Each part matches an ID or a name, case-insensitively; an ID
 * match wins over name matches, and a name shared by several vaults, items, sections or fields is
 * an error that says so (use the ID). When a provider fails and nothing was found elsewhere, its
 * error is rethrown, so "server down" is not reported as "vault not found". Cancellation rejects
 * with the signal's reason.
 */
export async function locateSecretReference(
  providers: readonly ItemProvider[],
  reference: string,
  options: LocateReferenceOptions = {},
): Promise<LocatedReference> {
  const { signal } = options;
  const parts = parseSecretReference(reference);
  const fail = (reason: string): never => {
    throw new SecretReferenceError(reference, reason);
  };
  if (providers.length === 0)
    fail("no 1Password source is configured (connect to a server or sign in first)");

  const { provider, vault } = await findVault(providers, parts, signal, fail);
  const items = (await provider.listItems({ vaultId: vault.id, signal })).filter(
    (i) => i.vaultId === vault.id,
  );
  signal?.throwIfAborted();
  const item = pickOne<ItemSummary>(
    items,
    parts.item,
    (i) => i.id,
    (i) => i.title,
    `item`,
    `in vault "${vault.name}"`,
    fail,
  );
  const details = await provider.getItemDetails(vault.id, item.id, { signal });
  signal?.throwIfAborted();

  let section: ItemSection | undefined;
  if (parts.section !== undefined) {
    section = pickOne(
      details.sections,
      parts.section,
      (s) => s.id,
      (s) => s.label,
      "section",
      `in item "${item.title}"`,
      fail,
    );
  }
  const fields = section ? details.fields.filter((f) => f.sectionId === section.id) : details.fields;
  const place = section
    ? `in section "${section.label ?? section.id}" of item "${item.title}"`
    : `in item "${item.title}"`;
  const field = pickOne(
    fields,
    parts.field,
    (f) => f.id,
    (f) => f.label,
    "field",
    place,
    fail,
    section ? "" : " (name the section too: op://vault/item/section/field)",
  );
  return { provider, vault, item: details, section, field };
}

async function findVault(
  providers: readonly ItemProvider[],
  parts: ParsedSecretReference,
  signal: AbortSignal | undefined,
  fail: (reason: string) => never,
): Promise<{ provider: ItemProvider; vault: { id: string; name: string } }> {
  const wanted = parts.vault.toLowerCase();
  const byId: { provider: ItemProvider; vault: { id: string; name: string } }[] = [];
  const byName: { provider: ItemProvider; vault: { id: string; name: string } }[] = [];
  const errors: unknown[] = [];
  for (const provider of providers) {
    let vaults: { id: string; name: string }[];
    try {
      vaults = await provider.listVaults({ signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      errors.push(error);
      continue;
    }
    signal?.throwIfAborted();
    for (const vault of vaults) {
      if (vault.id.toLowerCase() === wanted) byId.push({ provider, vault });
      else if (vault.name.toLowerCase() === wanted) byName.push({ provider, vault });
    }
  }
  // The same vault can come from two sources (Connect and the SDK of one account): first source wins.
  const distinct = (list: typeof byId) =>
    list.filter(
      (c, index) => list.findIndex((o) => o.vault.id.toLowerCase() === c.vault.id.toLowerCase()) === index,
    );
  const matches = byId.length > 0 ? distinct(byId) : distinct(byName);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    fail(
      `the vault name "${parts.vault}" is ambiguous: ${matches.length} vaults have it ` +
        `(${matches.map((m) => `${m.vault.id} in ${m.provider.label}`).join(", ")}); use the vault's ID`,
    );
  }
  if (errors.length > 0) throw errors[0];
  return fail(
    `no vault is named "${parts.vault}" or has that ID in ${providers.map((p) => p.label).join(", ")}`,
  );
}

function pickOne<T>(
  candidates: readonly T[],
  wanted: string,
  idOf: (candidate: T) => string,
  nameOf: (candidate: T) => string | undefined,
  what: string,
  where: string,
  fail: (reason: string) => never,
  ambiguityHint = "",
): T {
  const key = wanted.toLowerCase();
  const byId = candidates.filter((c) => idOf(c).toLowerCase() === key);
  if (byId.length === 1) return byId[0]!;
  const byName = byId.length > 1 ? byId : candidates.filter((c) => nameOf(c)?.toLowerCase() === key);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    return fail(
      `the ${what} name "${wanted}" is ambiguous ${where}: ${byName.length} ${what}s have it ` +
        `(IDs ${byName.map(idOf).join(", ")}); use the ${what}'s ID${ambiguityHint}`,
    );
  }
  return fail(`no ${what} is named "${wanted}" or has that ID ${where}`);
}
