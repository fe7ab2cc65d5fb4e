// Wires the extension together on activation: log, sources, tree view, status bar, commands, editor features.
import * as vscode from "vscode";
import { clearCopiedSecret } from "./clipboard.js";
import { registerCommands } from "./commands.js";
import { PreviewDocuments } from "./commands/previewDocuments.js";
import { registerEditorFeatures } from "./editor/index.js";
import { registerRunFeatures } from "./run/index.js";
import { RunSecrets } from "./run/runSecrets.js";
import { SourceRegistry } from "./sources/SourceRegistry.js";
import { StructureCache } from "./sources/structureCache.js";
import { createStatusBar } from "./status/statusBar.js";
import { ItemsTreeProvider, itemsViewId } from "./tree/ItemsTreeProvider.js";

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel("1Password Bridge", { log: true });
  context.subscriptions.push(log);

  // Nothing is read or loaded here: sources are built on first use, the SDK on first sign-in use.
  const registry = new SourceRegistry({
    secrets: context.secrets,
    globalState: context.globalState,
    log,
    extensionVersion: String(context.extension.packageJSON.version ?? "0.1.0"),
  });
  context.subscriptions.push(registry);

  const tree = new ItemsTreeProvider(registry, log);
  const view = vscode.window.createTreeView(itemsViewId, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, view, createStatusBar(registry));

  // One cache of item structure for hover, completion, diagnostics and Preview with Secrets; no I/O until used.
  const cache = new StructureCache(registry);
  // Registered once: previews are read-only documents of our scheme, kept in memory only.
  const previews = new PreviewDocuments();
  context.subscriptions.push(cache, previews);

  // Launches, tasks and terminals with secrets: nothing is read until one starts.
  const run = new RunSecrets({ cache, workspaceState: context.workspaceState, log });
  registerCommands(context, { registry, tree, view, log, cache, previews, run });
  registerRunFeatures(context, run, log);
  registerEditorFeatures(context, registry, log, { tree, view }, cache);
}

/** A copied secret still on the clipboard does not outlive the extension. */
export async function deactivate(): Promise<void> {
  await clearCopiedSecret();
}
