// Preview with Secrets: the active file with its op:// references replaced by their values, in a read-only editor beside it.
import {
  findSecretReferences,
  parseSecretReference,
  resolveSecretReference,
  SecretReferenceError,
  type FoundSecretReference,
  type ItemProvider,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { errorMessage, isCancellation, tagLog, type Log } from "../log.js";
import type { StructureCache } from "../sources/structureCache.js";
import type { PreviewDocuments } from "./previewDocuments.js";
import { requireSources } from "./requireSources.js";
import { CancelledError, signalFor } from "./run.js";

export interface PreviewDeps {
  /** The item structure hover, completion and diagnostics share: what they read recently is not read again. */
  cache: StructureCache;
  /** Where the preview's text is kept, in memory, while its document is open. */
  documents: PreviewDocuments;
}

export interface PreviewOptions {
  log?: Log;
  /** How many references are resolved at once; default 4, so a large file does not flood a server. */
  concurrency?: number;
}

/** What one distinct reference became: its value, or why it has none. */
export type Resolution = { value: string } | { reason: string };

export const confirmPreview = "Show Secrets";

export const sourcesChangedMessage =
  "The 1Password sources changed while the preview was being prepared (a setting, a token or Refresh Items): run Preview with Secrets again.";

/**
 * Asks first (the values will be on screen), then resolves each distinct reference once through the
 * configured sources, with a cancellable progress notification, and opens the result beside the file
 * as a read-only plain-text document (so no language server reads the values) that exists in memory only: VS Code backs up untitled
 * editors to disk, so values never go into one. The file itself is not touched. A reference that
 * cannot be resolved stays as written, followed by `<unresolved: reason>`. Answers the preview, or
 * undefined when the file holds no reference.
 */
export async function previewWithSecrets(
  { cache, documents }: PreviewDeps,
  options: PreviewOptions = {},
): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    throw new Error("Open a file that holds op:// secret references, then run Preview with Secrets again.");
  }
  const { document } = editor;
  const name = shortName(document.fileName);
  const text = document.getText();
  const found = findSecretReferences(text, { languageId: document.languageId, fileName: document.fileName });
  if (found.length === 0) {
    void vscode.window.showInformationMessage(
      notice`${name} holds no op:// secret references: there is nothing to preview.`,
    );
    return undefined;
  }
  const references = [...new Set(found.map((hit) => hit.reference))];
  await requireSources(cache.registry);

  const count = `${references.length} secret reference${references.length === 1 ? "" : "s"}`;
  const answer = await vscode.window.showWarningMessage(
    notice`Preview ${name} with its secrets?`,
    {
      modal: true,
      detail:
        `The ${count} will be replaced by their values in a read-only editor beside this one, ` +
        "so the secrets will be visible on screen. Nothing is written to disk, and the values are forgotten when the preview is closed.\n\n" +
        describeItemsToRead(references),
    },
    confirmPreview,
  );
  if (answer !== confirmPreview) throw new CancelledError();

  // Structure (vaults, items, fields) comes through the shared cache; values are always read afresh.
  const providers = await cache.providers();
  const resolutions = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: notice`Resolving ${count} of ${name}`,
      cancellable: true,
    },
    (progress, token) => {
      let done = 0;
      return resolveEach(providers, references, signalFor(token), options.concurrency ?? 4, () => {
        done++;
        progress.report({ message: `${done} of ${references.length}`, increment: 100 / references.length });
      });
    },
  );

  // Plain text, whatever the file's language: no other extension's language server reads the values.
  const preview = await documents.open(
    substituteReferences(text, found, resolutions, document.languageId),
    `${name} (with secrets)`,
    "plaintext",
  );
  await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preview: false });

  const failed = references.filter((reference) => "reason" in resolutions.get(reference)!).length;
  // Counts only: values never reach the log.
  if (options.log) {
    tagLog(options.log, "preview").info(
      `${name}: ${references.length - failed} of ${references.length} references resolved`,
    );
  }
  if (failed > 0) {
    void vscode.window.showWarningMessage(
      failed === references.length
        ? notice`None of the ${count} in ${name} could be resolved; the preview shows why next to each.`
        : notice`${failed} of the ${count} in ${name} could not be resolved; the preview shows why next to each.`,
    );
  }
  return preview;
}

/**
 * Resolves every reference, at most `concurrency` at a time. A reference that fails gets its reason;
 * cancelling rejects the whole run with the signal's reason.
 */
export async function resolveEach(
  providers: readonly ItemProvider[],
  references: readonly string[],
  signal: AbortSignal,
  concurrency: number,
  onResolved: () => void = () => undefined,
): Promise<Map<string, Resolution>> {
  const resolutions = new Map<string, Resolution>();
  let next = 0;
  const work = async () => {
    while (next < references.length) {
      signal.throwIfAborted();
      const reference = references[next++]!;
      resolutions.set(reference, await resolveOne(providers, reference, signal));
      onResolved();
    }
  };
  const workers = Math.max(1, Math.min(concurrency, references.length));
  await Promise.all(Array.from({ length: workers }, work));
  return resolutions;
}

async function resolveOne(
  providers: readonly ItemProvider[],
  reference: string,
  signal: AbortSignal,
): Promise<Resolution> {
  try {
    return { value: await resolveSecretReference(providers, reference, { signal }) };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    // Not the user's cancel: the structure cache dropped its reads because the sources changed.
    if (isCancellation(error)) throw new Error(sourcesChangedMessage);
    // The reference is printed beside the reason, so SecretReferenceError's reason alone is enough.
    const reason = error instanceof SecretReferenceError ? error.reason : errorMessage(error);
    return { reason: reason.replace(/\s+/g, " ").trim() };
  }
}

/**
 * The text with each found reference replaced: by its value (as `op inject` does, `{{ op://… }}`
 * included), or, when it failed, by itself followed by `<unresolved: reason>`. Inside a JSON
 * string, what goes in is escaped; inside other quotes, the reason's own quotes are swapped so the
 * string stays closed where it was.
 */
export function substituteReferences(
  text: string,
  found: readonly FoundSecretReference[],
  resolutions: ReadonlyMap<string, Resolution>,
  languageId: string,
): string {
  let result = "";
  let at = 0;
  for (const hit of found) {
    const resolution = resolutions.get(hit.reference);
    if (!resolution) continue;
    const { start, end } = hit.enclosed ? widenToBraces(text, hit) : hit;
    const quote = hit.start > 0 && `"'\``.includes(text[hit.start - 1]!) ? text[hit.start - 1] : undefined;
    let inserted: string;
    if ("value" in resolution) {
      inserted = resolution.value;
    } else {
      let reason = resolution.reason;
      if (quote === '"') reason = reason.replace(/"/g, "'");
      else if (quote) reason = reason.split(quote).join('"');
      inserted = `${text.slice(start, end)} <unresolved: ${reason}>`;
    }
    if (quote === '"' && /^json/.test(languageId)) inserted = JSON.stringify(inserted).slice(1, -1);
    result += text.slice(at, start) + inserted;
    at = end;
  }
  return result + text.slice(at);
}

/** `{{ op://… }}` as a whole, when the braces are there (findSecretReferences covers the reference only). */
function widenToBraces(text: string, hit: FoundSecretReference): { start: number; end: number } {
  const before = /\{\{[ \t]*$/.exec(text.slice(Math.max(0, hit.start - 64), hit.start));
  const after = /^[ \t]*\}\}/.exec(text.slice(hit.end, hit.end + 64));
  if (!before || !after) return hit;
  return { start: hit.start - before[0].length, end: hit.end + after[0].length };
}

function shortName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

/** Shown before anything is read: the items whose values the preview will read, by vault. */
export function describeItemsToRead(references: readonly string[], shown = 10): string {
  const items = new Set<string>();
  for (const reference of references) {
    try {
      const { vault, item } = parseSecretReference(reference);
      items.add(`"${item}" in ${vault}`);
    } catch {
      // A malformed reference reads nothing: the preview shows why next to it.
    }
  }
  const listed = [...items];
  if (listed.length === 0) return "No item will be read: every reference is malformed.";
  const more = listed.length > shown ? `, and ${listed.length - shown} more` : "";
  return `It will read ${listed.length === 1 ? "this item" : `these ${listed.length} items`}: ${listed.slice(0, shown).join(", ")}${more}.`;
}
