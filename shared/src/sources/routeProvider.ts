// One provider over every source of a set: each item's details and values are read from the source that
// lists it (the item-to-source lookup), so a list of merged items needs no per-source wiring.
import type { ItemProvider, ItemSummary } from "../types.js";
import type { SourceSet } from "./createSourceSet.js";

export function createRoutingProvider(
  set: Pick<SourceSet, "sources" | "snapshot">,
  label = "1Password",
): ItemProvider {
  const readers = () => set.sources.filter((source) => source.provider);
  const providerOf = (vaultId: string, itemId: string) => {
    const listing = set
      .snapshot()
      .sourcesOf({ vaultId, id: itemId })
      .find((source) => source.provider);
    if (!listing?.provider)
      throw new Error(`No source that can read item ${itemId} lists it any more: refresh the list.`);
    return listing.provider;
  };
  return {
    source: readers()[0]?.kind ?? "connect",
    label,
    async listVaults(options = {}) {
      const lists = await Promise.allSettled(readers().map((source) => source.provider!.listVaults(options)));
      const seen = new Set<string>();
      return lists
        .flatMap((result) => (result.status === "fulfilled" ? result.value : []))
        .filter((vault) => {
          if (seen.has(vault.id)) return false;
          seen.add(vault.id);
          return true;
        });
    },
    async listItems(options = {}) {
      const items: ItemSummary[] = [...set.snapshot().items];
      return options.vaultId === undefined ? items : items.filter((item) => item.vaultId === options.vaultId);
    },
    getItemDetails: (vaultId, itemId, options) =>
      providerOf(vaultId, itemId).getItemDetails(vaultId, itemId, options),
    readFieldValue: (vaultId, itemId, fieldId, options) =>
      providerOf(vaultId, itemId).readFieldValue(vaultId, itemId, fieldId, options),
    async readAttachment(vaultId, itemId, attachmentId, options) {
      const provider = providerOf(vaultId, itemId);
      if (!provider.readAttachment) throw new Error(`${provider.label} cannot read attachments from here.`);
      return provider.readAttachment(vaultId, itemId, attachmentId, options);
    },
  };
}
