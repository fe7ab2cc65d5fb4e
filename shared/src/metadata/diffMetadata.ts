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

/** The changes from `before` to `after`; `any` is false when a person would see no difference. */
export function diffMetadata(before: LoadMetadataResult, after: LoadMetadataResult): MetadataChanges {
  const old = new Map<string, ItemSummary>();
  for (const item of before.items) old.set(keyOf(item), item);
  const added: ItemSummary[] = [];
  const edited: ItemSummary[] = [];
  const vaultsAfter = new Set<string>();
  for (const item of after.items) {
    vaultsAfter.add(item.vaultId);
    const key = keyOf(item);
    const was = old.get(key);
    if (was === undefined) added.push(item);
    else {
      old.delete(key);
      if (!sameMetadataItem(was, item)) edited.push(item);
    }
  }
  const removed = [...old.values()];
  const vaultsGone = [...new Set(before.items.map((i) => i.vaultId))].filter((v) => !vaultsAfter.has(v));
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
