// The op:// references of each open document (malformed ones too), found once per document version.
import { findSecretReferences, type FoundSecretReference } from "@op-bridge/shared";
import type * as vscode from "vscode";
import { fileOptions } from "./selector.js";

export class DocumentReferences {
  private readonly found = new Map<string, { version: number; references: FoundSecretReference[] }>();

  /** Every reference of the document, in order; malformed ones carry their `problem`. */
  of(document: vscode.TextDocument): FoundSecretReference[] {
    const key = document.uri.toString();
    const known = this.found.get(key);
    if (known && known.version === document.version) return known.references;
    const text = document.getText();
    // Most files hold no reference at all: one indexOf answers them.
    const references = text.includes("op://")
      ? findSecretReferences(text, { includeMalformed: true, ...fileOptions(document) })
      : [];
    this.found.set(key, { version: document.version, references });
    return references;
  }

  /** The reference under the position, if any (its end counts, so a hover right after it still shows). */
  at(document: vscode.TextDocument, position: vscode.Position): FoundSecretReference | undefined {
    const offset = document.offsetAt(position);
    return this.of(document).find((r) => r.start <= offset && offset <= r.end);
  }

  forget(document: vscode.TextDocument): void {
    this.found.delete(document.uri.toString());
  }
}
