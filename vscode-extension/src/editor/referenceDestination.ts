// Where a reference goes when no file is open to insert it into: the clipboard (a reference holds no secret)
// or a new untitled file, as the user chooses. Commands run from the palette before a file is open use it.
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { CancelledError } from "../commands/run.js";

interface DestinationPick extends vscode.QuickPickItem {
  destination: "clipboard" | "new-file";
}

/**
 * Asks where a reference should go (before it exists, so a new item's reference cannot be lost to an
 * Escape after the item was made) and answers what puts it there.
 */
export async function askReferenceDestination(title: string): Promise<(reference: string) => Promise<void>> {
  const chosen = await vscode.window.showQuickPick<DestinationPick>(
    [
      {
        label: "Copy to Clipboard",
        detail: "Paste it where it belongs; a reference holds no secret.",
        destination: "clipboard",
      },
      {
        label: "Insert into a New File",
        detail: "Opens an untitled file holding the reference.",
        destination: "new-file",
      },
    ],
    { title, placeHolder: "No file is open: where should the reference go?", ignoreFocusOut: true },
  );
  if (!chosen) throw new CancelledError();
  if (chosen.destination === "clipboard") {
    return async (reference) => {
      await vscode.env.clipboard.writeText(reference);
      void vscode.window.showInformationMessage(notice`Copied ${reference}`);
    };
  }
  return async (reference) => {
    const document = await vscode.workspace.openTextDocument({ content: `${reference}\n` });
    await vscode.window.showTextDocument(document);
  };
}
