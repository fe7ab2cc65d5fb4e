// How often and how lately each item was used (by itemKey only), for ranking. useCachedPromise keeps the last
// table in Raycast's Cache, so the next launch ranks with it at the first render while LocalStorage is read.
import { useCallback } from "react";
import { useCachedPromise } from "@raycast/utils";
import { loadFrecency, recordUse, type FrecencyTable } from "../api/frecency";

const noUse: FrecencyTable = {};

export function useFrecency(): { frecency: FrecencyTable; noteUse: (key: string) => void } {
  // A table that cannot be read ranks by the search score alone: nothing the user needs to hear about.
  const { data = noUse, mutate } = useCachedPromise(loadFrecency, [], { onError: () => undefined });
  const noteUse = useCallback(
    (key: string) => void mutate(recordUse(data, key)).catch(() => undefined),
    [data, mutate],
  );
  return { frecency: data, noteUse };
}
