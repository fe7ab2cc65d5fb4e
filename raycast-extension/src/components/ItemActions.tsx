// The actions on an item: the preferences' primary (Enter) and secondary (⌘↵) first, then every other action the
// item offers, each with one shortcut of its own; every web address its own open, fill and copy; values read on use.
import { Action, ActionPanel, Clipboard, Icon, Toast, open, showToast } from "@raycast/api";
import {
  buildSecretReference,
  editItemUrl,
  isWebUrl,
  openAndFillUrl,
  supportsOpenAndFill,
  viewItemUrl,
} from "@op-bridge/shared";
import type { ItemProvider, ItemSharingApi, ItemSummary } from "@op-bridge/shared";
import { clearNote, copySecret } from "../api/clipboardClear";
import type { ItemActionId } from "../api/preferences";
import { abilitiesOf, orderItemActions } from "./chooseItemActions";
import { ItemDetail } from "./ItemDetail";
import { ItemShortcuts } from "./shortcuts";
import { ShareItem } from "./ShareItem";
import { pasteTitle, useFrontmostAppName } from "./useFrontmostApp";

export interface ItemActionsProps {
  item: ItemSummary;
  /** The action preferences, already read (itemActionPreferences). */
  actionPreferences: { primary: ItemActionId; secondary: ItemActionId };
  connect?: ItemProvider;
  /**
   * The same item as its reading source lists it, when one can read it. Reads use its IDs: metadata spells
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
const purposeName = (purpose: Purpose) => (purpose === "OTP" ? "one-time password" : purpose.toLowerCase());
const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads one field at the moment of the action; the value lives only until it reaches the clipboard. */
async function readField(connect: ItemProvider, item: ItemSummary, purpose: Purpose): Promise<string> {
  const details = await connect.getItemDetails(item.vaultId, item.id);
  const field = details.fields.find((f) => (purpose === "OTP" ? f.type === "OTP" : f.purpose === purpose));
  if (!field) throw new Error(`${item.title} has no ${purposeName(purpose)}`);
  return connect.readFieldValue(
    item.vaultId,
    item.id,
    field.id,
    purpose === "OTP" ? { attribute: "otp" } : {},
  );
}

async function copyField(connect: ItemProvider, item: ItemSummary, purpose: Purpose, paste: boolean) {
  try {
    const value = await readField(connect, item, purpose);
    let note = "";
    if (paste) await Clipboard.paste(value);
    else note = clearNote(await copySecret(value));
    await showToast({
      style: Toast.Style.Success,
      title: `${paste ? "Pasted" : "Copied"} ${purposeName(purpose)}`,
      ...(note ? { message: note } : {}),
    });
    return true;
  } catch (error) {
    await showToast({
      style: Toast.Style.Failure,
      title: `Could not read the ${purposeName(purpose)}`,
      message: describeError(error),
    });
    return false;
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
      message: describeError(error),
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

/** The element of one of the preference-named actions. */
function itemAction(id: ItemActionId, props: ItemActionsProps, pasteApp: string | undefined) {
  const { item, connect, connectItem, onUse } = props;
  const go = (url: string) => {
    onUse();
    void open(url);
  };
  // Offered only when a source can read the item (chooseItemActions): connect and connectItem are set.
  const reader = connect as ItemProvider;
  const readable = connectItem as ItemSummary;
  const field = (purpose: Purpose, paste: boolean) => () =>
    void copyField(reader, readable, purpose, paste).then((done) => done && onUse());
  const webUrls = item.urls.filter(isWebUrl);
  switch (id) {
    case "open-and-fill":
      return (
        <Action
          key={id}
          title={webUrls.length > 1 ? `Open and Fill ${webUrls[0]}` : "Open and Fill"}
          icon={Icon.Globe}
          shortcut={ItemShortcuts.openAndFill}
          onAction={() => go(openAndFillUrl(item, webUrls[0] as string))}
        />
      );
    case "open-in-1password":
      return (
        <Action
          key={id}
          title="Open in 1Password"
          icon={Icon.Lock}
          shortcut={ItemShortcuts.openInApp}
          onAction={() => go(viewItemUrl(item))}
        />
      );
    case "copy-username":
      return (
        <Action
          key={id}
          title="Copy Username"
          icon={Icon.Person}
          shortcut={ItemShortcuts.copyUsername}
          onAction={field("USERNAME", false)}
        />
      );
    case "copy-password":
      return (
        <Action
          key={id}
          title="Copy Password"
          icon={Icon.Key}
          shortcut={ItemShortcuts.copyPassword}
          onAction={field("PASSWORD", false)}
        />
      );
    case "copy-one-time-password":
      return (
        <Action
          key={id}
          title="Copy One-Time Password"
          icon={Icon.Clock}
          shortcut={ItemShortcuts.copyOneTimePassword}
          onAction={field("OTP", false)}
        />
      );
    case "paste-username":
      return (
        <Action
          key={id}
          title={pasteTitle("Username", pasteApp)}
          icon={Icon.Person}
          shortcut={ItemShortcuts.pasteUsername}
          onAction={field("USERNAME", true)}
        />
      );
    case "paste-password":
      return (
        <Action
          key={id}
          title={pasteTitle("Password", pasteApp)}
          icon={Icon.Clipboard}
          shortcut={ItemShortcuts.pastePassword}
          onAction={field("PASSWORD", true)}
        />
      );
    case "paste-one-time-password":
      return (
        <Action
          key={id}
          title={pasteTitle("One-Time Password", pasteApp)}
          icon={Icon.Clock}
          shortcut={ItemShortcuts.pasteOneTimePassword}
          onAction={field("OTP", true)}
        />
      );
    case "copy-secret-reference":
      return (
        <Action
          key={id}
          title="Copy Secret Reference"
          icon={Icon.Code}
          shortcut={ItemShortcuts.copySecretReference}
          onAction={() => void copyReference(reader, readable)}
        />
      );
    case "share":
      return (
        <Action.Push
          key={id}
          title="Share Item"
          icon={Icon.Link}
          shortcut={ItemShortcuts.share}
          target={
            <ShareItem item={item} loadSharingApi={props.loadSharingApi as () => Promise<ItemSharingApi>} />
          }
        />
      );
    case "show-all-fields":
      return (
        <Action.Push
          key={id}
          title="Show All Fields"
          icon={Icon.List}
          shortcut={ItemShortcuts.showAllFields}
          target={<ItemDetail item={readable} provider={reader} onUse={onUse} />}
        />
      );
  }
}

/** Every URL's own actions: open and fill (the first web address's is above), open in the browser, copy. */
function WebsiteActions({ item, fill, onUse }: { item: ItemSummary; fill: boolean; onUse: () => void }) {
  const several = item.urls.length > 1;
  const webUrls = item.urls.filter(isWebUrl);
  return (
    <ActionPanel.Section title={several ? "Websites" : "Website"}>
      {item.urls.map((url, index) => {
        const first = index === 0;
        return [
          fill && isWebUrl(url) && url !== webUrls[0] ? (
            <Action
              key={`fill-${url}`}
              title={`Open and Fill ${url}`}
              icon={Icon.Globe}
              onAction={() => {
                onUse();
                void open(openAndFillUrl(item, url));
              }}
            />
          ) : null,
          <Action
            key={`open-${url}`}
            title={several ? `Open ${url} in Browser` : "Open URL in Browser"}
            icon={Icon.Globe}
            {...(first ? { shortcut: ItemShortcuts.openInBrowser } : {})}
            onAction={() => void openWebsite(url, onUse)}
          />,
          <Action
            key={`copy-${url}`}
            title={several ? `Copy ${url}` : "Copy URL"}
            icon={Icon.Link}
            {...(first ? { shortcut: ItemShortcuts.copyUrl } : {})}
            onAction={() => void Clipboard.copy(url)}
          />,
        ];
      })}
    </ActionPanel.Section>
  );
}

export function ItemActions(props: ItemActionsProps) {
  const { item } = props;
  const pasteApp = useFrontmostAppName();
  const can = abilitiesOf(item, {
    read: Boolean(props.connect && props.connectItem),
    share: Boolean(props.loadSharingApi),
  });
  const [primary, secondary, ...rest] = orderItemActions(props.actionPreferences, can).map((id) =>
    itemAction(id, props, pasteApp),
  );
  return (
    <ActionPanel title={item.title}>
      <ActionPanel.Section>
        {primary}
        {secondary}
        <Action
          title="Edit in 1Password"
          icon={Icon.Pencil}
          shortcut={ItemShortcuts.edit}
          onAction={() => {
            props.onUse();
            void open(editItemUrl(item));
          }}
        />
      </ActionPanel.Section>
      {rest.length > 0 ? <ActionPanel.Section title="Item">{rest}</ActionPanel.Section> : null}
      {item.urls.length > 0 ? (
        <WebsiteActions item={item} fill={supportsOpenAndFill(item) && can.fill} onUse={props.onUse} />
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
