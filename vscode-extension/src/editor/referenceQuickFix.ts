// Quick fix on a reference problem: "Choose the item…" opens the insert-reference picker and replaces the reference.
import { formatReferenceForFile } from "@op-bridge/shared";
import * as vscode from "vscode";
import { chooseReference } from "../commands/references.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";
import { diagnosticSource, malformedCode, unresolvedCode } from "./referenceDiagnostics.js";
import { fileOptions } from "./selector.js";
import { suggestReferences } from "./referenceSuggestions.js";
import { signalFor } from "../commands/run.js";
import type { StructureCache } from "../sources/structureCache.js";

export const chooseReferenceItemCommand = "opBridge.chooseReferenceItem";

export class ReferenceQuickFixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly cache?: StructureCache) {}

  /** For a reference that leads nowhere, its closest working neighbours first; then "Choose the item…". */
  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token?: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const problems = context.diagnostics.filter(
      (d) => d.source === diagnosticSource && (d.code === malformedCode || d.code === unresolvedCode),
    );
    const actions = await Promise.all(problems.map((d) => this.actionsFor(document, d, token)));
    return actions.flat();
  }

  private async actionsFor(
    document: vscode.TextDocument,
    problem: vscode.Diagnostic,
    token: vscode.CancellationToken | undefined,
  ): Promise<vscode.CodeAction[]> {
    const written = document.getText(problem.range);
    const suggestions =
      problem.code === unresolvedCode && this.cache
        ? await suggestReferences(
            await this.cache.providers(),
            written,
            token ? signalFor(token) : undefined,
          ).catch(() => [])
        : [];
    const replacements = suggestions.map((suggestion, index) => {
      const action = new vscode.CodeAction(
        `Replace with "${suggestion.name}"`,
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [problem];
      action.isPreferred = index === 0;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(
        document.uri,
        problem.range,
        textFor(document, problem.range, suggestion.reference),
      );
      return action;
    });
    const choose = new vscode.CodeAction("Choose the item…", vscode.CodeActionKind.QuickFix);
    choose.diagnostics = [problem];
    choose.isPreferred = replacements.length === 0;
    choose.command = {
      command: chooseReferenceItemCommand,
      title: "Choose the item…",
      arguments: [document.uri, problem.range, written],
    };
    return [...replacements, choose];
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
