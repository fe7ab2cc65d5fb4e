// Insert Secret Reference and Copy Secret Reference: pick an item and a field, build its op:// reference.
import {
  buildSecretReference,
  formatReferenceForFile,
  type ItemDetails,
  type ItemField,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";
import { askReferenceDestination } from "../editor/referenceDestination.js";
import { pickField, pickItem } from "./pickItem.js";
import { withNotificationProgress } from "./run.js";

/** A field already chosen (from the tree): the commands skip the pickers. */
export interface FieldTarget {
  details: ItemDetails;
  field: ItemField;
}

/** The op:// reference of a field: names where the syntax allows, IDs otherwise or when the setting asks. */
export function referenceFor(
  details: ItemDetails,
  field: ItemField,
  options: { useIds?: boolean } = {},
): string {
  const useIds =
    options.useIds === true ||
    vscode.workspace.getConfiguration("opBridge").get<boolean>("references.alwaysUseIds") === true;
  const section = field.sectionId ? details.sections.find((s) => s.id === field.sectionId) : undefined;
  const { summary } = details;
  return buildSecretReference(
    {
      vault: { id: summary.vaultId, name: summary.vaultName },
      item: { id: summary.id, title: summary.title },
      ...(section ? { section: { id: section.id, label: section.label } } : {}),
      field: { id: field.id, label: field.label },
      ...(field.type === "OTP" || field.type === "TOTP" ? { attribute: "otp" as const } : {}),
    },
    { useIds },
  );
}

/** Asks for an item and one of its fields (or takes the one given) and answers the field's reference. */
export async function chooseReference(
  registry: SourceRegistry,
  title: string,
  target?: FieldTarget,
): Promise<string> {
  if (target) return referenceFor(target.details, target.field);
  const { item, source } = await pickItem(registry, { title });
  const details = await loadDetails(source, item.vaultId, item.id);
  const field = await pickField(details, title);
  return referenceFor(details, field);
}

/** Reads an item's fields and sections (never values), with progress the user can cancel. */
export function loadDetails(source: Source, vaultId: string, itemId: string): Thenable<ItemDetails> {
  return withNotificationProgress("Reading the item's fields…", (signal) =>
    source.provider.getItemDetails(vaultId, itemId, { signal }),
  );
}

/** Inserts the reference at every cursor (replacing selections), quoted as the file's language needs. */
export async function insertReference(registry: SourceRegistry, target?: FieldTarget): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const reference = await chooseReference(registry, "Insert Secret Reference", target);
  if (!editor) {
    const place = await askReferenceDestination("Insert Secret Reference");
    await place(reference);
    return;
  }
  const text = formatReferenceForFile(reference, {
    languageId: editor.document.languageId,
    fileName: editor.document.fileName,
  });
  const applied = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, text);
  });
  if (!applied)
    throw new Error("The reference could not be inserted: the file changed meanwhile. Try again.");
}

/** Copies the bare reference; it holds no secret, so the clipboard is fine. */
export async function copyReference(registry: SourceRegistry, target?: FieldTarget): Promise<void> {
  const reference = await chooseReference(registry, "Copy Secret Reference", target);
  await vscode.env.clipboard.writeText(reference);
  void vscode.window.showInformationMessage(notice`Copied ${reference}`);
}
