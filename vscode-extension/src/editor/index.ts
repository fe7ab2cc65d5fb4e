// Editor features: hover, completion, diagnostics, quick fix and links on op:// references, and
// "Save in 1Password" lenses on values that look like secrets.
import * as vscode from "vscode";
import { guard } from "../commands/run.js";
import { tagLog, type Log } from "../log.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";
import { ReferenceCompletionProvider } from "./completionProvider.js";
import { DocumentReferences } from "./documentReferences.js";
import { ReferenceHoverProvider } from "./hoverProvider.js";
import { ReferenceDiagnostics } from "./referenceDiagnostics.js";
import {
  openReference,
  openReferenceCommand,
  openReferenceInApp,
  openReferenceInAppCommand,
  ReferenceLinkProvider,
  type ItemsView,
} from "./referenceLinks.js";
import {
  chooseReferenceItemCommand,
  ReferenceQuickFixProvider,
  replaceReference,
} from "./referenceQuickFix.js";
import { ReferenceResolver } from "./referenceResolver.js";
import { saveSecret } from "./saveSecret.js";
import { IgnoredFindings, memoryState } from "./ignoredFindings.js";
import {
  forgetIgnoredFindingsCommand,
  ignoreSecretFindingCommand,
  SecretLensProvider,
  saveInOnePasswordCommand,
} from "./secretLenses.js";
import { SecretScanner } from "./secretScanner.js";
import { editorSelector, isEditorDocument } from "./selector.js";
import { StructureCache } from "../sources/structureCache.js";

export interface EditorFeatures extends vscode.Disposable {
  diagnostics: ReferenceDiagnostics;
  scanner: SecretScanner;
}

export function registerEditorFeatures(
  context: vscode.ExtensionContext,
  registry: SourceRegistry,
  log: Log,
  itemsView?: ItemsView,
  /** Shared with Preview with Secrets when given (its owner disposes it); otherwise one of its own. */
  sharedCache?: StructureCache,
): EditorFeatures {
  const editorLog = tagLog(log, "editor");
  const cache = sharedCache ?? new StructureCache(registry);
  const references = new DocumentReferences();
  const resolver = new ReferenceResolver(cache);
  const diagnostics = new ReferenceDiagnostics(references, resolver, cache, log);
  const scanner = new SecretScanner(undefined, (errors) => {
    for (const error of errors) editorLog.error(error);
    // Pattern names come from settings a workspace may set: no link syntax reaches the notification.
    void vscode.window.showWarningMessage(errors.join(" ").replace(/[[\]()]/g, ""));
  });
  const ignored = new IgnoredFindings(context.workspaceState ?? memoryState());
  const lenses = new SecretLensProvider(scanner, ignored, editorLog);
  const disposables: vscode.Disposable[] = [diagnostics, scanner, lenses];
  if (!sharedCache) disposables.push(cache);
  const register = (id: string, work: (...args: unknown[]) => Promise<unknown>) =>
    disposables.push(vscode.commands.registerCommand(id, guard(editorLog, id, work)));

  disposables.push(
    vscode.languages.registerHoverProvider(
      editorSelector,
      new ReferenceHoverProvider(references, resolver, (document, range) =>
        diagnostics.hasProblemAt(document, range),
      ),
    ),
    // "/" opens the next list (vault → item → field) as the user types a reference.
    vscode.languages.registerCompletionItemProvider(
      editorSelector,
      new ReferenceCompletionProvider(cache, editorLog),
      "/",
    ),
    vscode.languages.registerCodeActionsProvider(editorSelector, new ReferenceQuickFixProvider(cache), {
      providedCodeActionKinds: ReferenceQuickFixProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerDocumentLinkProvider(
      editorSelector,
      new ReferenceLinkProvider(references, resolver),
    ),
    vscode.languages.registerCodeLensProvider(editorSelector, lenses),
  );

  const check = (document: vscode.TextDocument, delayMs?: number, typing = false) => {
    if (isEditorDocument(document)) diagnostics.schedule(document, delayMs, typing);
  };
  const forget = (document: vscode.TextDocument) => {
    references.forget(document);
    resolver.forget(document);
    diagnostics.forget(document);
    scanner.forget(document);
  };
  disposables.push(
    vscode.workspace.onDidOpenTextDocument((document) => check(document, 0)),
    vscode.workspace.onDidChangeTextDocument((event) => check(event.document, undefined, true)),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (isEditorDocument(event.textEditor.document))
        diagnostics.selectionChanged(event.textEditor.document);
    }),
    vscode.workspace.onDidCloseTextDocument(forget),
    // New sources, a sign-in or Refresh: every open document is checked again against them.
    registry.onDidChange(() => {
      resolver.clear();
      for (const document of vscode.workspace.textDocuments) check(document, 0);
    }),
  );
  for (const document of vscode.workspace.textDocuments) check(document, 0);

  register(saveInOnePasswordCommand, (target) => saveSecret(registry, scanner, target));
  register(ignoreSecretFindingCommand, (target) => lenses.ignore(target));
  register(forgetIgnoredFindingsCommand, () => lenses.forgetIgnored());
  register(chooseReferenceItemCommand, (uri, range, expected) =>
    replaceReference(registry, uri, range, expected),
  );
  register(openReferenceCommand, (reference) => openReference(registry, resolver, itemsView, reference));
  register(openReferenceInAppCommand, (reference) =>
    openReferenceInApp(registry, resolver, itemsView, reference),
  );

  const features: EditorFeatures = {
    diagnostics,
    scanner,
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
  context.subscriptions.push(features);
  return features;
}
