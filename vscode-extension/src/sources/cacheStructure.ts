// Wraps a provider so one run of work (a preview) asks each source for vaults, items and item structure once.
import type { ItemProvider } from "@op-bridge/shared";

/**
 * A provider that remembers vault lists, item lists and item details for as long as it is kept,
 * so resolving many references of one file does not list the same vault again for each. Only
 * structure is kept: readFieldValue always asks the source, so no value is ever held here.
 * Meant for one run whose calls share one AbortSignal; a failed call is not remembered.
 */
export function cacheStructure(provider: ItemProvider): ItemProvider {
  const remembered = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = remembered.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      remembered.set(key, pending);
      pending.catch(() => remembered.delete(key));
    }
    return pending;
  };
  return {
    source: provider.source,
    label: provider.label,
    listVaults: (options) => once("vaults", () => provider.listVaults(options)),
    listItems: (options = {}) => once(`items:${options.vaultId ?? "*"}`, () => provider.listItems(options)),
    getItemDetails: (vaultId, itemId, options) =>
      once(`details:${vaultId}/${itemId}`, () => provider.getItemDetails(vaultId, itemId, options)),
    readFieldValue: (vaultId, itemId, fieldId, options) =>
      provider.readFieldValue(vaultId, itemId, fieldId, options),
  };
}
