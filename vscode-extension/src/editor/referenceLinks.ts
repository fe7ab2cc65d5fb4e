// A link on each op:// reference that shows its item: revealed in the 1Password view, or opened in the app.
import type { FoundSecretReference } from "@op-bridge/shared";
import * as vscode from "vscode";
import { isCancellation } from "../log.js";
import { openInApp } from "../commands/itemActions.js";
import { signalFor, withNotificationProgress } from "../commands/run.js";
import { abortable, type SourceRegistry } from "../sources/SourceRegistry.js";
import type { ItemsTreeProvider } from "../tree/ItemsTreeProvider.js";
import { ItemNode, type TreeNode } from "../tree/nodes.js";
import type { DocumentReferences } from "./documentReferences.js";
import type { ReferenceResolver } from "./referenceResolver.js";

export const openReferenceCommand = "opBridge.openReference";

/** The 1Password view, when the extension has one to reveal items in. */
export interface ItemsView {
  tree: ItemsTreeProvider;
  view: vscode.TreeView<TreeNode>;
}

/** A command URI that shows the reference's item (links and hovers use it). */
export function openReferenceUri(reference: string): string {
  return `command:${openReferenceCommand}?${encodeURIComponent(JSON.stringify([reference]))}`;
}

export class ReferenceLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly references: DocumentReferences) {}

  /** Links cost nothing to make: the reference is looked up only when one is followed. */
  async provideDocumentLinks(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentLink[]> {
    let found: FoundSecretReference[];
    try {
      found = await this.references.of(document, signalFor(token));
    } catch (error) {
      if (isCancellation(error)) return [];
      throw error;
    }
    return found
      .filter((found) => found.problem === undefined)
      .map((found) => {
        const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
        const link = new vscode.DocumentLink(range, vscode.Uri.parse(openReferenceUri(found.reference)));
        link.tooltip = "Show this item in 1Password";
        return link;
      });
  }
}

/** Finds the reference's item and reveals it in the 1Password view (or opens it in the app without one). */
export async function openReference(
  registry: SourceRegistry,
  resolver: ReferenceResolver,
  itemsView: ItemsView | undefined,
  reference: unknown,
): Promise<void> {
  if (typeof reference !== "string" || !reference.startsWith("op://")) {
    throw new Error("Follow the link on an op:// reference to show its item.");
  }
  const resolution = await withNotificationProgress("Finding the referenced item…", (signal) =>
    abortable(resolver.locate(reference), signal),
  );
  if (resolution.status === "missing") throw new Error(`${reference} does not resolve: ${resolution.reason}`);
  if (resolution.status === "unchecked") throw new Error(resolution.reason);
  const { located, source } = resolution;
  if (!itemsView || !source) {
    await openInApp(located.item.summary);
    return;
  }
  const sources = await registry.sources();
  const vault = itemsView.tree.vaultNode(sources, source, located.vault);
  await itemsView.view.reveal(new ItemNode(source, located.item.summary, vault), {
    select: true,
    focus: true,
    expand: true,
  });
}
