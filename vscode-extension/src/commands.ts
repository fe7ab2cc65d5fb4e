// Registers every command of the extension; each handler is guarded so failures are shown once and cancellations never.
import * as vscode from "vscode";
import { connectToServer, signIn, signOut } from "./commands/connect.js";
import { generatePasswordItem } from "./commands/generatePassword.js";
import { browseItems, copyValue, openInAppCommand } from "./commands/itemActions.js";
import type { PreviewDocuments } from "./commands/previewDocuments.js";
import { previewWithSecrets } from "./commands/previewWithSecrets.js";
import { copyReference, insertReference, type FieldTarget } from "./commands/references.js";
import { guard } from "./commands/run.js";
import { tagLog, type Log } from "./log.js";
import { resolveReferenceCommand, resolveReferenceForInput } from "./run/resolveReferenceCommand.js";
import { runInTerminalWithSecrets } from "./run/runInTerminal.js";
import type { RunSecrets } from "./run/runSecrets.js";
import { useEnvironmentInLaunch } from "./run/useEnvironment.js";
import { createShareLinkFlow } from "./sharing/createShareLink.js";
import type { SourceRegistry } from "./sources/SourceRegistry.js";
import type { StructureCache } from "./sources/structureCache.js";
import { showStatus, showStatusCommand } from "./status/statusBar.js";
import type { ItemsTreeProvider } from "./tree/ItemsTreeProvider.js";
import { FieldNode, ItemNode, type TreeNode } from "./tree/nodes.js";

export interface CommandDeps {
  registry: SourceRegistry;
  tree: ItemsTreeProvider;
  view: vscode.TreeView<TreeNode>;
  log: Log;
  /** Item structure shared with the editor features. */
  cache: StructureCache;
  /** The read-only documents Preview with Secrets opens. */
  previews: PreviewDocuments;
  /** Resolves the secrets of launches, tasks and terminals. */
  run: RunSecrets;
}

function fieldTarget(node: unknown): FieldTarget | undefined {
  return node instanceof FieldNode ? { details: node.details, field: node.field } : undefined;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { registry, tree, view } = deps;
  const log = tagLog(deps.log, "commands");
  // Running a command is the user acting: from then on sources may be contacted, even in Restricted Mode.
  const register = (id: string, work: (...args: unknown[]) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(
        id,
        guard(log, id, (...args) => {
          registry.allowUserAction();
          return work(...args);
        }),
      ),
    );

  register("opBridge.connect", () => connectToServer({ registry }));
  register("opBridge.signIn", () => signIn(registry));
  register("opBridge.signOut", () => signOut(registry));
  register("opBridge.insertReference", (node) => insertReference(registry, fieldTarget(node)));
  register("opBridge.copyReference", (node) => copyReference(registry, fieldTarget(node)));
  register("opBridge.browseItems", () => browseItems(registry, tree, view));
  register("opBridge.refresh", async () => registry.refresh());
  register("opBridge.createShareLink", (node) =>
    createShareLinkFlow(
      registry,
      node instanceof ItemNode ? { item: node.item, source: node.source } : undefined,
    ),
  );
  register("opBridge.copyValue", async (node) => {
    if (node instanceof FieldNode) await copyValue(node);
  });
  register("opBridge.openInApp", (node) => openInAppCommand(registry, tree, view, node));
  register("opBridge.previewWithSecrets", () =>
    previewWithSecrets({ cache: deps.cache, documents: deps.previews }, { log: deps.log }),
  );
  register("opBridge.generatePassword", () => generatePasswordItem(registry));
  register(showStatusCommand, () => showStatus(registry));
  register("opBridge.runInTerminal", () => runInTerminalWithSecrets(deps.run, deps.log));
  register("opBridge.useEnvironment", () => useEnvironmentInLaunch(registry));
  // Not guarded: `${input:}` needs the value answered (or undefined, which stops the launch).
  context.subscriptions.push(
    vscode.commands.registerCommand(resolveReferenceCommand, (args: unknown) =>
      resolveReferenceForInput(deps.run, deps.log, args),
    ),
  );
}
