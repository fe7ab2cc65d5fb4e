// Actions on one item or field from the tree or the palette: copy a value, open in 1Password, browse and reveal.
import { viewItemUrl, type ItemSummary } from "@op-bridge/shared";
import * as vscode from "vscode";
import { copySecret } from "../clipboard.js";
import { notice } from "../notice.js";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";
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

/**
 * Why this window cannot hand a link to the 1Password app, if it cannot: in a browser the link goes
 * to the browser, which answers "opened" whether or not anything took it.
 */
export function appUnreachableReason(): string | undefined {
  if (vscode.env.uiKind === vscode.UIKind.Web) {
    return "VS Code runs in a browser here, and links from it do not reach the 1Password app";
  }
  return undefined;
}

const copyLink = "Copy Link";
const showInView = "Show in 1Password View";

/**
 * Opens the item in the 1Password app through its URL scheme. Where no app can take the link, or the
 * app did not, it says so and offers to copy the link or (given `reveal`) show the item in the view.
 */
export async function openInApp(item: ItemSummary, reveal?: () => Thenable<unknown>): Promise<void> {
  const url = viewItemUrl(item);
  const name = item.title ? `"${item.title}"` : "The item";
  const unreachable = appUnreachableReason();
  const opened = !unreachable && (await vscode.env.openExternal(vscode.Uri.parse(url, true)));
  const actions = [copyLink, ...(reveal ? [showInView] : [])];
  let choice: string | undefined;
  if (opened && vscode.env.remoteName) {
    // A remote window hands the link to the computer VS Code's window runs on: whether an app took it is not known.
    choice = await vscode.window.showInformationMessage(
      notice`Asked the 1Password app on this computer to open ${name}. If it did not open, copy the link to open it where 1Password is installed.`,
      ...actions,
    );
  } else if (!opened) {
    const reason = unreachable ?? "the app did not take the link (is 1Password installed on this computer?)";
    choice = await vscode.window.showWarningMessage(
      notice`${name} cannot be opened in the 1Password app: ${reason}.`,
      ...actions,
    );
  }
  if (choice === copyLink) {
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage(
      "Copied the 1Password link: open it on a computer where the 1Password app is installed.",
    );
  } else if (choice === showInView) {
    await reveal?.();
  }
}

/** Open in 1Password from the tree (the node's item) or the palette (an item the user picks). */
export async function openInAppCommand(
  registry: SourceRegistry,
  tree: ItemsTreeProvider,
  view: vscode.TreeView<TreeNode>,
  node: unknown,
): Promise<void> {
  if (node instanceof ItemNode || node instanceof FieldNode) {
    const item = itemOf(node)!;
    const itemNode = node instanceof ItemNode ? node : itemNodeOf(node);
    await openInApp(item, () => view.reveal(itemNode, { select: true, focus: true }));
    return;
  }
  const { item, source } = await pickItem(registry, { title: "Open in 1Password" });
  await openInApp(item, () => revealItem(registry, tree, view, source, item));
}

function itemNodeOf(node: FieldNode): ItemNode {
  return node.parent instanceof ItemNode ? node.parent : node.parent.parent;
}

/** Shows an item in the 1Password view: its vault opened, the item selected. */
export async function revealItem(
  registry: SourceRegistry,
  tree: ItemsTreeProvider,
  view: vscode.TreeView<TreeNode>,
  source: Source,
  item: ItemSummary,
): Promise<void> {
  const sources = await registry.sources();
  const vault = tree.vaultNode(sources, source, { id: item.vaultId, name: item.vaultName });
  await view.reveal(new ItemNode(source, item, vault), { select: true, focus: true, expand: true });
}

/** Searches all items from the palette and reveals the choice in the 1Password view. */
export async function browseItems(
  registry: SourceRegistry,
  tree: ItemsTreeProvider,
  view: vscode.TreeView<TreeNode>,
): Promise<void> {
  const { item, source } = await pickItem(registry, { title: "Browse Items" });
  await revealItem(registry, tree, view, source, item);
}

/** The item a tree node stands for, if any. */
export function itemOf(node: TreeNode | undefined): ItemSummary | undefined {
  if (node instanceof ItemNode) return node.item;
  if (node instanceof FieldNode) return node.details.summary;
  return undefined;
}
