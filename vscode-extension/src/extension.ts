// Wires the extension together on activation: log, sources, tree view, status bar, commands, editor features.
import * as vscode from "vscode";
import { registerCommands } from "./commands.js";
import { registerEditorFeatures } from "./editor/index.js";
import { SourceRegistry } from "./sources/SourceRegistry.js";
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

  registerCommands(context, { registry, tree, view, log });
  registerEditorFeatures(context, registry, log, { tree, view });
}

export function deactivate(): void {}
