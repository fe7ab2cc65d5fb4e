// "Share Item": a policy-checked share link through shared/sharing (expiry, one-time, recipients), copied.
import { useEffect, useState } from "react";
import { Action, ActionPanel, Icon, List, Toast, openExtensionPreferences, showToast } from "@raycast/api";
import { allowedExpiries, createShareLink, describeExpiry, parseRecipients } from "@op-bridge/shared";
import { clearNote, copySecret } from "../api/clipboardClear";
import type {
  ItemShareAccountPolicy,
  ItemShareDuration,
  ItemSharingApi,
  ItemSummary,
} from "@op-bridge/shared";

export interface ShareItemProps {
  item: ItemSummary;
  loadSharingApi: () => Promise<ItemSharingApi>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ShareItem({ item, loadSharingApi }: ShareItemProps) {
  const [api, setApi] = useState<ItemSharingApi>();
  const [policy, setPolicy] = useState<ItemShareAccountPolicy>();
  const [expiry, setExpiry] = useState<string>("");
  const [recipientsText, setRecipientsText] = useState("");
  /** Why this item cannot be shared (no access, no sharing in the account, offline): shown in place. */
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    loadSharingApi()
      .then(async (loaded) => {
        const found = await loaded.getAccountPolicy(item.vaultId, item.id, { signal: controller.signal });
        if (controller.signal.aborted) return;
        setApi(loaded);
        setPolicy(found);
        setExpiry(String(allowedExpiries(found)[0] ?? ""));
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setFailure(message(error));
        void showToast({
          style: Toast.Style.Failure,
          title: "Cannot share this item",
          message: message(error),
        });
      });
    return () => controller.abort();
  }, [item.vaultId, item.id]);

  const share = async (oneTimeOnly: boolean) => {
    if (!api || !policy) return;
    const toast = await showToast({ style: Toast.Style.Animated, title: "Creating share link" });
    try {
      const link = await createShareLink(
        api,
        { vaultId: item.vaultId, itemId: item.id },
        {
          expireAfter: expiry as ItemShareDuration,
          oneTimeOnly,
          recipients: parseRecipients(recipientsText),
        },
        { policy },
      );
      // Concealed and cleared in time: the link opens the item to whoever holds it.
      const note = clearNote(await copySecret(link));
      await showToast({
        style: Toast.Style.Success,
        title: "Share link copied",
        message: `Kept out of Raycast's clipboard history.${note ? ` ${note}` : ""}`,
      });
    } catch (error) {
      await showToast({
        style: Toast.Style.Failure,
        title: "Share link not created",
        message: message(error),
      });
    } finally {
      void toast.hide();
    }
  };

  const expiries = policy ? allowedExpiries(policy) : [];
  return (
    <List
      isLoading={!policy && failure === undefined}
      navigationTitle={`Share ${item.title}`}
      searchBarPlaceholder="Recipients: emails or domains, comma separated (empty = anyone with the link)"
      filtering={false}
      onSearchTextChange={setRecipientsText}
      searchBarAccessory={
        <List.Dropdown tooltip="Link expires after" value={expiry} onChange={setExpiry}>
          {expiries.map((d) => (
            <List.Dropdown.Item key={String(d)} title={describeExpiry(d)} value={String(d)} />
          ))}
        </List.Dropdown>
      }
    >
      {policy ? (
        <>
          <List.Item
            icon={Icon.Link}
            title="Create Share Link"
            subtitle={recipientsText ? `for ${recipientsText}` : "anyone with the link"}
            actions={
              <ActionPanel>
                <Action title="Create and Copy Link" icon={Icon.Link} onAction={() => void share(false)} />
              </ActionPanel>
            }
          />
          <List.Item
            icon={Icon.Eye}
            title="Create One-Time Share Link"
            subtitle="can be viewed once"
            actions={
              <ActionPanel>
                <Action title="Create and Copy Link" icon={Icon.Link} onAction={() => void share(true)} />
              </ActionPanel>
            }
          />
        </>
      ) : failure !== undefined ? (
        <List.EmptyView
          icon={Icon.Warning}
          title="Cannot share this item"
          description={failure}
          actions={
            <ActionPanel>
              {/* The service account token preference decides which items can be shared. */}
              <Action
                title="Open Extension Preferences"
                icon={Icon.Gear}
                onAction={openExtensionPreferences}
              />
            </ActionPanel>
          }
        />
      ) : null}
    </List>
  );
}
