// The items of every source the preferences name (the metadata folder, kept live, Connect, a service account,
// 1Password 8 accounts), merged by the shared source layer; this hook only builds its input and turns its
// snapshot into the commands' state.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import { showFailureToast } from "@raycast/utils";
import { createRoutingProvider, createSourceSet, itemKey, problemTitle } from "@op-bridge/shared";
import type { ItemProvider, ItemSummary, MetadataProblem, SourceProblem } from "@op-bridge/shared";
import { describeConnectFailure } from "../api/connect";
import type { Preferences } from "../api/preferences";
import { sourcesFromPreferences } from "../api/sources";
import { useApprovalHint } from "./useApprovalHint";

export interface ItemsState {
  items: ItemSummary[];
  isLoadingItems: boolean;
  /** Set when the metadata folder does not exist. */
  missingRoot?: string;
  problems: MetadataProblem[];
  /** Reads details and values of the items below: Connect's, or each item's own source when the SDK is set up. */
  connect?: ItemProvider;
  /** Each readable item's own summary (its source's IDs), by itemKey: only these get copy actions. */
  connectItems: ReadonlyMap<string, ItemSummary>;
  connectError?: string;
  retryConnect: () => void;
  /** Failed 1Password 8 and service account sources, each with the one action that fixes it. */
  sdkProblems: SourceProblem[];
  retrySource: (sourceId: string) => void;
}

export function useItems(preferences: Preferences): ItemsState {
  const { metadataFolder, connectUrl, connectToken, serviceAccountToken, desktopAccounts } = preferences;
  const built = useMemo(() => {
    const configured = sourcesFromPreferences({
      metadataFolder,
      connectUrl,
      connectToken,
      serviceAccountToken,
      desktopAccounts,
    });
    const set = createSourceSet(configured.sources, {
      live: true,
      setupProblems: configured.setupProblems,
      onProblem: (problem, error) => showProblemToast(problem, error, () => set.refresh(problem.sourceId)),
    });
    const readers = configured.sources.filter((source) => source.provider);
    // Connect alone keeps its own provider; with the SDK, each item is read from the source that lists it.
    const reader = readers.some((s) => s.kind === "sdk")
      ? createRoutingProvider(set)
      : configured.connect?.provider;
    return { ...configured, set, readers, reader };
  }, [metadataFolder, connectUrl, connectToken, serviceAccountToken, desktopAccounts]);
  const { set, metadata, connect, readers, reader } = built;
  useEffect(() => () => void set.close(), [set]);
  const snapshot = useSyncExternalStore(set.subscribe, set.snapshot);
  const retryConnect = useCallback(() => set.refresh(connect?.id), [set, connect]);
  const retrySource = useCallback((sourceId: string) => set.refresh(sourceId), [set]);
  useApprovalHint(
    built.sources
      .filter((s) => s.id.startsWith("desktop:") && snapshot.loading.includes(s.id))
      .map((s) => s.label),
  );

  const connectItems = useMemo(() => {
    const readable = new Map<string, ItemSummary>();
    for (const source of readers) {
      for (const item of snapshot.itemsOf(source.id)) {
        const key = itemKey(item);
        if (!readable.has(key)) readable.set(key, item);
      }
    }
    return readable;
  }, [snapshot, readers]);
  const missing = snapshot.problems.some((p) => p.sourceId === metadata.id && p.kind === "metadata-missing");
  const connectProblem = snapshot.problems.find((p) => p.sourceId === (connect?.id ?? "connect"));

  return {
    items: snapshot.items,
    isLoadingItems: snapshot.loading.length > 0,
    ...(missing ? { missingRoot: metadata.root } : {}),
    problems: snapshot.fileProblems,
    ...(reader ? { connect: reader } : {}),
    connectItems,
    ...(connectProblem ? { connectError: connectProblem.message } : {}),
    retryConnect,
    sdkProblems: snapshot.problems.filter((p) => p.kind.startsWith("sdk-")),
    retrySource,
  };
}

/** A failure the list cannot show by itself; the missing folder has its own guide instead of a toast. */
function showProblemToast(problem: SourceProblem, error: unknown, retry: () => void): void {
  if (problem.kind === "metadata-missing") return;
  const title = problemTitle(problem.kind);
  if (problem.kind === "metadata-unreadable") {
    void showFailureToast(error, { title, message: problem.message });
    return;
  }
  const isConnect = problem.sourceId === "connect";
  void showFailureToast(error, {
    title: isConnect ? problemTitle("connect-unreachable") : `${problem.label}: ${title}`,
    message: isConnect ? describeConnectFailure(error) : problem.message,
    primaryAction: { title: "Retry", onAction: retry },
  });
}
