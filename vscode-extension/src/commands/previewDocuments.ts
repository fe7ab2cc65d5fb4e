// Read-only virtual documents for Preview with Secrets: their text lives in memory only, until the document closes.
import { randomUUID } from "node:crypto";
import * as vscode from "vscode";

/** The URI scheme of preview documents. */
export const previewScheme = "op-preview";

/** What a preview shows when VS Code asks for its text again after it was closed (Reopen Closed Editor). */
export const closedPreviewText =
  'This preview was closed and its values were forgotten. Run "1Password: Preview with Secrets" again.\n';

/**
 * Unlike an untitled editor, a document of a content provider is never written to disk (no hot-exit
 * backup, no Save): VS Code shows it read-only and asks this provider for its text. The text is kept
 * here, under a URI with a random id, only while its document is open.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  /** Previews whose language is being set: VS Code reports that as a close and an open, not a real close. */
  private readonly changingLanguage = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(previewScheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        if (!this.changingLanguage.has(key)) this.texts.delete(key);
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? closedPreviewText;
  }

  /** Opens `text` as a read-only document titled `title`, highlighted as `languageId`; shown by the caller. */
  async open(text: string, title: string, languageId: string): Promise<vscode.TextDocument> {
    // The id in the query keeps two previews of one file apart; the path's last part is the tab's title.
    const uri = vscode.Uri.from({ scheme: previewScheme, path: `/${title}`, query: randomUUID() });
    const key = uri.toString();
    this.texts.set(key, text);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      this.texts.delete(key);
      throw error;
    }
    if (document.languageId === languageId) return document;
    this.changingLanguage.add(key);
    try {
      return await vscode.languages.setTextDocumentLanguage(document, languageId);
    } catch {
      // A language VS Code no longer knows: the values still show, without highlighting.
      return document;
    } finally {
      this.changingLanguage.delete(key);
    }
  }

  /** True while the preview at `uri` holds its text (its document is open). */
  holds(uri: vscode.Uri): boolean {
    return this.texts.has(uri.toString());
  }

  dispose(): void {
    this.texts.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}
