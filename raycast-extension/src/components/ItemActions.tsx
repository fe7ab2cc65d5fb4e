// The actions on an item: open and fill, open/edit in 1Password, URLs, and Connect copies read on demand.
import { Action, ActionPanel, Clipboard, Icon, Toast, open, showToast, Keyboard } from "@raycast/api";
import {
  buildSecretReference,
  editItemUrl,
  isWebUrl,
  openAndFillUrl,
  supportsOpenAndFill,
  viewItemUrl,
} from "@op-bridge/shared";
import type { ItemProvider, ItemSharingApi, ItemSummary } from "@op-bridge/shared";
import { normalizeCategoryId } from "../api/categoryIcons";
import { ItemDetail } from "./ItemDetail";
import { ItemShortcuts } from "./shortcuts";
import { ShareItem } from "./ShareItem";

export interface ItemActionsProps {
  item: ItemSummary;
  primaryAction: "open-and-fill" | "open-in-1password";
  connect?: ItemProvider;
  /**
   * The same item as Connect lists it, when Connect can read it. Reads use its IDs: metadata spells
   * them in upper case, which Connect refuses.
   */
  connectItem?: ItemSummary;
  isShowingDetail: boolean;
  onToggleDetail: () => void;
  onUse: () => void;
  onRetryConnect?: () => void;
  onShowProblems?: () => void;
  /** Set when a service account token is configured: sharing goes through the SDK. */
  loadSharingApi?: () => Promise<ItemSharingApi>;
}

type Purpose = "USERNAME" | "PASSWORD" | "OTP";

/** Reads one field at the moment of the action; the value lives only until it reaches the clipboard. */
async function readField(connect: ItemProvider, item: ItemSummary, purpose: Purpose): Promise<string> {
  const details = await connect.getItemDetails(item.vaultId, item.id);
  const field = details.fields.find((f) => (purpose === "OTP" ? f.type === "OTP" : f.purpose === purpose));
  if (!field)
    throw new Error(
      `${item.title} has no ${purpose === "OTP" ? "one-time password" : purpose.toLowerCase()}`,
    );
  return connect.readFieldValue(
    item.vaultId,
    item.id,
    field.id,
    purpose === "OTP" ? { attribute: "otp" } : {},
  );
}

async function copyField(connect: ItemProvider, item: ItemSummary, purpose: Purpose, paste = false) {
  try {
    const value = await readField(connect, item, purpose);
    if (paste) await Clipboard.paste(value);
    else await Clipboard.copy(value, { concealed: true });
    await showToast({
      style: Toast.Style.Success,
      title: paste ? "Pasted" : `Copied ${purpose.toLowerCase()}`,
    });
  } catch (error) {
    await showToast({
      style: Toast.Style.Failure,
      title: `Could not read the ${purpose === "OTP" ? "one-time password" : purpose.toLowerCase()}`,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

async function copyReference(connect: ItemProvider, item: ItemSummary) {
  try {
    const details = await connect.getItemDetails(item.vaultId, item.id);
    const field = details.fields.find((f) => f.purpose === "PASSWORD") ?? details.fields[0];
    if (!field) throw new Error(`${item.title} has no fields`);
    const section = details.sections.find((s) => s.id === field.sectionId);
    const reference = buildSecretReference({
      vault: { id: item.vaultId, name: item.vaultName },
      item: { id: item.id, title: item.title },
      ...(section ? { section } : {}),
      field,
    });
    await Clipboard.copy(reference);
    await showToast({ style: Toast.Style.Success, title: "Copied secret reference" });
  } catch (error) {
    await showToast({
      style: Toast.Style.Failure,
      title: "Could not build the secret reference",
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Opens an item's website; any other scheme is named in a toast and not opened (see isWebUrl). */
async function openWebsite(url: string, onUse: () => void): Promise<void> {
  if (!isWebUrl(url)) {
    const scheme = /^([a-z][a-z0-9+.-]{0,20}):/i.exec(url)?.[1];
    await showToast({
      style: Toast.Style.Failure,
      title: "Not opened: not a web address",
      message: `Only http:// and https:// links are opened from an item${scheme ? `; this one is a ${scheme}: link` : ""}. Copy it if you trust it.`,
    });
    return;
  }
  onUse();
  await open(url);
}

export function ItemActions(props: ItemActionsProps) {
  const { item, connect, connectItem, onUse } = props;
  const fillable = supportsOpenAndFill(item) && item.urls.length > 0;
  const go = (url: string) => {
    onUse();
    void open(url);
  };
  const fillActions = fillable
    ? item.urls.map((url, index) => (
        <Action
          key={`fill-${url}`}
          title={item.urls.length > 1 ? `Open and Fill ${url}` : "Open and Fill"}
          icon={Icon.Globe}
          onAction={() => go(openAndFillUrl(item, url))}
          {...(index === 0 && props.primaryAction !== "open-and-fill"
            ? { shortcut: ItemShortcuts.secondaryOpen }
            : {})}
        />
      ))
    : [];
  const openInApp = (
    <Action
      key="view"
      title="Open in 1Password"
      icon={Icon.Lock}
      onAction={() => go(viewItemUrl(item))}
      {...(fillable && props.primaryAction === "open-and-fill"
        ? { shortcut: ItemShortcuts.secondaryOpen }
        : {})}
    />
  );
  const primaryFirst =
    fillable && props.primaryAction === "open-and-fill" && normalizeCategoryId(item.categoryId) !== "005"
      ? [...fillActions, openInApp]
      : [openInApp, ...fillActions];
  return (
    <ActionPanel title={item.title}>
      <ActionPanel.Section>
        {primaryFirst}
        <Action
          title="Edit in 1Password"
          icon={Icon.Pencil}
          shortcut={Keyboard.Shortcut.Common.Edit}
          onAction={() => go(editItemUrl(item))}
        />
      </ActionPanel.Section>
      {item.urls.length > 0 ? (
        <ActionPanel.Section title="Website">
          <Action
            title="Open URL in Browser"
            icon={Icon.Globe}
            shortcut={Keyboard.Shortcut.Common.Open}
            onAction={() => void openWebsite(item.urls[0] as string, onUse)}
          />
          <Action
            title="Copy URL"
            icon={Icon.Link}
            shortcut={Keyboard.Shortcut.Common.Copy}
            onAction={() => void Clipboard.copy(item.urls[0] as string)}
          />
        </ActionPanel.Section>
      ) : null}
      {connect && connectItem ? (
        <ActionPanel.Section title="Connect">
          <Action.Push
            title="Show All Fields"
            icon={Icon.List}
            shortcut={ItemShortcuts.showAllFields}
            target={<ItemDetail item={connectItem} provider={connect} onUse={onUse} />}
          />
          <Action
            title="Copy Username"
            icon={Icon.Person}
            shortcut={ItemShortcuts.copyUsername}
            onAction={() => void copyField(connect, connectItem, "USERNAME")}
          />
          <Action
            title="Copy Password"
            icon={Icon.Key}
            shortcut={Keyboard.Shortcut.Common.CopyName}
            onAction={() => void copyField(connect, connectItem, "PASSWORD")}
          />
          <Action
            title="Copy One-Time Password"
            icon={Icon.Clock}
            shortcut={Keyboard.Shortcut.Common.CopyPath}
            onAction={() => void copyField(connect, connectItem, "OTP")}
          />
          <Action
            title="Copy Secret Reference"
            icon={Icon.Code}
            shortcut={ItemShortcuts.copySecretReference}
            onAction={() => void copyReference(connect, connectItem)}
          />
          <Action
            title="Paste Password"
            icon={Icon.Clipboard}
            shortcut={ItemShortcuts.pastePassword}
            onAction={() => void copyField(connect, connectItem, "PASSWORD", true)}
          />
        </ActionPanel.Section>
      ) : null}
      {props.loadSharingApi ? (
        <ActionPanel.Section>
          <Action.Push
            title="Share Item"
            icon={Icon.Link}
            shortcut={Keyboard.Shortcut.Common.Duplicate}
            target={<ShareItem item={item} loadSharingApi={props.loadSharingApi} />}
          />
        </ActionPanel.Section>
      ) : null}
      <ActionPanel.Section>
        <Action
          title={props.isShowingDetail ? "Hide Details" : "Show Details"}
          icon={Icon.Sidebar}
          shortcut={ItemShortcuts.toggleDetails}
          onAction={props.onToggleDetail}
        />
        {props.onRetryConnect ? (
          <Action title="Retry Connect" icon={Icon.ArrowClockwise} onAction={props.onRetryConnect} />
        ) : null}
        {props.onShowProblems ? (
          <Action title="Show Skipped Files" icon={Icon.Warning} onAction={props.onShowProblems} />
        ) : null}
      </ActionPanel.Section>
    </ActionPanel>
  );
}
