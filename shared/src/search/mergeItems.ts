// One entry per item when several sources (metadata, Connect, the SDK) list the same item.
import type { ItemSummary } from "../types.js";

/** `${vaultId}/${id}` lower-cased: the same item from metadata and Connect has one key. */
export function itemKey(item: Pick<ItemSummary, "vaultId" | "id">): string {
  return `${item.vaultId}/${item.id}`.toLowerCase();
}

/**
 * Items of every list, one per itemKey, in first-seen order. The first list wins where two
 * disagree; fields it lacks are filled from later lists (an empty `urls` counts as missing).
 */
export function mergeItems(lists: readonly (readonly ItemSummary[])[]): ItemSummary[] {
  const byKey = new Map<string, ItemSummary>();
  for (const list of lists) {
    for (const item of list) {
      const key = itemKey(item);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, item);
        continue;
      }
      let merged: ItemSummary | undefined;
      for (const [name, value] of Object.entries(item) as [keyof ItemSummary, unknown][]) {
        if (value === undefined) continue;
        const current = seen[name];
        const missing =
          current === undefined || (name === "urls" && Array.isArray(current) && current.length === 0);
        if (!missing) continue;
        merged ??= { ...seen };
        (merged as unknown as Record<string, unknown>)[name] = value;
      }
      if (merged) byKey.set(key, merged);
    }
  }
  return [...byKey.values()];
}
