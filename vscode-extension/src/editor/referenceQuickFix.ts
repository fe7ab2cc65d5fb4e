// Quick fix on a reference problem: "Choose the item…" opens the insert-reference picker and replaces the reference.
import { formatReferenceForFile } from "@op-bridge/shared";
import * as vscode from "vscode";
import { chooseReference } from "../commands/references.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";
import { diagnosticSource, malformedCode, unresolvedCode } from "./referenceDiagnostics.js";
import { fileOptions } from "./selector.js";

export const chooseReferenceItemCommand = "opBridge.chooseReferenceItem";

export class ReferenceQuickFixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === diagnosticSource && (d.code === malformedCode || d.code === unresolvedCode))
      .map((d) => {
        const action = new vscode.CodeAction("Choose the item…", vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.command = {
          command: chooseReferenceItemCommand,
          title: "Choose the item…",
          arguments: [document.uri, d.range, document.getText(d.range)],
        };
        return action;
      });
  }
}

/**
 * Lets the user pick an item and field, then replaces the reference that had the problem. When the
 * text there changed meanwhile nothing is replaced, so a newer edit is never overwritten.
 */
export async function replaceReference(
  registry: SourceRegistry,
  uri: unknown,
  range: unknown,
  expected: unknown,
): Promise<void> {
  if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range) || typeof expected !== "string") {
    throw new Error('Use the quick fix "Choose the item…" on a secret reference problem.');
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const reference = await chooseReference(registry, "Choose the item…");
  if (document.getText(range) !== expected) {
    throw new Error("The reference changed while the item was being chosen; nothing was replaced.");
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, textFor(document, range, reference));
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error("The reference could not be replaced: the file changed meanwhile. Try again.");
  }
}

/** Inside quotes the bare reference goes in; elsewhere the file's own quoting (formatReferenceForFile). */
export function textFor(document: vscode.TextDocument, range: vscode.Range, reference: string): string {
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const text = document.getText();
  const before = text[start - 1];
  if (before !== undefined && `"'\``.includes(before) && text[end] === before) return reference;
  // `{{ op://… }}` in an op inject template takes the bare reference too.
  if (/\{\{\s*$/.test(text.slice(Math.max(0, start - 8), start))) return reference;
  return formatReferenceForFile(reference, fileOptions(document));
}
