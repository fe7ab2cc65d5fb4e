// What changed between two answers for the same folder: items added, removed and edited (by
// vault and item ID), vaults gone, and whether the problems differ. Unchanged items of a
// checked answer are the very objects of the stale one, so most compare by identity.
import type { ItemSummary } from "../types.js";
import type { LoadMetadataResult, MetadataChanges } from "./types.js";

const keyOf = (item: ItemSummary) => item.vaultId.toLowerCase() + "/" + item.id.toLowerCase();

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/** True when two summaries of one item show the same to a person (and point at the same file). */
export function sameMetadataItem(a: ItemSummary, b: ItemSummary): boolean {
  return (
    a === b ||
    (a.title === b.title &&
      a.vaultName === b.vaultName &&
      a.accountName === b.accountName &&
      a.description === b.description &&
      a.categoryId === b.categoryId &&
      a.category === b.category &&
      a.categoryPlural === b.categoryPlural &&
      a.createdAt === b.createdAt &&
      a.modifiedAt === b.modifiedAt &&
      a.path === b.path &&
      a.app === b.app &&
      a.accountId === b.accountId &&
      sameList(a.urls, b.urls))
  );
}

/**
 * The changes from `before` to `after`; `any` is false when a person would see no difference.
 * Items present in both as the same object are passed over by identity first (a checked answer
 * reuses the stale answer's objects for unchanged files), so only the rest are keyed: 50,000
 * items keyed by vault and ID cost tens of milliseconds, by identity a few.
 */
export function diffMetadata(before: LoadMetadataResult, after: LoadMetadataResult): MetadataChanges {
  const kept = new Set<ItemSummary>(after.items);
  const old = new Map<string, ItemSummary>();
  const vaultsBefore = new Set<string>();
  for (const item of before.items) {
    vaultsBefore.add(item.vaultId);
    if (kept.has(item)) kept.delete(item);
    else old.set(keyOf(item), item);
  }
  // What is left in `kept` is new or edited: matched by key against what left `before`.
  const added: ItemSummary[] = [];
  const edited: ItemSummary[] = [];
  for (const item of kept) {
    const key = keyOf(item);
    const was = old.get(key);
    if (was === undefined) added.push(item);
    else {
      old.delete(key);
      if (!sameMetadataItem(was, item)) edited.push(item);
    }
  }
  const removed = [...old.values()];
  const vaultsAfter = new Set<string>();
  for (const item of after.items) vaultsAfter.add(item.vaultId);
  const vaultsGone = [...vaultsBefore].filter((v) => !vaultsAfter.has(v));
  const problemsChanged =
    before.problems.length !== after.problems.length ||
    before.problems.some(
      (p, i) => p.path !== after.problems[i]?.path || p.reason !== after.problems[i]?.reason,
    );
  return {
    added,
    removed,
    edited,
    vaultsGone,
    problemsChanged,
    any: added.length + removed.length + edited.length > 0 || problemsChanged,
  };
}
