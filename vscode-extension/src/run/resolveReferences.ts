// Resolves the distinct op:// references of one launch, task or terminal through the connected sources.
import { parseSecretReference } from "@op-bridge/shared";
import { errorMessage } from "../log.js";
import { requireSources } from "../commands/requireSources.js";
import { resolveEach, sourcesChangedMessage, type Resolution } from "../commands/previewWithSecrets.js";
import type { StructureCache } from "../sources/structureCache.js";
import { itemReadsFor } from "./itemReads.js";

export type { Resolution };

/** References resolved at once: items are read in parallel, within what a Connect server takes without queueing. */
const concurrency = 8;

export const sourcesChangedWhileRunning =
  "The 1Password sources changed while the secrets were being read (a setting, a token or Refresh Items): start it again.";

/** True when a value is a secret reference as a whole, as `op run` resolves them (surrounding spaces allowed). */
export function isSecretReferenceValue(value: unknown): value is string {
  return typeof value === "string" && value.trim().startsWith("op://");
}

/**
 * Each distinct reference's value, or the reason it has none (the reasons diagnostics give).
 * No source configured is an error that says what to run; cancelling rejects with the signal's reason.
 */
export async function resolveReferences(
  cache: StructureCache,
  references: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, Resolution>> {
  const distinct = [...new Set(references.map((reference) => reference.trim()))];
  if (distinct.length === 0) return new Map();
  await requireSources(cache.registry);
  try {
    return await resolveEach(itemReadsFor(await cache.sources()), distinct, signal, concurrency);
  } catch (error) {
    if (errorMessage(error) === sourcesChangedMessage) throw new Error(sourcesChangedWhileRunning);
    throw error;
  }
}

/** `"Stripe API" in Engineering`, for each distinct item the references name: what a consent prompt lists. */
export function describeItems(references: readonly string[]): string[] {
  const names = new Set<string>();
  for (const reference of references) {
    try {
      const { vault, item } = parseSecretReference(reference.trim());
      names.add(`"${item}" in ${vault}`);
    } catch {
      names.add(reference.trim());
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
