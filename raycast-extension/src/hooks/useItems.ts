// The items of every source the preferences name (the metadata folder, kept live, and Connect), merged by the
// shared source layer; this hook only builds its input and turns its snapshot into the commands' state.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import { Toast, showToast } from "@raycast/api";
import { createSourceSet, itemKey, problemTitle } from "@op-bridge/shared";
import type { ItemProvider, ItemSummary, MetadataProblem, SourceProblem } from "@op-bridge/shared";
import { describeConnectFailure } from "../api/connect";
import type { Preferences } from "../api/preferences";
import { sourcesFromPreferences } from "../api/sources";

export interface ItemsState {
  items: ItemSummary[];
  isLoadingItems: boolean;
  /** Set when the metadata folder does not exist. */
  missingRoot?: string;
  problems: MetadataProblem[];
  connect?: ItemProvider;
  /** Connect's own summary of each item it can read, by itemKey: only these get copy actions, with Connect's IDs. */
  connectItems: ReadonlyMap<string, ItemSummary>;
  connectError?: string;
  retryConnect: () => void;
}

export function useItems(preferences: Preferences): ItemsState {
  const { metadataFolder, connectUrl, connectToken } = preferences;
  const built = useMemo(() => {
    const configured = sourcesFromPreferences({ metadataFolder, connectUrl, connectToken });
    const set = createSourceSet(configured.sources, {
      live: true,
      setupProblems: configured.setupProblems,
      onProblem: (problem, error) => showProblemToast(problem, error, () => set.refresh(problem.sourceId)),
    });
    return { ...configured, set };
  }, [metadataFolder, connectUrl, connectToken]);
  const { set, metadata, connect } = built;
  useEffect(() => () => void set.close(), [set]);
  const snapshot = useSyncExternalStore(set.subscribe, set.snapshot);
  const retryConnect = useCallback(() => set.refresh(connect?.id), [set, connect]);

  const connectItems = useMemo(
    () =>
      new Map((connect ? snapshot.itemsOf(connect.id) : []).map((item) => [itemKey(item), item] as const)),
    [snapshot, connect],
  );
  const missing = snapshot.problems.some((p) => p.sourceId === metadata.id && p.kind === "metadata-missing");
  const connectProblem = snapshot.problems.find((p) => p.sourceId === (connect?.id ?? "connect"));

  return {
    items: snapshot.items,
    isLoadingItems: snapshot.loading.length > 0,
    ...(missing ? { missingRoot: metadata.root } : {}),
    problems: snapshot.fileProblems,
    ...(connect ? { connect: connect.provider } : {}),
    connectItems,
    ...(connectProblem ? { connectError: connectProblem.message } : {}),
    retryConnect,
  };
}

/** A failure the list cannot show by itself; the missing folder has its own guide instead of a toast. */
function showProblemToast(problem: SourceProblem, error: unknown, retry: () => void): void {
  if (problem.kind === "metadata-missing") return;
  if (problem.kind === "metadata-unreadable") {
    void showToast({
      style: Toast.Style.Failure,
      title: problemTitle(problem.kind),
      message: problem.message,
    });
    return;
  }
  void showToast({
    style: Toast.Style.Failure,
    title: problemTitle(problem.kind),
    message: describeConnectFailure(error),
    primaryAction: { title: "Retry", onAction: retry },
  });
}
