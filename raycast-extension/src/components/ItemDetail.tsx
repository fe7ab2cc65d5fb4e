// A pushed view of one item: every section and field with its label, concealed fields masked until revealed,
// copy/paste of any field, and attachments by name and size. Values are read from the provider at the moment of use
// and kept only in memory; no attachment's content is read.
import { useEffect, useState } from "react";
import { Action, ActionPanel, Clipboard, Icon, List, Toast, showInFinder, showToast } from "@raycast/api";
import { buildSecretReference, isWebUrl } from "@op-bridge/shared";
import type { ItemAttachment, ItemDetails, ItemField, ItemProvider, ItemSummary } from "@op-bridge/shared";
import { clearNote, copySecret } from "../api/clipboardClear";
import { saveToDownloads } from "../api/saveAttachment";
import { ItemShortcuts } from "./shortcuts";
import { pasteTitle, useFrontmostAppName } from "./useFrontmostApp";

export interface ItemDetailProps {
  /** The item as the provider lists it (its IDs are the ones the provider reads by). */
  item: ItemSummary;
  provider: ItemProvider;
  onUse?: () => void;
}

const MASK = "••••••••";
const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));
const fieldLabel = (field: ItemField) => field.label || field.id;
const attributeOf = (field: ItemField) => (field.type === "OTP" ? ({ attribute: "otp" } as const) : {});

interface LoadedItem {
  details: ItemDetails;
  /** Values of fields that are not concealed, shown as the row's subtitle; concealed ones are never here. */
  plainValues: Map<string, string>;
}

/** Reads the item's structure and its plain values; one request when the provider can read the whole item. */
async function loadItem(provider: ItemProvider, item: ItemSummary, signal: AbortSignal): Promise<LoadedItem> {
  if (provider.readItem) {
    const read = await provider.readItem(item.vaultId, item.id, { signal });
    const plainValues = new Map<string, string>();
    for (const field of read.details.fields) {
      if (!field.concealed) plainValues.set(field.id, read.fieldValue(field.id));
    }
    return { details: read.details, plainValues };
  }
  return {
    details: await provider.getItemDetails(item.vaultId, item.id, { signal }),
    plainValues: new Map(),
  };
}

/** Loads the item once per view; the request is aborted when the view closes. */
function useLoadedItem(provider: ItemProvider, item: ItemSummary) {
  const [state, setState] = useState<{ loaded?: LoadedItem; error?: string }>({});
  useEffect(() => {
    const controller = new AbortController();
    loadItem(provider, item, controller.signal).then(
      (loaded) => setState({ loaded }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ error: describeError(error) });
        void showToast({
          style: Toast.Style.Failure,
          title: "Could not read the item",
          message: describeError(error),
        });
      },
    );
    return () => controller.abort();
  }, [provider, item]);
  return state;
}

/** Groups fields under their section, fields without one first under "Fields". */
function groupFields(details: ItemDetails): { id: string; title: string; fields: ItemField[] }[] {
  const groups = [{ id: "", title: "Fields", fields: [] as ItemField[] }];
  for (const section of details.sections) {
    groups.push({ id: section.id, title: section.label || "Section", fields: [] });
  }
  for (const field of details.fields) {
    const group = groups.find((g) => g.id === (field.sectionId ?? "")) ?? groups[0];
    group?.fields.push(field);
  }
  return groups.filter((g) => g.fields.length > 0);
}

function FieldActions(props: {
  field: ItemField;
  item: ItemSummary;
  details: ItemDetails;
  provider: ItemProvider;
  revealed: boolean;
  onReveal: (value: string | undefined) => void;
  onUse?: () => void;
  pasteApp: string | undefined;
}) {
  const { field, details, provider, item } = props;
  const label = fieldLabel(field);
  const read = () => provider.readFieldValue(item.vaultId, item.id, field.id, attributeOf(field));
  /** Runs the copy or paste; answers a note for the toast (when a copied secret will be cleared). */
  const use = async (what: string, act: (value: string) => Promise<string>) => {
    try {
      const note = await act(await read());
      props.onUse?.();
      await showToast({
        style: Toast.Style.Success,
        title: `${what} ${label}`,
        ...(note ? { message: note } : {}),
      });
    } catch (error) {
      await showToast({
        style: Toast.Style.Failure,
        title: `Could not read ${label}`,
        message: describeError(error),
      });
    }
  };
  const reveal = async () => {
    if (props.revealed) return props.onReveal(undefined);
    try {
      props.onReveal(await read());
    } catch (error) {
      await showToast({
        style: Toast.Style.Failure,
        title: `Could not read ${label}`,
        message: describeError(error),
      });
    }
  };
  const section = details.sections.find((s) => s.id === field.sectionId);
  const reference = buildSecretReference({
    vault: { id: item.vaultId, name: item.vaultName },
    item: { id: item.id, title: item.title },
    ...(section ? { section } : {}),
    field,
  });
  return (
    <ActionPanel title={label}>
      <Action
        title={`Copy ${label}`}
        icon={Icon.CopyClipboard}
        onAction={() =>
          void use("Copied", async (value) => {
            if (field.concealed) return clearNote(await copySecret(value));
            await Clipboard.copy(value);
            return "";
          })
        }
      />
      <Action
        title={pasteTitle(label, props.pasteApp)}
        icon={Icon.Clipboard}
        shortcut={ItemShortcuts.pastePassword}
        onAction={() => void use("Pasted", async (value) => (await Clipboard.paste(value), ""))}
      />
      {field.concealed ? (
        <Action
          title={props.revealed ? `Hide ${label}` : `Reveal ${label}`}
          icon={props.revealed ? Icon.EyeDisabled : Icon.Eye}
          shortcut={ItemShortcuts.revealField}
          onAction={() => void reveal()}
        />
      ) : null}
      <Action.CopyToClipboard
        title="Copy Secret Reference"
        content={reference}
        shortcut={ItemShortcuts.copySecretReference}
      />
    </ActionPanel>
  );
}

/** "12 B", "3.4 KB", "1.2 MB": how big a file is, as a user reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Reads an attachment the user asked for and saves it in Downloads; its content goes nowhere else. */
async function saveAttachment(
  provider: ItemProvider,
  item: ItemSummary,
  file: ItemAttachment,
  onUse?: () => void,
) {
  const toast = await showToast({ style: Toast.Style.Animated, title: `Saving ${file.name}` });
  try {
    const bytes = await (provider.readAttachment as NonNullable<ItemProvider["readAttachment"]>)(
      item.vaultId,
      item.id,
      file.id,
    );
    const path = await saveToDownloads(file.name, bytes);
    onUse?.();
    await showToast({
      style: Toast.Style.Success,
      title: `Saved ${file.name} to Downloads`,
      message: path,
      primaryAction: { title: "Show in Folder", onAction: () => void showInFinder(path) },
    });
  } catch (error) {
    await showToast({
      style: Toast.Style.Failure,
      title: `Could not save ${file.name}`,
      message: describeError(error),
    });
  } finally {
    void toast.hide();
  }
}

/** Attached files by name and size; a file's content is read only when the user saves it. */
function AttachmentRows(props: {
  attachments: ItemAttachment[];
  item: ItemSummary;
  provider: ItemProvider;
  onUse?: () => void;
}) {
  const { provider, item } = props;
  return (
    <List.Section title="Attachments">
      {props.attachments.map((file) => (
        <List.Item
          key={file.id}
          id={`file-${file.id}`}
          title={file.name}
          subtitle={formatSize(file.size)}
          icon={Icon.Document}
          actions={
            <ActionPanel title={file.name}>
              {provider.readAttachment ? (
                <Action
                  title="Save to Downloads"
                  icon={Icon.Download}
                  shortcut={ItemShortcuts.saveAttachment}
                  onAction={() => void saveAttachment(provider, item, file, props.onUse)}
                />
              ) : null}
              <Action.CopyToClipboard title="Copy File Name" content={file.name} />
            </ActionPanel>
          }
        />
      ))}
    </List.Section>
  );
}

export function ItemDetail({ item, provider, onUse }: ItemDetailProps) {
  const { loaded, error } = useLoadedItem(provider, item);
  const pasteApp = useFrontmostAppName();
  // Revealed values live only in this view's memory and go with it.
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const details = loaded?.details;
  return (
    <List
      isLoading={!loaded && !error}
      navigationTitle={item.title}
      searchBarPlaceholder={`Fields of ${item.title}`}
    >
      {error ? (
        <List.EmptyView icon={Icon.Warning} title="Could not read the item" description={error} />
      ) : null}
      {details
        ? groupFields(details).map((group) => (
            <List.Section key={group.id || "fields"} title={group.title}>
              {group.fields.map((field) => (
                <List.Item
                  key={field.id}
                  id={`field-${field.id}`}
                  title={fieldLabel(field)}
                  subtitle={
                    field.concealed ? (revealed[field.id] ?? MASK) : (loaded?.plainValues.get(field.id) ?? "")
                  }
                  icon={field.concealed ? Icon.Key : Icon.Text}
                  accessories={[{ text: field.type }]}
                  actions={
                    <FieldActions
                      field={field}
                      item={item}
                      details={details}
                      provider={provider}
                      revealed={revealed[field.id] !== undefined}
                      onReveal={(value) =>
                        setRevealed((current) => {
                          const next = { ...current };
                          if (value === undefined) delete next[field.id];
                          else next[field.id] = value;
                          return next;
                        })
                      }
                      pasteApp={pasteApp}
                      {...(onUse ? { onUse } : {})}
                    />
                  }
                />
              ))}
            </List.Section>
          ))
        : null}
      {details?.attachments?.length ? (
        <AttachmentRows
          attachments={details.attachments}
          item={item}
          provider={provider}
          {...(onUse ? { onUse } : {})}
        />
      ) : null}
      {item.urls.length > 0 ? (
        <List.Section title="Websites">
          {item.urls.map((url) => (
            <List.Item
              key={url}
              id={`url-${url}`}
              title={url}
              icon={Icon.Globe}
              actions={
                <ActionPanel title={url}>
                  {/* Only a web address is opened: any other scheme from a shared vault could run something. */}
                  {isWebUrl(url) ? <Action.OpenInBrowser url={url} /> : null}
                  <Action.CopyToClipboard title="Copy URL" content={url} />
                </ActionPanel>
              }
            />
          ))}
        </List.Section>
      ) : null}
    </List>
  );
}
