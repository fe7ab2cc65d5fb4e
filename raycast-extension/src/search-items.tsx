// "Search 1Password Items": every item from metadata and Connect, searched with the shared index.
import { useMemo, useState } from "react";
import { Action, ActionPanel, Icon, List } from "@raycast/api";
import { itemKey } from "@op-bridge/shared";
import type { ItemSummary } from "@op-bridge/shared";
import { describeCategoryPlural, normalizeCategoryId } from "./api/categoryIcons";
import { itemActionPreferences, readPreferences } from "./api/preferences";
import { createSharingLoader } from "./api/sharing";
import { SourceProblemRows } from "./components/SourceProblemRows";
import { EmptyItemsView } from "./components/EmptyItemsView";
import { ItemListItem } from "./components/ItemListItem";
import { MissingMetadataRow, MissingMetadataView } from "./components/MissingMetadataView";
import { useFrecency } from "./hooks/useFrecency";
import { useItems } from "./hooks/useItems";
import { RESULT_LIMIT, useSearch } from "./hooks/useSearch";

function groupByVault(items: ItemSummary[]): [string, ItemSummary[]][] {
  const groups = new Map<string, ItemSummary[]>();
  for (const item of items) {
    const name = item.accountName ? `${item.vaultName} (${item.accountName})` : item.vaultName;
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return [...groups];
}

function FilterDropdown({ items, onChange }: { items: ItemSummary[]; onChange: (value: string) => void }) {
  const { accounts, vaults, categories } = useMemo(() => {
    const accounts = new Set<string>();
    const vaults = new Map<string, string>();
    const categories = new Map<string, string>();
    for (const item of items) {
      if (item.accountName) accounts.add(item.accountName);
      vaults.set(item.vaultId, item.vaultName);
      categories.set(normalizeCategoryId(item.categoryId), describeCategoryPlural(item));
    }
    return { accounts: [...accounts].sort(), vaults: [...vaults], categories: [...categories] };
  }, [items]);
  return (
    <List.Dropdown tooltip="Filter by account, vault or category" storeValue onChange={onChange}>
      <List.Dropdown.Item title="All Items" value="all" />
      {accounts.length > 0 ? (
        <List.Dropdown.Section title="Accounts">
          {accounts.map((name) => (
            <List.Dropdown.Item key={name} title={name} value={`account:${name}`} />
          ))}
        </List.Dropdown.Section>
      ) : null}
      <List.Dropdown.Section title="Vaults">
        {vaults.map(([id, name]) => (
          <List.Dropdown.Item key={id} title={name} value={`vault:${id}`} />
        ))}
      </List.Dropdown.Section>
      <List.Dropdown.Section title="Categories">
        {categories.map(([id, name]) => (
          <List.Dropdown.Item key={id} title={name} value={`category:${id}`} />
        ))}
      </List.Dropdown.Section>
    </List.Dropdown>
  );
}

export default function SearchItems() {
  const preferences = useMemo(readPreferences, []);
  const state = useItems(preferences);
  const sharing = useMemo(() => createSharingLoader(preferences), [preferences]);
  const [searchText, setSearchText] = useState("");
  const [filter, setFilter] = useState("all");
  const [isShowingDetail, setShowingDetail] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const { frecency, noteUse } = useFrecency();
  const { results, total } = useSearch(state.items, searchText, filter, frecency);

  // Without metadata and without Connect items there is nothing to list: the guide is the whole view, unless
  // a 1Password 8 account failed (locked, no app): its row says what to do, so the list shows it.
  if (
    state.missingRoot &&
    state.items.length === 0 &&
    state.sdkProblems.length === 0 &&
    !state.isLoadingItems
  ) {
    return <MissingMetadataView root={state.missingRoot} />;
  }

  if (showProblems) {
    return (
      <List navigationTitle="Skipped Files">
        {state.problems.map((problem) => (
          <List.Item
            key={problem.path}
            icon={Icon.Warning}
            title={problem.path.split("/").pop() ?? problem.path}
            subtitle={problem.reason}
            actions={
              <ActionPanel>
                <Action title="Back to Items" icon={Icon.ArrowLeft} onAction={() => setShowProblems(false)} />
                <Action.CopyToClipboard title="Copy Path" content={problem.path} />
              </ActionPanel>
            }
          />
        ))}
      </List>
    );
  }

  const shared = {
    actionPreferences: itemActionPreferences(preferences),
    isShowingDetail,
    onToggleDetail: () => setShowingDetail((shown) => !shown),
    ...(state.connect ? { connect: state.connect } : {}),
    ...(state.connectError ? { onRetryConnect: state.retryConnect } : {}),
    ...(state.problems.length > 0 ? { onShowProblems: () => setShowProblems(true) } : {}),
    ...(sharing ? { loadSharingApi: sharing } : {}),
  } as const;
  const limited = total > results.length;

  return (
    <List
      isLoading={state.isLoadingItems}
      filtering={false}
      onSearchTextChange={setSearchText}
      searchBarPlaceholder={`Search ${state.items.length} items`}
      isShowingDetail={isShowingDetail}
      searchBarAccessory={<FilterDropdown items={state.items} onChange={setFilter} />}
    >
      <SourceProblemRows problems={state.sdkProblems} onRetry={state.retrySource} />
      {state.missingRoot ? (
        <List.Section title="Setup">
          <MissingMetadataRow root={state.missingRoot} />
        </List.Section>
      ) : null}
      {state.problems.length > 0 ? (
        <List.Section title="Problems">
          <List.Item
            icon={Icon.Warning}
            title={`${state.problems.length} metadata file${state.problems.length === 1 ? "" : "s"} skipped`}
            subtitle="Press Enter to see which and why"
            actions={
              <ActionPanel>
                <Action
                  title="Show Skipped Files"
                  icon={Icon.Warning}
                  onAction={() => setShowProblems(true)}
                />
              </ActionPanel>
            }
          />
        </List.Section>
      ) : null}
      {groupByVault(results).map(([vault, items]) => (
        <List.Section
          key={vault}
          title={vault}
          subtitle={
            limited
              ? `${items.length} shown · first ${RESULT_LIMIT} of ${total}: type to narrow`
              : `${items.length}`
          }
        >
          {items.map((item) => {
            const key = itemKey(item);
            return (
              <ItemListItem
                key={key}
                item={item}
                connectItem={state.connectItems.get(key)}
                onUse={() => noteUse(key)}
                {...shared}
              />
            );
          })}
        </List.Section>
      ))}
      <EmptyItemsView total={state.items.length} noun="items" isLoading={state.isLoadingItems} />
    </List>
  );
}
