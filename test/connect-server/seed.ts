// Loads a seed (the built-in demo, a JSON file, or an object) into a store; a malformed seed names the file and the fault.
import { readFile } from "node:fs/promises";
import { ApiError } from "./errors.js";
import { createId, isConnectId } from "./ids.js";
import { isObject } from "./items.js";
import { createRandom } from "./random.js";
import type { ConnectStore } from "./store.js";
import { ITEM_CATEGORIES, VAULT_TYPES, type SeedObject, type VaultType } from "./types.js";

export class SeedError extends Error {
  override readonly name = "SeedError";
}

export type SeedOption = "demo" | string | SeedObject;

/** Reads the seed a caller named; `source` is how messages name it. */
export async function readSeed(seed: SeedOption | undefined): Promise<{ seed: unknown; source: string }> {
  if (seed === undefined) return { seed: { vaults: [] }, source: "the empty seed" };
  if (seed === "demo") {
    const { buildDemoSeed } = await import("./demoSeed.js");
    return { seed: buildDemoSeed(), source: "the demo seed" };
  }
  if (typeof seed !== "string") return { seed, source: "the seed object" };
  let text: string;
  try {
    text = await readFile(seed, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SeedError(`The seed file ${seed} cannot be read (${code}).`);
  }
  try {
    return { seed: JSON.parse(text) as unknown, source: `The seed file ${seed}` };
  } catch (error) {
    throw new SeedError(`The seed file ${seed} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Puts every vault and item of the seed into the store. Missing IDs come from a generator seeded
 * with a fixed number, so the same seed gives the same IDs on every run.
 */
export function populateStore(store: ConnectStore, seed: unknown, source: string): void {
  const fail = (where: string, what: string): never => {
    throw new SeedError(`${capitalize(source)}: ${where} ${what}.`);
  };
  const random = createRandom(0x5eed);
  const now = new Date().toISOString();
  if (!isObject(seed) || !Array.isArray(seed.vaults))
    fail("the top level", 'must be an object with a "vaults" array');
  const vaults = (seed as SeedObject).vaults as unknown[];
  const names = new Set<string>();
  vaults.forEach((vault, v) => {
    const where = `vaults[${v}]`;
    if (!isObject(vault)) return fail(where, "must be an object");
    if (typeof vault.name !== "string" || vault.name.trim() === "")
      fail(`${where}.name`, "must be a non-empty string");
    const name = vault.name as string;
    if (names.has(name)) fail(`${where}.name`, `repeats the vault name "${name}"`);
    names.add(name);
    if (vault.id !== undefined && !isConnectId(vault.id))
      fail(`${where}.id`, "must be 26 lowercase letters and digits");
    if (vault.description !== undefined && typeof vault.description !== "string")
      fail(`${where}.description`, "must be a string");
    if (vault.type !== undefined && !(VAULT_TYPES as readonly unknown[]).includes(vault.type))
      fail(`${where}.type`, `must be one of ${VAULT_TYPES.join(", ")}`);
    if (vault.items !== undefined && !Array.isArray(vault.items)) fail(`${where}.items`, "must be an array");
    const createdAt =
      typeof vault.createdAt === "string" && !Number.isNaN(Date.parse(vault.createdAt))
        ? new Date(vault.createdAt).toISOString()
        : now;
    const id = (vault.id as string | undefined) ?? createId(random);
    try {
      store.addVault({
        id,
        name,
        description: (vault.description as string | undefined) ?? "",
        type: (vault.type as VaultType | undefined) ?? "USER_CREATED",
        attributeVersion: 1,
        contentVersion: 1,
        createdAt,
        updatedAt: createdAt,
      });
    } catch (error) {
      fail(`${where}.id`, (error as Error).message);
    }
    ((vault.items as unknown[] | undefined) ?? []).forEach((item, i) => {
      const title = isObject(item) && typeof item.title === "string" ? ` ("${item.title}")` : "";
      if (
        isObject(item) &&
        typeof item.category === "string" &&
        !(ITEM_CATEGORIES as readonly string[]).includes(item.category)
      )
        fail(`${where}.items[${i}]${title}.category`, `"${item.category}" is not a Connect item category`);
      try {
        store.seedItem(id, item, now, random);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        fail(`${where}.items[${i}]${title}`, `is not a valid item: ${error.message}`);
      }
    });
  });
}

const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);
