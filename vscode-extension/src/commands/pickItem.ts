// The searchable item picker: every item of every source, filtered by the shared search as the user types.
import { createSearchIndex, type ItemDetails, type ItemField, type ItemSummary } from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import type { ItemsSnapshot, Source, SourceRegistry } from "../sources/SourceRegistry.js";
import { describeFieldType } from "../editor/fieldTypeNames.js";
import { CancelledError } from "./run.js";

export interface PickedItem {
  item: ItemSummary;
  source: Source;
}

interface ItemPick extends vscode.QuickPickItem {
  item: ItemSummary;
  source: Source;
}

const shownAtOnce = 200;

/**
 * Lets the user pick an item. The list opens busy while items load; each keystroke re-filters with
 * the shared search (VS Code's own matching is off, so items are set on each change and always shown).
 * Rejects with CancelledError when the picker is hidden.
 */
export async function pickItem(
  registry: SourceRegistry,
  options: { title?: string; placeholder?: string; filter?: (source: Source) => boolean } = {},
): Promise<PickedItem> {
  const picker = vscode.window.createQuickPick<ItemPick>();
  picker.title = options.title ?? "1Password";
  picker.placeholder = options.placeholder ?? "Search items by title, vault, URL, tag…";
  picker.matchOnDescription = false;
  picker.matchOnDetail = false;
  picker.ignoreFocusOut = false;
  picker.busy = true;
  const controller = new AbortController();
  const disposables: vscode.Disposable[] = [picker];
  try {
    return await new Promise<PickedItem>((resolve, reject) => {
      let snapshot: ItemsSnapshot | undefined;
      let index: ReturnType<typeof createSearchIndex> | undefined;
      const render = () => {
        if (!snapshot || !index) return;
        picker.items = index
          .search(picker.value, { limit: shownAtOnce })
          .map((item) => toPick(item, snapshot!, options.filter))
          .filter((pick): pick is ItemPick => pick !== undefined);
      };
      disposables.push(
        picker.onDidChangeValue(render),
        picker.onDidAccept(() => {
          const [chosen] = picker.selectedItems;
          if (chosen) resolve({ item: chosen.item, source: chosen.source });
        }),
        picker.onDidHide(() => reject(new CancelledError())),
      );
      picker.show();
      registry.loadItems(controller.signal).then(
        (loaded) => {
          snapshot = loaded;
          const usable = loaded.items.filter((item) => pickSource(item, loaded, options.filter));
          index = createSearchIndex(usable);
          picker.busy = false;
          if (usable.length === 0) {
            picker.placeholder = loaded.problems.length
              ? `No items: ${loaded.problems.map((p) => p.message).join(" ")}`
              : "No items found in the connected sources.";
          }
          for (const problem of loaded.problems) {
            void vscode.window.showWarningMessage(notice`${problem.label}: ${problem.message}`);
          }
          render();
        },
        (error: unknown) => reject(error),
      );
    });
  } finally {
    controller.abort(new CancelledError());
    for (const disposable of disposables) disposable.dispose();
  }
}

function pickSource(
  item: ItemSummary,
  snapshot: ItemsSnapshot,
  filter?: (source: Source) => boolean,
): Source | undefined {
  return snapshot.sourcesOf(item).find((source) => !filter || filter(source));
}

function toPick(
  item: ItemSummary,
  snapshot: ItemsSnapshot,
  filter?: (source: Source) => boolean,
): ItemPick | undefined {
  const source = pickSource(item, snapshot, filter);
  if (!source) return undefined;
  const labels = snapshot.sourcesOf(item).map((s) => s.label);
  return {
    label: item.title || "(untitled)",
    description: `${item.vaultName} · ${item.category}`,
    detail: [labels.join(", "), item.urls[0]].filter(Boolean).join(" · "),
    alwaysShow: true,
    item,
    source,
  };
}

interface FieldPick extends vscode.QuickPickItem {
  field?: ItemField;
}

/** Lets the user pick one of the item's fields, grouped by section; values are never shown. */
export async function pickField(details: ItemDetails, title?: string): Promise<ItemField> {
  const picks = fieldPicks(details);
  if (!picks.some((pick) => pick.field)) {
    throw new Error(`"${details.summary.title}" has no fields a reference can point to.`);
  }
  const chosen = await vscode.window.showQuickPick(picks, {
    title: title ?? details.summary.title,
    placeHolder: `Choose a field of "${details.summary.title}"`,
    matchOnDescription: true,
  });
  if (!chosen?.field) throw new CancelledError();
  return chosen.field;
}

/** Fields without a section first, then one separator per section; each shows its type, never its value. */
export function fieldPicks(details: ItemDetails): FieldPick[] {
  const picks: FieldPick[] = [];
  const sectionIds = new Set(details.sections.map((section) => section.id));
  const loose = details.fields.filter((field) => !field.sectionId || !sectionIds.has(field.sectionId));
  for (const field of loose) picks.push(fieldPick(field));
  for (const section of details.sections) {
    const fields = details.fields.filter((field) => field.sectionId === section.id);
    if (fields.length === 0) continue;
    picks.push({ label: section.label || "Untitled section", kind: vscode.QuickPickItemKind.Separator });
    for (const field of fields) picks.push(fieldPick(field));
  }
  return picks;
}

function fieldPick(field: ItemField): FieldPick {
  return {
    label: field.label || field.id,
    description: describeFieldType(field),
    iconPath: new vscode.ThemeIcon(field.concealed ? "key" : "symbol-field"),
    field,
  };
}
