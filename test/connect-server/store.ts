// The server's state: vaults and their items in memory, with versions and dates that move on every change.
import { ApiError, badRequest, notFound } from "./errors.js";
import { createId } from "./ids.js";
import { buildItem, type BuildContext } from "./items.js";
import { applyPatch, toEditableDocument } from "./patch.js";
import type { Random } from "./random.js";
import type { StoredItem, StoredVault } from "./types.js";

export class ConnectStore {
  readonly #vaults = new Map<string, StoredVault>();
  readonly #items = new Map<string, Map<string, StoredItem>>();
  /** Who `lastEditedBy` names for changes made through the API. */
  readonly editor: string;

  constructor(editor = createId()) {
    this.editor = editor;
  }

  addVault(vault: StoredVault): void {
    if (this.#vaults.has(vault.id)) throw badRequest(`a vault with the ID ${vault.id} already exists`);
    this.#vaults.set(vault.id, vault);
    this.#items.set(vault.id, new Map());
  }

  listVaults(): StoredVault[] {
    return [...this.#vaults.values()];
  }

  findVault(vaultId: string): StoredVault | undefined {
    return this.#vaults.get(vaultId);
  }

  getVault(vaultId: string): StoredVault {
    const vault = this.#vaults.get(vaultId);
    if (!vault) throw notFound(`vault ${vaultId} not found`);
    return vault;
  }

  countItems(vaultId: string): number {
    return this.#items.get(vaultId)?.size ?? 0;
  }

  listItems(vaultId: string): StoredItem[] {
    this.getVault(vaultId);
    return [...this.#itemsOf(vaultId).values()];
  }

  getItem(vaultId: string, itemId: string): StoredItem {
    this.getVault(vaultId);
    const item = this.#itemsOf(vaultId).get(itemId);
    if (!item) throw notFound(`item ${itemId} not found`);
    return item;
  }

  /** Adds an item from a seed, keeping its read-only attributes; does not count as a change of the vault. */
  seedItem(vaultId: string, input: unknown, now: string, random?: Random): StoredItem {
    const item = buildItem(input, { vaultId, now, editor: this.editor, origin: "seed", random });
    this.#insert(vaultId, item);
    return item;
  }

  createItem(vaultId: string, input: unknown): StoredItem {
    this.getVault(vaultId);
    const item = buildItem(input, this.#context(vaultId, "create"));
    this.#insert(vaultId, item);
    this.#touch(vaultId, item.updatedAt);
    return item;
  }

  replaceItem(vaultId: string, itemId: string, input: unknown): StoredItem {
    const existing = this.getItem(vaultId, itemId);
    const item = buildItem(input, { ...this.#context(vaultId, "replace"), existing });
    // Two changes in the same millisecond still get different updatedAt values.
    if (item.updatedAt <= existing.updatedAt) {
      item.updatedAt = new Date(Date.parse(existing.updatedAt) + 1).toISOString();
    }
    this.#itemsOf(vaultId).set(itemId, item);
    this.#touch(vaultId, item.updatedAt);
    return item;
  }

  /** No operations leave the item as it was (same version), as the spec says. */
  patchItem(vaultId: string, itemId: string, operations: unknown): StoredItem {
    const existing = this.getItem(vaultId, itemId);
    if (Array.isArray(operations) && operations.length === 0) return existing;
    const document = applyPatch(toEditableDocument(existing), operations);
    return this.replaceItem(vaultId, itemId, { ...document, id: itemId, vault: { id: vaultId } });
  }

  deleteItem(vaultId: string, itemId: string): StoredItem {
    const item = this.getItem(vaultId, itemId);
    this.#itemsOf(vaultId).delete(itemId);
    this.#touch(vaultId, new Date().toISOString());
    return item;
  }

  #insert(vaultId: string, item: StoredItem): void {
    const items = this.#itemsOf(vaultId);
    if (items.has(item.id)) throw badRequest(`an item with the ID ${item.id} already exists`);
    items.set(item.id, item);
  }

  #itemsOf(vaultId: string): Map<string, StoredItem> {
    const items = this.#items.get(vaultId);
    if (!items) throw new ApiError(404, `vault ${vaultId} not found`);
    return items;
  }

  #context(vaultId: string, origin: BuildContext["origin"]): BuildContext {
    return { vaultId, now: new Date().toISOString(), editor: this.editor, origin };
  }

  #touch(vaultId: string, at: string): void {
    const vault = this.getVault(vaultId);
    vault.contentVersion++;
    vault.updatedAt = at;
  }
}

/** The vault as the API answers it, with its live item count. */
export function describeVault(vault: StoredVault, items: number): Record<string, unknown> {
  return {
    id: vault.id,
    name: vault.name,
    description: vault.description,
    attributeVersion: vault.attributeVersion,
    contentVersion: vault.contentVersion,
    items,
    type: vault.type,
    createdAt: vault.createdAt,
    updatedAt: vault.updatedAt,
  };
}
