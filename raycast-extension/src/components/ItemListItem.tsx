// One item row: category icon, vault/account/favourite accessories and the toggleable detail pane.
import { Icon, List } from "@raycast/api";
import { isWebUrl, type ItemSummary } from "@op-bridge/shared";
import { getCategoryIcon } from "../api/categoryIcons";
import { ItemActions, type ItemActionsProps } from "./ItemActions";

const formatDate = (seconds?: number) =>
  seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : "—";

function ItemDetail({ item }: { item: ItemSummary }) {
  return (
    <List.Item.Detail
      metadata={
        <List.Item.Detail.Metadata>
          <List.Item.Detail.Metadata.Label title="Title" text={item.title} />
          {item.urls.map((url) =>
            // Only a web address is a link here: clicking any other scheme could run something.
            isWebUrl(url) ? (
              <List.Item.Detail.Metadata.Link key={url} title="Website" text={url} target={url} />
            ) : (
              <List.Item.Detail.Metadata.Label key={url} title="Website" text={url} />
            ),
          )}
          <List.Item.Detail.Metadata.Label title="Vault" text={item.vaultName} />
          <List.Item.Detail.Metadata.Label title="Account" text={item.accountName ?? "—"} />
          <List.Item.Detail.Metadata.Label title="Category" text={item.category} />
          <List.Item.Detail.Metadata.Separator />
          <List.Item.Detail.Metadata.Label title="Created" text={formatDate(item.createdAt)} />
          <List.Item.Detail.Metadata.Label title="Modified" text={formatDate(item.modifiedAt)} />
        </List.Item.Detail.Metadata>
      }
    />
  );
}

export function ItemListItem(props: ItemActionsProps) {
  const { item, isShowingDetail } = props;
  const accessories: List.Item.Accessory[] = isShowingDetail
    ? []
    : [
        ...(item.favorite ? [{ icon: Icon.Star, tooltip: "Favourite" }] : []),
        ...(item.accountName ? [{ tag: item.accountName, tooltip: "Account" }] : []),
        { text: item.vaultName, tooltip: "Vault" },
      ];
  return (
    <List.Item
      id={`${item.vaultId}/${item.id}`}
      title={item.title}
      subtitle={isShowingDetail ? undefined : item.description}
      icon={getCategoryIcon(item.categoryId)}
      keywords={item.urls}
      accessories={accessories}
      detail={isShowingDetail ? <ItemDetail item={item} /> : undefined}
      actions={<ItemActions {...props} />}
    />
  );
}
