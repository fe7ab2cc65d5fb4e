// The code lenses the editor features show on a document, and a click on one: what the Save tests all do.
import type * as vs from "vscode";
import * as vscode from "../stand-in/vscode.js";

/** Every lens on the document, in the order the editor shows them. */
export async function codeLensesOf(
  document: vscode.StandInDocument,
  token = vscode.editorStandIn.token(),
): Promise<vscode.CodeLens[]> {
  const provider = vscode.editorStandIn.provider<vs.CodeLensProvider>("codeLens");
  return ((await provider.provideCodeLenses(document as unknown as vs.TextDocument, token)) ??
    []) as vscode.CodeLens[];
}

/** Runs a lens's command as a click on it does. */
export async function clickLens(lens: vscode.CodeLens): Promise<void> {
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
}
