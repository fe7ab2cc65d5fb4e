// Problems on op:// references: malformed ones (the syntax reason) and ones that lead nowhere (what is missing).
import * as vscode from "vscode";
import { errorMessage, isCancellation, tagLog, type Log } from "../log.js";
import type { DocumentReferences } from "./documentReferences.js";
import type { ReferenceResolver } from "./referenceResolver.js";
import type { StructureCache } from "../sources/structureCache.js";

export const diagnosticSource = "1Password";
export const malformedCode = "malformed-reference";
export const unresolvedCode = "unresolved-reference";

interface Run {
  controller: AbortController;
  timer: ReturnType<typeof setTimeout> | undefined;
  done: Promise<void>;
}

export class ReferenceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("1Password references");
  private readonly runs = new Map<string, Run>();
  /** Per document, the references left unchecked because a cursor was in them as they were typed. */
  private readonly held = new Map<string, { start: number; end: number }[]>();
  private readonly log: Log;

  constructor(
    private readonly references: DocumentReferences,
    private readonly resolver: ReferenceResolver,
    private readonly cache: StructureCache,
    log: Log,
    private readonly delayMs = 300,
  ) {
    this.log = tagLog(log, "diagnostics");
  }

  /**
   * Checks the document after a pause in typing; the next call cancels this one. After an edit
   * (`typing`), a reference with a cursor in it is left alone until the cursor leaves it: a half-typed
   * op:// is not a problem yet.
   */
  schedule(document: vscode.TextDocument, delayMs = this.delayMs, typing = false): void {
    const key = document.uri.toString();
    this.runs.get(key)?.controller.abort(new DOMException("The document changed", "AbortError"));
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        run.timer = undefined;
        this.check(document, controller.signal, typing).then(resolve, (error: unknown) => {
          if (!isCancellation(error)) this.log.error(`${document.fileName}: ${errorMessage(error)}`);
          resolve();
        });
      }, delayMs);
      controller.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const run: Run = { controller, timer, done };
    this.runs.set(key, run);
    void done.then(() => {
      if (this.runs.get(key) === run) this.runs.delete(key);
    });
  }

  /** Resolves when the document's scheduled check (if any) has finished or was cancelled. */
  async settled(document: vscode.TextDocument): Promise<void> {
    await this.runs.get(document.uri.toString())?.done;
  }

  /** Syntax problems at once; then, when a source is configured, the references that do not resolve. */
  async check(document: vscode.TextDocument, signal: AbortSignal, typing = false): Promise<void> {
    const version = document.version;
    const cursors = typing ? cursorOffsets(document) : [];
    const all = await this.references.of(document, signal);
    if (signal.aborted || document.version !== version) return;
    const typed = all.filter((f) => cursors.some((at) => f.start <= at && at <= f.end));
    if (typed.length > 0) this.held.set(document.uri.toString(), typed);
    else this.held.delete(document.uri.toString());
    const found = all.filter((f) => !typed.includes(f));
    const toRange = (start: number, end: number) =>
      new vscode.Range(document.positionAt(start), document.positionAt(end));
    const syntax = found
      .filter((f) => f.problem !== undefined)
      .map((f) =>
        diagnostic(
          toRange(f.start, f.end),
          `Malformed secret reference: ${f.problem || "it is not op://vault/item/[section/]field"}`,
          vscode.DiagnosticSeverity.Error,
          malformedCode,
        ),
      );
    this.collection.set(document.uri, syntax);
    const valid = found.filter((f) => f.problem === undefined);
    // Without a source nothing is asked of any server: only the syntax is checked.
    if (valid.length === 0 || (await this.cache.sources()).length === 0) return;
    signal.throwIfAborted();
    const resolutions = await Promise.all(
      valid.map((f) => this.resolver.resolve(document, f.reference, signal)),
    );
    if (signal.aborted || document.version !== version) return;
    const unresolved = valid.flatMap((f, index) => {
      const resolution = resolutions[index]!;
      return resolution.status === "missing"
        ? [
            diagnostic(
              toRange(f.start, f.end),
              `Secret reference does not resolve: ${resolution.reason}`,
              vscode.DiagnosticSeverity.Warning,
              unresolvedCode,
            ),
          ]
        : [];
    });
    this.collection.set(document.uri, [...syntax, ...unresolved]);
  }

  /** The cursor moved: a reference it left since it was typed is checked now. */
  selectionChanged(document: vscode.TextDocument): void {
    const held = this.held.get(document.uri.toString());
    if (!held) return;
    const cursors = cursorOffsets(document);
    if (held.every((f) => !cursors.some((at) => f.start <= at && at <= f.end))) this.schedule(document, 0);
  }

  /** True when a problem of this collection covers exactly this range (a reference's). */
  hasProblemAt(document: vscode.TextDocument, range: vscode.Range): boolean {
    return (this.collection.get(document.uri) ?? []).some((d) => d.range.isEqual(range));
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.runs.get(key)?.controller.abort(new DOMException("The document was closed", "AbortError"));
    this.collection.delete(document.uri);
    this.held.delete(key);
  }

  dispose(): void {
    for (const run of this.runs.values()) run.controller.abort(new DOMException("Disposed", "AbortError"));
    this.collection.dispose();
  }
}

function diagnostic(
  range: vscode.Range,
  message: string,
  severity: vscode.DiagnosticSeverity,
  code: string,
): vscode.Diagnostic {
  const result = new vscode.Diagnostic(range, message, severity);
  result.source = diagnosticSource;
  result.code = code;
  return result;
}

/** Where the cursors of the editor being typed in are, in this document. */
function cursorOffsets(document: vscode.TextDocument): number[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document !== document) return [];
  return editor.selections.map((selection) => document.offsetAt(selection.active));
}
