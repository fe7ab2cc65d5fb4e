// What an empty list says once loading is done: why nothing is listed, with the action that helps.
import { Action, ActionPanel, Icon, List, openExtensionPreferences } from "@raycast/api";
import { strings } from "@op-bridge/shared";

export interface EmptyItemsViewProps {
  /** How many items (or vaults) the sources listed before any search or filter. */
  total: number;
  /** "items" or "vaults". */
  noun: string;
  isLoading: boolean;
}

export function EmptyItemsView({ total, noun, isLoading }: EmptyItemsViewProps) {
  // While sources load, Raycast shows its loading bar: an empty view then would say "nothing" too early.
  if (isLoading) return <List.EmptyView icon={Icon.Hourglass} title={`Loading ${noun}…`} />;
  if (total > 0) {
    return (
      <List.EmptyView
        icon={Icon.MagnifyingGlass}
        title={noun === "items" ? strings.noMatchingItems : `No matching ${noun}`}
        description="Try fewer or other words, or another filter."
      />
    );
  }
  return (
    <List.EmptyView
      icon={Icon.Lock}
      title={`No ${noun} yet`}
      description="No source listed anything: set a metadata folder, a Connect server, a service account or 1Password 8 accounts in the extension's preferences."
      actions={
        <ActionPanel>
          <Action title="Open Extension Preferences" icon={Icon.Gear} onAction={openExtensionPreferences} />
        </ActionPanel>
      }
    />
  );
}
