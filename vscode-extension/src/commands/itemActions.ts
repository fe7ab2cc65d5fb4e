// Actions on one item or field from the tree or the palette: copy a value, open in 1Password, browse and reveal.
import { viewItemUrl, type ItemSummary } from "@op-bridge/shared";
import * as vscode from "vscode";
import { copySecret } from "../clipboard.js";
import { notice } from "../notice.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";
import type { ItemsTreeProvider } from "../tree/ItemsTreeProvider.js";
import { FieldNode, ItemNode, type TreeNode } from "../tree/nodes.js";
import { pickItem } from "./pickItem.js";
import { CancelledError, withNotificationProgress } from "./run.js";

/**
 * Copies a field's value after warning that the clipboard is not concealed, and clears it after the
 * configured time; the value is never logged or shown.
 */
export async function copyValue(node: FieldNode): Promise<void> {
  const label = node.field.label || node.field.id;
  const confirmed = await vscode.window.showWarningMessage(
    notice`Copy the value of "${label}"? VS Code's clipboard is not concealed: clipboard managers and other apps can read it.`,
    { modal: true },
    "Copy Value",
  );
  if (confirmed !== "Copy Value") throw new CancelledError();
  const { summary } = node.details;
  const value = await withNotificationProgress(`Reading "${label}"…`, (signal) =>
    node.source.provider.readFieldValue(summary.vaultId, summary.id, node.field.id, { signal }),
  );
  const seconds = await copySecret(value);
  void vscode.window.showInformationMessage(
    notice`Copied the value of "${label}" from "${summary.title}"; it will be cleared from the clipboard in ${seconds} s.`,
  );
}

/** Opens the item in the 1Password app through its URL scheme (the app handles it where installed). */
export async function openInApp(item: ItemSummary): Promise<void> {
  const opened = await vscode.env.openExternal(vscode.Uri.parse(viewItemUrl(item), true));
  if (!opened)
    throw new Error("The 1Password app did not open the item: is the app installed on this machine?");
}

/** Searches all items from the palette and reveals the choice in the 1Password view. */
export async function browseItems(
  registry: SourceRegistry,
  tree: ItemsTreeProvider,
  view: vscode.TreeView<TreeNode>,
): Promise<void> {
  const { item, source } = await pickItem(registry, { title: "Browse Items" });
  const sources = await registry.sources();
  const vault = tree.vaultNode(sources, source, { id: item.vaultId, name: item.vaultName });
  await view.reveal(new ItemNode(source, item, vault), { select: true, focus: true, expand: true });
}

/** The item a tree node stands for, if any. */
export function itemOf(node: TreeNode | undefined): ItemSummary | undefined {
  if (node instanceof ItemNode) return node.item;
  if (node instanceof FieldNode) return node.details.summary;
  return undefined;
}
