// A link on each op:// reference that shows its item: revealed in the 1Password view, or opened in the app.
import type { FoundSecretReference, LocatedReference } from "@op-bridge/shared";
import * as vscode from "vscode";
import { isCancellation } from "../log.js";
import { openInApp } from "../commands/itemActions.js";
import { signalFor, withNotificationProgress } from "../commands/run.js";
import { abortable, type Source, type SourceRegistry } from "../sources/SourceRegistry.js";
import type { ItemsTreeProvider } from "../tree/ItemsTreeProvider.js";
import { ItemNode, type TreeNode } from "../tree/nodes.js";
import type { DocumentReferences } from "./documentReferences.js";
import type { ReferenceResolver } from "./referenceResolver.js";

export const openReferenceCommand = "opBridge.openReference";
export const openReferenceInAppCommand = "opBridge.openReferenceInApp";

/** The 1Password view, when the extension has one to reveal items in. */
export interface ItemsView {
  tree: ItemsTreeProvider;
  view: vscode.TreeView<TreeNode>;
}

/** A command URI that shows the reference's item (links and hovers use it), or opens it in the app. */
export function openReferenceUri(reference: string, command = openReferenceCommand): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([reference]))}`;
}

export const revealLinkTooltip = "Reveal in 1Password view";

export class ReferenceLinkProvider implements vscode.DocumentLinkProvider {
  constructor(
    private readonly references: DocumentReferences,
    private readonly resolver: ReferenceResolver,
  ) {}

  /**
   * A link on each reference that leads to an item, never on one that leads nowhere. Resolutions are
   * the ones hover and diagnostics share for this version of the document.
   */
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
    const valid = found.filter((reference) => reference.problem === undefined);
    const signal = signalFor(token);
    const resolutions = await Promise.all(
      valid.map((reference) =>
        this.resolver.resolve(document, reference.reference, signal).catch(() => undefined),
      ),
    );
    return valid
      .filter((_, index) => resolutions[index]?.status === "found")
      .map((found) => {
        const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
        const link = new vscode.DocumentLink(range, vscode.Uri.parse(openReferenceUri(found.reference)));
        link.tooltip = revealLinkTooltip;
        return link;
      });
  }
}

/** The located item of a followed link; a reference that leads nowhere is an error saying why. */
async function locateForLink(resolver: ReferenceResolver, reference: unknown) {
  if (typeof reference !== "string" || !reference.startsWith("op://")) {
    throw new Error("Follow the link on an op:// reference to show its item.");
  }
  const resolution = await withNotificationProgress("Finding the referenced item…", (signal) =>
    abortable(resolver.locate(reference), signal),
  );
  if (resolution.status === "missing") throw new Error(`${reference} does not resolve: ${resolution.reason}`);
  if (resolution.status === "unchecked") throw new Error(resolution.reason);
  return resolution;
}

/** Reveals the item in the 1Password view, or undefined when there is no view (or source) to reveal it in. */
function revealer(
  registry: SourceRegistry,
  itemsView: ItemsView | undefined,
  { located, source }: { located: LocatedReference; source: Source | undefined },
): (() => Promise<void>) | undefined {
  if (!itemsView || !source) return undefined;
  return async () => {
    const sources = await registry.sources();
    const vault = itemsView.tree.vaultNode(sources, source, located.vault);
    await itemsView.view.reveal(new ItemNode(source, located.item.summary, vault), {
      select: true,
      focus: true,
      expand: true,
    });
  };
}

/** Finds the reference's item and reveals it in the 1Password view (or opens it in the app without one). */
export async function openReference(
  registry: SourceRegistry,
  resolver: ReferenceResolver,
  itemsView: ItemsView | undefined,
  reference: unknown,
): Promise<void> {
  const found = await locateForLink(resolver, reference);
  const reveal = revealer(registry, itemsView, found);
  if (reveal) await reveal();
  else await openInApp(found.located.item.summary);
}

/** Finds the reference's item and opens it in the 1Password app (offering the view where no app can). */
export async function openReferenceInApp(
  registry: SourceRegistry,
  resolver: ReferenceResolver,
  itemsView: ItemsView | undefined,
  reference: unknown,
): Promise<void> {
  const found = await locateForLink(resolver, reference);
  await openInApp(found.located.item.summary, revealer(registry, itemsView, found));
}
