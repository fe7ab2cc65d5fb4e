// Merges what every source gave into one snapshot: items once each, who lists each, what failed.
import type { MetadataProblem } from "../metadata/types.js";
import { itemKey, mergeItems } from "../search/mergeItems.js";
import type { ItemSummary } from "../types.js";
import type { Source, SourceProblem, SourcesSnapshot } from "./types.js";

/** Where one source stands: its last items (kept through a failed re-read) and its problem. */
export interface SourceState {
  source: Source;
  items: readonly ItemSummary[];
  fileProblems: readonly MetadataProblem[];
  problem?: SourceProblem;
  /** True until the source's first answer (items or a failure) since the last refresh. */
  loading: boolean;
}

export function buildSnapshot(
  states: readonly SourceState[],
  setupProblems: readonly SourceProblem[],
): SourcesSnapshot {
  const items = mergeItems(states.map((state) => state.items));
  const byId = new Map(states.map((state) => [state.source.id, state.items] as const));
  // The lookup is built on first use: a list that never asks pays nothing at 50,000 items.
  let bySource: Map<string, Source[]> | undefined;
  const sourcesOf = (item: Pick<ItemSummary, "vaultId" | "id">): Source[] => {
    bySource ??= indexSources(states);
    return bySource.get(itemKey(item)) ?? [];
  };
  return {
    items,
    sourcesOf,
    itemsOf: (sourceId) => byId.get(sourceId) ?? [],
    problems: [...setupProblems, ...states.flatMap((state) => (state.problem ? [state.problem] : []))],
    fileProblems: states.flatMap((state) => state.fileProblems),
    loading: states.filter((state) => state.loading).map((state) => state.source.id),
  };
}

function indexSources(states: readonly SourceState[]): Map<string, Source[]> {
  const bySource = new Map<string, Source[]>();
  for (const { source, items } of states) {
    for (const item of items) {
      const key = itemKey(item);
      const list = bySource.get(key);
      if (!list) bySource.set(key, [source]);
      else if (!list.includes(source)) list.push(source);
    }
  }
  return bySource;
}
