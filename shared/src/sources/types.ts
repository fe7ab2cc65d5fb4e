// The one interface every kind of item source (metadata folder, Connect server, SDK) offers the source set.
import type { MetadataProblem } from "../metadata/types.js";
import type { EnvironmentsReader } from "../sdk/createSdkProvider.js";
import type { SdkErrorKind } from "../sdk/SdkError.js";
import type { ItemSharingApi } from "../sharing/ItemSharingApi.js";
import type { ItemSource as ItemOrigin, ItemSummary, WritableItemProvider } from "../types.js";

/** What one read of a source gave: its items and, for the metadata folder, the files it skipped. */
export interface SourceResult {
  items: readonly ItemSummary[];
  fileProblems?: readonly MetadataProblem[];
  /**
   * Remembered from an earlier session (the host's summaries cache), not read now: the source stays loading,
   * and a failure of the read that follows still counts (its problem shows and these items go).
   */
  stale?: boolean;
}

/** Live updates of one source (the metadata folder's watcher). */
export interface SourceWatchListener {
  /** The source's whole list, each time it changes. */
  onResult(result: SourceResult): void;
  onError(error: unknown): void;
}

/** Why a source gave no items, sorted so each host can show the one action that fixes it. */
export type SourceProblemKind =
  | "metadata-missing"
  | "metadata-unreadable"
  | "connect-token-rejected"
  | "connect-forbidden"
  | "connect-rate-limited"
  | "connect-server-error"
  | "connect-unreachable"
  | "connect-timeout"
  | "connect-config"
  | `sdk-${SdkErrorKind}`
  /** Configured but unusable before any call: no token stored, a URL that cannot be used. */
  | "not-set-up"
  | "other";

/** One failed source, in words a person can act on. Never holds a token or a secret value. */
export interface SourceProblem {
  sourceId: string;
  label: string;
  kind: SourceProblemKind;
  message: string;
}

/** One place items come from. Each kind has a module of its own (metadataSource, connectSource, sdkSource). */
export interface Source {
  /** Stable within a session, e.g. "metadata", "connect:<url>", "sdk". */
  readonly id: string;
  readonly kind: ItemOrigin;
  /** Shown beside items and in problems: the server's name or host, "Service account", the account. */
  readonly label: string;
  /** Details, values and new items, for sources that have them (the metadata folder has none). */
  readonly provider?: WritableItemProvider;
  /** Item sharing, for sources that can share (the SDK). */
  readonly sharing?: ItemSharingApi;
  /** 1Password Environments, for sources that can read them (the SDK). */
  readonly environments?: EnvironmentsReader;
  /** Reads every item once. */
  load(signal: AbortSignal): Promise<SourceResult>;
  /** Keeps the items current; a source without it is read again on refresh. */
  watch?(listener: SourceWatchListener): { close(): void };
  /** Releases connections; called when the set closes. */
  close?(): Promise<void>;
}

/** Items of every source merged, with where each came from and what failed. */
export interface SourcesSnapshot {
  /** One entry per item (mergeItems), in the order of the sources. */
  items: ItemSummary[];
  /** Sources listing the item, first the one that reads it. */
  sourcesOf(item: Pick<ItemSummary, "vaultId" | "id">): Source[];
  /** The source's own summaries (its IDs, its fields); empty when it failed or is loading. */
  itemsOf(sourceId: string): readonly ItemSummary[];
  /** Sources that could not be set up or failed to list, in source order. */
  problems: SourceProblem[];
  /** Files the metadata folder skipped (malformed, too large); the folder's other items are listed. */
  fileProblems: MetadataProblem[];
  /** Sources still reading for the first time since the last refresh. */
  loading: string[];
}
