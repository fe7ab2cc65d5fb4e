// Save in 1Password next to an item of the same title: offered as "add the value to that item" (a new field
// with a label the item does not have yet) or a new item with a free title.
import type { ItemDetails, ItemField, ItemSummary, NewItemField } from "@op-bridge/shared";
import * as vscode from "vscode";
import { CancelledError, withNotificationProgress } from "../commands/run.js";
import type { Source } from "../sources/SourceRegistry.js";
import type { VaultRef } from "./newItemTitle.js";

interface TargetPick extends vscode.QuickPickItem {
  addTo?: ItemSummary;
}

/** Asks whether to add to `twin` or make a new item; answers the item to add to, or undefined for a new one. */
export async function askAddOrNew(
  twin: ItemSummary,
  freeTitle: string,
  vault: VaultRef,
  dialogTitle: string,
): Promise<ItemSummary | undefined> {
  const chosen = await vscode.window.showQuickPick<TargetPick>(
    [
      {
        label: `Add to "${twin.title}"`,
        description: twin.category,
        detail: `A new field of the item ${vault.name} already has.`,
        addTo: twin,
      },
      {
        label: `New Item "${freeTitle}"`,
        detail: `"${twin.title}" is taken: a second item of that title would make references to it ambiguous.`,
      },
    ],
    { title: dialogTitle, placeHolder: `${vault.name} already has "${twin.title}"`, ignoreFocusOut: true },
  );
  if (!chosen) throw new CancelledError();
  return chosen.addTo;
}

/** Labels for the new fields that no field of the item has (references name fields by label). */
export function freeLabels(details: ItemDetails, wanted: readonly string[]): string[] {
  const taken = new Set(details.fields.map((f) => (f.label ?? "").toLowerCase()));
  return wanted.map((label) => {
    let free = label;
    for (let n = 2; taken.has(free.toLowerCase()); n++) free = `${label} ${n}`;
    taken.add(free.toLowerCase());
    return free;
  });
}

/** Adds the values as concealed fields of the item; answers its structure and the new fields, in order. */
export async function addValuesToItem(
  source: Source,
  item: ItemSummary,
  labels: readonly string[],
  values: readonly string[],
): Promise<{ details: ItemDetails; fields: ItemField[] }> {
  const addFields = source.provider.addFields;
  if (!addFields) throw new Error(`${source.label} cannot add fields to an existing item.`);
  const before = await withNotificationProgress(`Reading "${item.title}"…`, (signal) =>
    source.provider.getItemDetails(item.vaultId, item.id, { signal }),
  );
  const free = freeLabels(before, labels);
  const fields = values.map((value, index): NewItemField => ({
    label: free[index]!,
    type: "CONCEALED",
    value,
  }));
  const details = await withNotificationProgress(`Adding to "${item.title}"…`, (signal) =>
    addFields.call(source.provider, item.vaultId, item.id, fields, { signal }),
  );
  const known = new Set(before.fields.map((f) => f.id));
  const added = free.map((label) =>
    details.fields.find((f) => !known.has(f.id) && f.label?.toLowerCase() === label.toLowerCase()),
  );
  if (added.some((field) => !field)) {
    throw new Error(
      `The value was added to "${item.title}", but its new field could not be found to refer to.`,
    );
  }
  return { details, fields: added as ItemField[] };
}
