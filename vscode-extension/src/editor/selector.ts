// Which documents the editor features look at: files and untitled buffers, not output channels or diffs' virtual sides.
import type * as vscode from "vscode";

export const editorSelector: vscode.DocumentSelector = [{ scheme: "file" }, { scheme: "untitled" }];

/** True for documents the selector above covers (diagnostics walk documents themselves). */
export function isEditorDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === "file" || document.uri.scheme === "untitled";
}

/** The language options the shared reference and detection functions read. */
export function fileOptions(document: vscode.TextDocument): { languageId: string; fileName: string } {
  return { languageId: document.languageId, fileName: document.fileName };
}
