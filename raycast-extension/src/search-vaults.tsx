// "Search Vaults": every vault from metadata and Connect, each opening its items.
import { useMemo } from "react";
import { Action, ActionPanel, Icon, List } from "@raycast/api";
import type { ItemSummary } from "@op-bridge/shared";
import { readPreferences } from "./api/preferences";
import { ItemListItem } from "./components/ItemListItem";
import { useItems } from "./hooks/useItems";

interface VaultRow {
  id: string;
  name: string;
  accountName?: string;
  items: ItemSummary[];
}

function groupVaults(items: ItemSummary[]): VaultRow[] {
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
  return [...vaults.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function VaultItems({
  vault,
  primaryAction,
}: {
  vault: VaultRow;
  primaryAction: "open-and-fill" | "open-in-1password";
}) {
  // Big vaults: the first 500 by title; the search bar filters among them.
  const items = useMemo(
    () => [...vault.items].sort((a, b) => a.title.localeCompare(b.title)).slice(0, 500),
    [vault],
  );
  return (
    <List
      navigationTitle={vault.name}
      searchBarPlaceholder={`Search ${vault.items.length} items in ${vault.name}`}
    >
      {items.map((item) => (
        <ItemListItem
          key={item.id}
          item={item}
          primaryAction={primaryAction}
          readable={false}
          isShowingDetail={false}
          onToggleDetail={() => undefined}
          onUse={() => undefined}
        />
      ))}
    </List>
  );
}

export default function SearchVaults() {
  const preferences = useMemo(readPreferences, []);
  const state = useItems(preferences);
  const vaults = useMemo(() => groupVaults(state.items), [state.items]);
  const primaryAction = preferences.primaryAction ?? "open-and-fill";
  if (state.missingRoot) {
    return (
      <List>
        <List.EmptyView
          icon={Icon.Folder}
          title="1Password metadata folder not found"
          description={`Nothing at ${state.missingRoot}. In 1Password 7: Preferences → Advanced → turn on “Spotlight and 3rd party app integrations”.`}
        />
      </List>
    );
  }
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
                target={<VaultItems vault={vault} primaryAction={primaryAction} />}
              />
            </ActionPanel>
          }
        />
      ))}
    </List>
  );
}
