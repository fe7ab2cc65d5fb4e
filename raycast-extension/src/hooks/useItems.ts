// Loads items from the metadata folder (kept live with watchMetadata) and Connect, merged into one list.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Toast, environment, showToast } from "@raycast/api";
import {
  defaultMetadataRoot,
  itemKey,
  mergeItems,
  MetadataRootMissingError,
  watchMetadata,
} from "@op-bridge/shared";
import type { ItemProvider, ItemSummary, MetadataProblem } from "@op-bridge/shared";
import { createConnectFromPreferences, describeConnectFailure } from "../api/connect";
import type { Preferences } from "../api/preferences";

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

const isAbort = (error: unknown) => error instanceof Error && error.name === "AbortError";

export function useItems(preferences: Preferences): ItemsState {
  const root = preferences.metadataFolder?.trim() || defaultMetadataRoot();
  const [metadataItems, setMetadataItems] = useState<ItemSummary[]>([]);
  const [problems, setProblems] = useState<MetadataProblem[]>([]);
  const [missingRoot, setMissingRoot] = useState<string>();
  const [loadingMetadata, setLoadingMetadata] = useState(true);
  const connect = useMemo(
    () => createConnectFromPreferences(preferences),
    [preferences.connectUrl, preferences.connectToken],
  );
  const [connectItems, setConnectItems] = useState<ItemSummary[]>([]);
  const [connectError, setConnectError] = useState<string>();
  const [loadingConnect, setLoadingConnect] = useState(connect !== undefined);
  const [connectAttempt, setConnectAttempt] = useState(0);
  const retryConnect = useCallback(() => setConnectAttempt((n) => n + 1), []);
  const retryRef = useRef(retryConnect);
  retryRef.current = retryConnect;

  useEffect(() => {
    const controller = new AbortController();
    let watch: { close(): void } | undefined;
    let loaded = false;
    setLoadingMetadata(true);
    setMissingRoot(undefined);
    // The index cache lives in the extension's support folder: the next open reads only what changed.
    const cacheFile = join(environment.supportPath, "metadata-cache.json");
    stat(root)
      .then(
        (info) => {
          if (controller.signal.aborted) return;
          if (!info.isDirectory()) throw new MetadataRootMissingError(root);
          // One load: the watch reads the folder first (a separate loadMetadata would read it twice and
          // build the search index twice), then only what changes.
          watch = watchMetadata(
            root,
            (next) => {
              loaded = true;
              setMetadataItems(next.items);
              setProblems(next.problems);
              setLoadingMetadata(false);
            },
            {
              cacheFile,
              onError: (error) => {
                // Once loaded, a failed re-read keeps the items shown; before, the user must hear why.
                if (loaded || controller.signal.aborted || isAbort(error)) return;
                setLoadingMetadata(false);
                void showToast({
                  style: Toast.Style.Failure,
                  title: "Could not read the metadata folder",
                  message: error.message,
                });
              },
            },
          );
        },
        () => {
          throw new MetadataRootMissingError(root);
        },
      )
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoadingMetadata(false);
        setMetadataItems([]);
        if (error instanceof MetadataRootMissingError) setMissingRoot(error.root);
      });
    return () => {
      controller.abort();
      watch?.close();
    };
  }, [root]);

  useEffect(() => {
    if (!connect) return;
    const controller = new AbortController();
    setLoadingConnect(true);
    connect.listItems({ signal: controller.signal }).then(
      (items) => {
        if (controller.signal.aborted) return;
        setConnectItems(items);
        setConnectError(undefined);
        setLoadingConnect(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        const reason = describeConnectFailure(error);
        setConnectError(reason);
        setLoadingConnect(false);
        void showToast({
          style: Toast.Style.Failure,
          title: "Connect server unavailable",
          message: reason,
          primaryAction: { title: "Retry", onAction: () => retryRef.current() },
        });
      },
    );
    return () => controller.abort();
  }, [connect, connectAttempt]);

  const items = useMemo(() => mergeItems([metadataItems, connectItems]), [metadataItems, connectItems]);
  const connectByKey = useMemo(
    () => new Map(connectItems.map((item) => [itemKey(item), item] as const)),
    [connectItems],
  );

  return {
    items,
    isLoadingItems: loadingMetadata || loadingConnect,
    missingRoot,
    problems,
    connect,
    connectItems: connectByKey,
    connectError,
    retryConnect,
  };
}
