// A new item's title that no other item of its vault has: references find items by title, so a second
// "GitHub" would make both the new reference and every existing op://Vault/GitHub/… ambiguous.
import type { ItemDetails, ItemField, ItemSummary } from "@op-bridge/shared";
import * as vscode from "vscode";
import { referenceFor } from "../commands/references.js";
import { CancelledError, withNotificationProgress } from "../commands/run.js";
import { isCancellation } from "../log.js";
import type { Source } from "../sources/SourceRegistry.js";

export interface VaultRef {
  id: string;
  name: string;
}

/** The vault's titles as references compare them (trimmed, case-insensitive); undefined when they could not be read. */
export type TakenTitles = ReadonlySet<string> | undefined;

const titleKey = (title: string) => title.trim().toLowerCase();

/** Reads the vault's items; a source that fails leaves them unknown rather than stopping the save. */
export async function readVaultItems(source: Source, vault: VaultRef): Promise<ItemSummary[] | undefined> {
  try {
    const items = await withNotificationProgress(`Reading the items of ${vault.name}…`, (signal) =>
      source.provider.listItems({ vaultId: vault.id, signal }),
    );
    return items.filter((item) => item.vaultId === vault.id);
  } catch (error) {
    if (isCancellation(error)) throw error;
    return undefined;
  }
}

/** The vault's titles as references compare them. */
export function takenTitles(items: readonly ItemSummary[] | undefined): TakenTitles {
  return items && new Set(items.map((item) => titleKey(item.title)));
}

/** The vault's item whose title a reference would confuse with `title`, if any. */
export function sameTitledItem(
  items: readonly ItemSummary[] | undefined,
  title: string,
): ItemSummary | undefined {
  return items?.find((item) => titleKey(item.title) === titleKey(title));
}

/** `wanted` when no item has it, else the first free "wanted 2", "wanted 3", … */
export function uniqueTitle(wanted: string, taken: TakenTitles): string {
  const base = wanted.trim();
  if (!taken?.has(titleKey(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!taken.has(titleKey(candidate))) return candidate;
  }
}

/** The input box's complaint about a title, or undefined when it may be used. */
export function titleProblem(value: string, taken: TakenTitles, vaultName: string): string | undefined {
  if (!value.trim()) return "The item needs a title.";
  if (taken?.has(titleKey(value))) {
    return `${vaultName} already has an item "${value.trim()}": references by its title would become ambiguous. Choose another title.`;
  }
  return undefined;
}

/**
 * Asks for the new item's title, offering a free one (e.g. "GitHub 2" next to "GitHub") and refusing
 * one the vault already has.
 */
export async function askNewItemTitle(options: {
  source: Source;
  vault: VaultRef;
  suggested: string;
  dialogTitle: string;
  prompt: string;
  /** The vault's items when the caller has read them already. */
  vaultItems?: ItemSummary[];
}): Promise<string> {
  const taken = takenTitles(options.vaultItems ?? (await readVaultItems(options.source, options.vault)));
  const answer = await vscode.window.showInputBox({
    title: options.dialogTitle,
    prompt: options.prompt,
    value: uniqueTitle(options.suggested, taken),
    ignoreFocusOut: true,
    validateInput: (value) => titleProblem(value, taken, options.vault.name),
  });
  if (answer === undefined) throw new CancelledError();
  return answer.trim();
}

/**
 * The new item's reference: by names when its title is the only one of its kind in the vault once it
 * exists, by IDs when another item has it or the vault could not be read again (a name could then be
 * ambiguous, and IDs always resolve to this item).
 */
export async function referenceForNewItem(
  source: Source,
  details: ItemDetails,
  field: ItemField,
): Promise<string> {
  return (await referencesForNewItem(source, details, [field]))[0]!;
}

/** referenceForNewItem for several fields of one new item, with one look at the vault. */
export async function referencesForNewItem(
  source: Source,
  details: ItemDetails,
  fields: readonly ItemField[],
): Promise<string[]> {
  const alone = await isOnlyItemOfItsTitle(source, details);
  return fields.map((field) => referenceFor(details, field, alone ? {} : { useIds: true }));
}

async function isOnlyItemOfItsTitle(source: Source, details: ItemDetails): Promise<boolean> {
  const { summary } = details;
  try {
    const items = await withNotificationProgress(
      `Checking ${summary.vaultName} for "${summary.title}"…`,
      (signal) => source.provider.listItems({ vaultId: summary.vaultId, signal }),
    );
    const key = titleKey(summary.title);
    return (
      items.filter((item) => item.vaultId === summary.vaultId && titleKey(item.title) === key).length === 1
    );
  } catch {
    // The item exists already: a check that failed or was cancelled costs only the names, never the reference.
    return false;
  }
}
