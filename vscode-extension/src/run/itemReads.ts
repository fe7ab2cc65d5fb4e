// Providers for one resolution run: structure from the shared cache, each item's values read once for all its references.
import type { ItemProvider, ItemWithValues } from "@op-bridge/shared";
import type { CachedSource } from "../sources/structureCache.js";

/**
 * The providers `resolveSecretReference` walks for one run. Vaults and item lists come from the
 * structure cache (hover and diagnostics have usually read them already); an item and its values
 * come from one fresh `readItem` request shared by every reference to that item, so twenty
 * references to five items cost five round trips. A source without `readItem` reads each field.
 */
export function itemReadsFor(sources: readonly CachedSource[]): ItemProvider[] {
  return sources.map(({ source, provider }) => {
    const real = source.provider;
    if (!real.readItem) return provider;
    const readItem = real.readItem.bind(real);
    const reads = new Map<string, Promise<ItemWithValues>>();
    const read = (vaultId: string, itemId: string, signal?: AbortSignal) => {
      const key = `${vaultId}/${itemId}`;
      let pending = reads.get(key);
      if (!pending) {
        pending = readItem(vaultId, itemId, { signal });
        reads.set(key, pending);
      }
      return pending;
    };
    return {
      source: provider.source,
      label: provider.label,
      listVaults: (options) => provider.listVaults(options),
      listItems: (options) => provider.listItems(options),
      getItemDetails: async (vaultId, itemId, options = {}) =>
        (await read(vaultId, itemId, options.signal)).details,
      readFieldValue: async (vaultId, itemId, fieldId, options = {}) =>
        (await read(vaultId, itemId, options.signal)).fieldValue(fieldId, options.attribute),
    };
  });
}
