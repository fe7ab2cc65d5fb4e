// What changed between two answers for the same folder: items added, removed and edited (by
// vault and item ID), vaults gone, and whether the problems differ. Unchanged items of a
// checked answer are the very objects of the stale one, in the same (listing) order, so the
// common start and end of the two lists are passed over by identity, and only the part between
// is keyed, in slices when the caller can wait: putting 50,000 objects in a Set cost 15-40 ms.
import { performance } from "node:perf_hooks";
import type { ItemSummary } from "../types.js";
import { SLICE_MS, yieldToLoop } from "./slices.js";
import type { LoadMetadataResult, MetadataChanges } from "./types.js";

const keyOf = (item: ItemSummary) => item.vaultId.toLowerCase() + "/" + item.id.toLowerCase();

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/** Items keyed or compared between two looks at the clock (a fraction of a millisecond). */
const DIFF_CHUNK = 1024;

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

/** Adds the vault of every item in items[start..end) to vaults (runs of one vault added once). */
function addVaults(vaults: Set<string>, items: readonly ItemSummary[], start: number, end: number): void {
  let last: string | undefined;
  for (let i = start; i < end; i++) {
    const vault = (items[i] as ItemSummary).vaultId;
    if (vault !== last) vaults.add((last = vault));
  }
}

/** One diff, worked through a chunk at a time (see diffMetadata and diffMetadataInSlices). */
class MetadataDiff {
  private readonly added: ItemSummary[] = [];
  private readonly edited: ItemSummary[] = [];
  private readonly vaultsBefore = new Set<string>();
  private readonly vaultsAfter = new Set<string>();
  /** The differing middle of `after`, then what of it is not in `before` (new or edited). */
  private readonly kept = new Set<ItemSummary>();
  /** Items of the middle of `before` not in `after` by identity, by key. */
  private readonly old = new Map<string, ItemSummary>();
  /** Where each list's differing middle starts and ends, and how far each phase has got. */
  private readonly from: number;
  private readonly beforeEnd: number;
  private readonly afterEnd: number;
  private phase: "keep" | "old" | "match" | "done" = "keep";
  private at: number;
  private pending: IterableIterator<ItemSummary> | undefined;

  constructor(
    private readonly before: LoadMetadataResult,
    private readonly after: LoadMetadataResult,
  ) {
    const a = before.items;
    const b = after.items;
    let from = 0;
    const shorter = Math.min(a.length, b.length);
    while (from < shorter && a[from] === b[from]) from++;
    let beforeEnd = a.length;
    let afterEnd = b.length;
    while (beforeEnd > from && afterEnd > from && a[beforeEnd - 1] === b[afterEnd - 1]) {
      beforeEnd--;
      afterEnd--;
    }
    this.from = from;
    this.at = from;
    this.beforeEnd = beforeEnd;
    this.afterEnd = afterEnd;
    // Vaults of the common parts are in both answers; those of the middles are added as keyed.
    addVaults(this.vaultsAfter, b, 0, from);
    addVaults(this.vaultsAfter, b, afterEnd, b.length);
  }

  /** Works one chunk; true once the diff is complete. */
  step(): boolean {
    const { before, after } = this;
    if (this.phase === "keep") {
      const end = Math.min(this.at + DIFF_CHUNK, this.afterEnd);
      for (let i = this.at; i < end; i++) this.kept.add(after.items[i] as ItemSummary);
      addVaults(this.vaultsAfter, after.items, this.at, end);
      this.at = end;
      if (end === this.afterEnd) [this.phase, this.at] = ["old", this.from];
    } else if (this.phase === "old") {
      const end = Math.min(this.at + DIFF_CHUNK, this.beforeEnd);
      addVaults(this.vaultsBefore, before.items, this.at, end);
      for (let i = this.at; i < end; i++) {
        const item = before.items[i] as ItemSummary;
        if (this.kept.has(item)) this.kept.delete(item);
        else this.old.set(keyOf(item), item);
      }
      this.at = end;
      if (end === this.beforeEnd) [this.phase, this.pending] = ["match", this.kept.values()];
    } else if (this.phase === "match") {
      // What is left in `kept` is new or edited: matched by key against what left `before`.
      const pending = this.pending as IterableIterator<ItemSummary>;
      for (let i = 0; i < DIFF_CHUNK; i++) {
        const next = pending.next();
        if (next.done === true) {
          this.phase = "done";
          break;
        }
        const item = next.value;
        const key = keyOf(item);
        const was = this.old.get(key);
        if (was === undefined) this.added.push(item);
        else {
          this.old.delete(key);
          if (!sameMetadataItem(was, item)) this.edited.push(item);
        }
      }
    }
    return this.phase === "done";
  }

  changes(): MetadataChanges {
    const { before, after, added, edited } = this;
    const removed = [...this.old.values()];
    const vaultsGone = [...this.vaultsBefore].filter((v) => !this.vaultsAfter.has(v));
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
}

/** The changes from `before` to `after`; `any` is false when a person would see no difference. */
export function diffMetadata(before: LoadMetadataResult, after: LoadMetadataResult): MetadataChanges {
  const diff = new MetadataDiff(before, after);
  while (!diff.step());
  return diff.changes();
}

/**
 * diffMetadata in slices of SLICE_MS, letting the host run between them (a checked answer of
 * 50,000 items with every one of them changed still never stalls it). An aborted signal rejects
 * with its reason.
 */
export async function diffMetadataInSlices(
  before: LoadMetadataResult,
  after: LoadMetadataResult,
  signal?: AbortSignal,
): Promise<MetadataChanges> {
  const diff = new MetadataDiff(before, after);
  for (;;) {
    const end = performance.now() + SLICE_MS;
    let done = false;
    do done = diff.step();
    while (!done && performance.now() < end);
    if (done) return diff.changes();
    await yieldToLoop();
    signal?.throwIfAborted();
  }
}
