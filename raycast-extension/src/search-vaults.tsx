// "Search Vaults": every vault from metadata and Connect, each opening its items with the same actions as Search Items.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { usePromise } from "@raycast/utils";
import { Action, ActionPanel, Icon, List } from "@raycast/api";
import { itemKey, strings } from "@op-bridge/shared";
import type { ItemProvider, ItemSummary } from "@op-bridge/shared";
import { createLatestValue, type LatestValue } from "./api/latestValue";
import { itemActionPreferences, readPreferences } from "./api/preferences";
import { createSharingLoader } from "./api/sharing";
import { EmptyItemsView } from "./components/EmptyItemsView";
import { ItemListItem } from "./components/ItemListItem";
import type { ItemActionsProps } from "./components/ItemActions";
import { MissingMetadataView } from "./components/MissingMetadataView";
import { useFrecency } from "./hooks/useFrecency";
import { useItems } from "./hooks/useItems";
import { RESULT_LIMIT, useSearch } from "./hooks/useSearch";

interface VaultRow {
  id: string;
  name: string;
  accountName?: string;
  items: ItemSummary[];
}

/** One row per vault (the same vault from metadata and Connect once), vaults without items included. */
function groupVaults(items: ItemSummary[], connectVaults: { id: string; name: string }[]): VaultRow[] {
  const vaults = new Map<string, VaultRow>();
  for (const item of items) {
    const key = item.vaultId.toLowerCase();
    const row = vaults.get(key) ?? {
      id: item.vaultId,
      name: item.vaultName,
      ...(item.accountName ? { accountName: item.accountName } : {}),
      items: [],
    };
    row.items.push(item);
    vaults.set(key, row);
  }
  for (const vault of connectVaults) {
    const key = vault.id.toLowerCase();
    if (!vaults.has(key)) vaults.set(key, { id: vault.id, name: vault.name, items: [] });
  }
  return [...vaults.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What a vault's pushed list follows while it is shown: the vaults and their items as they are now. */
interface LiveVaults {
  vaults: VaultRow[];
  connectItems: ReadonlyMap<string, ItemSummary>;
}

const noItems: ItemSummary[] = [];
const noVaults: { id: string; name: string }[] = [];

type SharedActions = Pick<
  ItemActionsProps,
  "actionPreferences" | "connect" | "onRetryConnect" | "loadSharingApi"
>;

function VaultItems({
  vault,
  live,
  actions,
}: {
  vault: Pick<VaultRow, "id" | "name">;
  live: LatestValue<LiveVaults>;
  actions: SharedActions;
}) {
  // Items added, changed or removed while the list is open show at once, as in Search Items.
  const { vaults, connectItems } = useSyncExternalStore(live.subscribe, live.get);
  // Rows are keyed case-blind (metadata and Connect spell vault IDs differently), so is the lookup.
  const id = vault.id.toLowerCase();
  const vaultItems = vaults.find((row) => row.id.toLowerCase() === id)?.items ?? noItems;
  const [searchText, setSearchText] = useState("");
  const [isShowingDetail, setShowingDetail] = useState(false);
  const { frecency, noteUse } = useFrecency();
  // The same throttled index search as Search Items, so a 10,000-item vault stays quick.
  const { results, total } = useSearch(vaultItems, searchText, "all", frecency);
  return (
    <List
      navigationTitle={vault.name}
      filtering={false}
      onSearchTextChange={setSearchText}
      isShowingDetail={isShowingDetail}
      searchBarPlaceholder={`Search ${vaultItems.length} items in ${vault.name}`}
    >
      <List.Section
        title={vault.name}
        subtitle={total > results.length ? `first ${RESULT_LIMIT} of ${total}: type to narrow` : `${total}`}
      >
        {results.map((item) => {
          const key = itemKey(item);
          return (
            <ItemListItem
              key={key}
              item={item}
              connectItem={connectItems.get(key)}
              isShowingDetail={isShowingDetail}
              onToggleDetail={() => setShowingDetail((shown) => !shown)}
              onUse={() => noteUse(key)}
              {...actions}
            />
          );
        })}
      </List.Section>
      <List.EmptyView
        icon={Icon.Lock}
        title={vaultItems.length === 0 ? strings.noItemsInVault : strings.noMatchingItems}
      />
    </List>
  );
}

export default function SearchVaults() {
  const preferences = useMemo(readPreferences, []);
  const state = useItems(preferences);
  const sharing = useMemo(() => createSharingLoader(preferences), [preferences]);
  // Read again after a retry (connectError changes); an earlier read still under way is cancelled.
  const listing = useRef<AbortController>(null);
  const { data: connectVaults = noVaults } = usePromise(
    async (...[connect]: [ItemProvider | undefined, string | undefined]) =>
      connect ? connect.listVaults({ signal: listing.current?.signal }) : noVaults,
    [state.connect, state.connectError],
    // Failures are already reported (with Retry) by useItems; an empty vault list is the fallback.
    { abortable: listing, onError: () => undefined },
  );
  const vaults = useMemo(() => groupVaults(state.items, connectVaults), [state.items, connectVaults]);
  const [live] = useState(() => createLatestValue<LiveVaults>({ vaults, connectItems: state.connectItems }));
  useEffect(() => live.set({ vaults, connectItems: state.connectItems }), [live, vaults, state.connectItems]);
  const actions: SharedActions = {
    actionPreferences: itemActionPreferences(preferences),
    ...(state.connect ? { connect: state.connect } : {}),
    ...(state.connectError ? { onRetryConnect: state.retryConnect } : {}),
    ...(sharing ? { loadSharingApi: sharing } : {}),
  };
  if (state.missingRoot && vaults.length === 0) return <MissingMetadataView root={state.missingRoot} />;
  return (
    <List isLoading={state.isLoadingItems} searchBarPlaceholder="Search vaults">
      {vaults.map((vault) => (
        <List.Item
          key={vault.id}
          icon={Icon.Lock}
          title={vault.name}
          accessories={[
            ...(vault.accountName ? [{ tag: vault.accountName }] : []),
            { text: `${vault.items.length} item${vault.items.length === 1 ? "" : "s"}` },
          ]}
          actions={
            <ActionPanel>
              <Action.Push
                title="Show Items"
                icon={Icon.List}
                target={<VaultItems vault={vault} live={live} actions={actions} />}
              />
            </ActionPanel>
          }
        />
      ))}
      <EmptyItemsView total={vaults.length} noun="vaults" isLoading={state.isLoadingItems} />
    </List>
  );
}
