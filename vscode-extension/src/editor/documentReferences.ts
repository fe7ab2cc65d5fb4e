// The op:// references of each open document (malformed ones too), found once per document version.
// Large documents are read in slices off the caller's turn, and an edit cancels the older version's scan,
// so a minified bundle or a log never holds the extension host for more than a few milliseconds.
import {
  findSecretReferences,
  findSecretReferencesInSlices,
  type FoundSecretReference,
} from "@op-bridge/shared";
import type * as vscode from "vscode";
import { abortable } from "../sources/SourceRegistry.js";
import { fileOptions } from "./selector.js";

/** Documents up to this size are read at once (well under a millisecond when they hold references). */
const readAtOnce = 64 * 1024;
/** No editor shows more: a file of a million references (a log, a bundle) is decorated up to here. */
const mostReferences = 10_000;

interface Known {
  version: number;
  controller: AbortController;
  references: Promise<FoundSecretReference[]>;
}

export class DocumentReferences {
  private readonly found = new Map<string, Known>();

  /** Every reference of the document, in order; malformed ones carry their `problem`. `signal` stops only this wait. */
  of(document: vscode.TextDocument, signal?: AbortSignal): Promise<FoundSecretReference[]> {
    const key = document.uri.toString();
    const known = this.found.get(key);
    if (known && known.version === document.version) return abortable(known.references, signal);
    known?.controller.abort(new DOMException("The document changed", "AbortError"));
    const controller = new AbortController();
    const references = this.scan(document, controller.signal);
    const entry: Known = { version: document.version, controller, references };
    this.found.set(key, entry);
    references.catch(() => {
      // A cancelled scan is not kept: the next request reads the document again.
      if (this.found.get(key) === entry) this.found.delete(key);
    });
    return abortable(references, signal);
  }

  /** The reference under the position, if any (its end counts, so a hover right after it still shows). */
  async at(
    document: vscode.TextDocument,
    position: vscode.Position,
    signal?: AbortSignal,
  ): Promise<FoundSecretReference | undefined> {
    const offset = document.offsetAt(position);
    return (await this.of(document, signal)).find((r) => r.start <= offset && offset <= r.end);
  }

  forget(document: Pick<vscode.TextDocument, "uri">): void {
    const key = document.uri.toString();
    this.found.get(key)?.controller.abort(new DOMException("The document was closed", "AbortError"));
    this.found.delete(key);
  }

  private async scan(document: vscode.TextDocument, signal: AbortSignal): Promise<FoundSecretReference[]> {
    const text = document.getText();
    // Most files hold no reference at all: one indexOf answers them.
    if (!text.includes("op://")) return [];
    const options = { includeMalformed: true, ...fileOptions(document) };
    if (text.length <= readAtOnce) return findSecretReferences(text, options);
    return findSecretReferencesInSlices(text, { ...options, signal, limit: mostReferences });
  }
}
