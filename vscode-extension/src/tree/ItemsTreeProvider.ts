// The 1Password view's data: sources → vaults → items → sections/fields, each level read lazily with progress.
import { strings } from "@op-bridge/shared";
import * as vscode from "vscode";
import { errorMessage, isCancellation, tagLog, type Log } from "../log.js";
import { abortable, type Source, type SourceRegistry } from "../sources/SourceRegistry.js";
import {
  FieldNode,
  ItemNode,
  MessageNode,
  SectionNode,
  SourceNode,
  VaultNode,
  type TreeNode,
} from "./nodes.js";

export const itemsViewId = "opBridge.items";

export class ItemsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined> = this.changed.event;
  private readonly log: Log;
  private readonly subscription: vscode.Disposable;
  /** Aborted on a full refresh, so loads for a tree that is being replaced stop. */
  private loads = new AbortController();

  constructor(
    private readonly registry: SourceRegistry,
    log: Log,
    /** How long one level may take to load before the tree says the source did not answer. */
    private readonly loadTimeoutMs = 30_000,
  ) {
    this.log = tagLog(log, "tree");
    this.subscription = registry.onDidChange(() => this.refresh());
  }

  /** Only fires the change: VS Code asks again for what is visible. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.loads.abort(new DOMException("The tree was refreshed", "AbortError"));
      this.loads = new AbortController();
    }
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      return await this.load(node);
    } catch (error) {
      if (isCancellation(error)) return [];
      const message = isTimeout(error)
        ? `${sourceOf(node)?.label ?? "The source"} did not answer in ${describeDuration(this.loadTimeoutMs)}: run Refresh to try again.`
        : errorMessage(error);
      this.log.error(`${node?.label ?? "sources"}: ${message}`);
      return [new MessageNode(message, node)];
    }
  }

  /** The vault node a source's vault has in this tree (for reveal). */
  vaultNode(sources: Source[], source: Source, vault: { id: string; name: string }): VaultNode {
    return new VaultNode(source, vault, sources.length > 1 ? new SourceNode(source) : undefined);
  }

  private async load(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const sources = await this.registry.sources();
      if (sources.length === 0) {
        // Settings that name a server which cannot be used say why; otherwise an empty answer
        // lets viewsWelcome show "Connect to Server" and "Sign In".
        const issues = await this.registry.setupIssues();
        return issues.map((issue) => new MessageNode(`${issue.label}: ${issue.message}`, undefined));
      }
      // One source: its vaults at the top, as there is nothing to tell apart.
      if (sources.length === 1) return this.vaults(sources[0]!, undefined);
      return sources.map((source) => new SourceNode(source));
    }
    if (node instanceof SourceNode) return this.vaults(node.source, node);
    if (node instanceof VaultNode) {
      const items = await this.withProgress((signal) =>
        node.source.provider.listItems({ vaultId: node.vault.id, signal }),
      );
      if (items.length === 0) return [new MessageNode(strings.noItemsInVault, node, false)];
      return items
        .sort((a, b) => a.title.localeCompare(b.title))
        .map((item) => new ItemNode(node.source, item, node));
    }
    if (node instanceof ItemNode) {
      const details = await this.withProgress((signal) =>
        node.source.provider.getItemDetails(node.item.vaultId, node.item.id, { signal }),
      );
      const sectionIds = new Set(details.sections.map((s) => s.id));
      const loose = details.fields
        .filter((field) => !field.sectionId || !sectionIds.has(field.sectionId))
        .map((field) => new FieldNode(details, field, node, node.source));
      const sections = details.sections
        .filter((section) => details.fields.some((field) => field.sectionId === section.id))
        .map((section) => new SectionNode(details, section, node));
      return [...loose, ...sections];
    }
    if (node instanceof SectionNode) {
      const item = node.parent;
      return node.details.fields
        .filter((field) => field.sectionId === node.section.id)
        .map((field) => new FieldNode(node.details, field, node, item.source));
    }
    return [];
  }

  private async vaults(source: Source, parent: SourceNode | undefined): Promise<TreeNode[]> {
    const vaults = await this.withProgress((signal) => source.provider.listVaults({ signal }));
    if (vaults.length === 0) return [new MessageNode("No vaults this source can read", parent, false)];
    return vaults
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((vault) => new VaultNode(source, vault, parent));
  }

  /**
   * Every load ends: a refresh aborts it, and so does the timeout. VS Code waits for a node's pending
   * children before it asks for them again, so one load that never answered used to leave its vault
   * unable to expand until the window was reloaded, and Refresh could not help.
   */
  private withProgress<T>(task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
    const signal = AbortSignal.any([this.loads.signal, AbortSignal.timeout(this.loadTimeoutMs)]);
    return vscode.window.withProgress({ location: { viewId: itemsViewId } }, () =>
      abortable(task(signal), signal),
    );
  }

  dispose(): void {
    this.loads.abort(new DOMException("The view was closed", "AbortError"));
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

function sourceOf(node: TreeNode | undefined): Source | undefined {
  return node && "source" in node ? node.source : undefined;
}

function describeDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
