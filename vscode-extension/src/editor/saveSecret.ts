// "Save in 1Password": stores a value found in a file as a new item's concealed field, then puts its
// op:// reference where the value was, in one edit the user can undo.
import {
  ConnectNetworkError,
  ConnectTimeoutError,
  type Finding,
  type ItemDetails,
  type NewItem,
} from "@op-bridge/shared";
import { basename } from "node:path";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { referenceFor } from "../commands/references.js";
import { pickSourceForNewItem } from "../commands/requireSources.js";
import { CancelledError, withNotificationProgress } from "../commands/run.js";
import { errorMessage, isCancellation } from "../log.js";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";
import { textFor } from "./referenceQuickFix.js";
import type { SaveTarget } from "./secretLenses.js";
import type { SecretScanner } from "./secretScanner.js";

const title = "Save in 1Password";

/** Runs the whole flow for a lens's target, or for the selection / the value under the cursor. */
export async function saveSecret(
  registry: SourceRegistry,
  scanner: SecretScanner,
  target?: unknown,
): Promise<void> {
  const { document, finding } = await findTarget(scanner, target);
  const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
  const value = document.getText(range);
  if (!value.trim()) throw new Error("There is no value to save here.");
  if (value.startsWith("op://")) throw new Error("This value is already a secret reference.");

  const source = await pickSourceForNewItem(registry, title);
  const vault = await pickVault(source);
  const itemTitle = await askTitle(finding, document, vault.name);
  const created = await createItem(source, vault, itemTitle, finding, value, () => registry.refresh());
  const reference = referenceFor(created.details, created.field);
  // The new item shows in the tree and pickers.
  registry.refresh();

  // The user may have typed while the item was saved: the value is replaced only where it still is.
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, textFor(document, range, reference));
  const replaced = document.getText(range) === value && (await vscode.workspace.applyEdit(edit));
  if (!replaced) {
    await vscode.env.clipboard.writeText(reference);
    void vscode.window.showWarningMessage(
      notice`Saved "${itemTitle}" in ${vault.name}, but the file changed meanwhile: its reference was copied to the clipboard instead.`,
    );
    return;
  }
  void vscode.window.showInformationMessage(
    notice`Saved "${itemTitle}" in ${vault.name}; the value was replaced by ${reference}.`,
  );
}

function isSaveTarget(value: unknown): value is SaveTarget {
  const target = value as SaveTarget | undefined;
  return (
    !!target &&
    target.uri instanceof vscode.Uri &&
    typeof target.version === "number" &&
    typeof target.finding?.start === "number" &&
    typeof target.finding?.end === "number"
  );
}

async function findTarget(
  scanner: SecretScanner,
  target: unknown,
): Promise<{ document: vscode.TextDocument; finding: Finding }> {
  if (isSaveTarget(target)) {
    const document = await vscode.workspace.openTextDocument(target.uri);
    if (document.version === target.version) return { document, finding: target.finding };
    // Edited since the lens was drawn: the same finding (kind and key), nearest to where it was.
    const wanted = target.finding;
    const same = (await scanner.findings(document))
      .filter((f) => f.kind === wanted.kind && f.key === wanted.key)
      .sort((a, b) => Math.abs(a.start - wanted.start) - Math.abs(b.start - wanted.start));
    if (!same[0]) throw new Error("That value is no longer in the file.");
    return { document, finding: same[0] };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error("Open a file and select the secret to save in 1Password.");
  const { document, selection } = editor;
  const start = document.offsetAt(selection.start);
  const end = document.offsetAt(selection.end);
  const findings = await scanner.findings(document);
  if (start !== end) {
    // A selection is saved as it is; a finding it covers lends its title.
    const covered = findings.find((f) => f.start <= start && end <= f.end);
    return { document, finding: { ...covered, start, end, kind: covered?.kind ?? "secret" } };
  }
  const under = findings.find((f) => f.start <= start && start <= f.end);
  if (!under) {
    throw new Error('Select the value to save, or put the cursor on one marked "Save in 1Password".');
  }
  return { document, finding: under };
}

interface VaultPick extends vscode.QuickPickItem {
  vault: { id: string; name: string };
}

async function pickVault(source: Source): Promise<{ id: string; name: string }> {
  const controller = new AbortController();
  try {
    const picks = source.provider.listVaults({ signal: controller.signal }).then((vaults) => {
      if (vaults.length === 0) throw new Error(`${source.label} has no vault this sign-in can use.`);
      return [...vaults]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((vault): VaultPick => ({ label: vault.name, description: vault.id, vault }));
    });
    const chosen = await vscode.window.showQuickPick(picks, {
      title,
      placeHolder: `Choose the vault of ${source.label} to save the secret in`,
    });
    if (!chosen) throw new CancelledError();
    return chosen.vault;
  } finally {
    controller.abort(new CancelledError());
  }
}

async function askTitle(finding: Finding, document: vscode.TextDocument, vaultName: string): Promise<string> {
  const suggested = finding.suggestedTitle || finding.key || `Secret from ${basename(document.fileName)}`;
  const answer = await vscode.window.showInputBox({
    title,
    prompt: `Title of the new item in ${vaultName}`,
    value: suggested,
    validateInput: (value) => (value.trim() ? undefined : "The item needs a title."),
  });
  if (answer === undefined) throw new CancelledError();
  return answer.trim();
}

/** Passwords become Password items, everything else API Credentials; the value is always a concealed field. */
export function newItemFor(itemTitle: string, finding: Pick<Finding, "kind">, value: string): NewItem {
  const isPassword = finding.kind === "password" || finding.kind === "connection-string-password";
  return {
    title: itemTitle,
    category: isPassword ? "PASSWORD" : "API_CREDENTIAL",
    fields: [
      isPassword
        ? { label: "password", type: "CONCEALED", purpose: "PASSWORD", value }
        : { label: "credential", type: "CONCEALED", value },
    ],
  };
}

async function createItem(
  source: Source,
  vault: { id: string; name: string },
  itemTitle: string,
  finding: Finding,
  value: string,
  refresh: () => void,
): Promise<{ details: ItemDetails; field: ItemDetails["fields"][number] }> {
  const item = newItemFor(itemTitle, finding, value);
  let details: ItemDetails;
  try {
    details = await withNotificationProgress(`Saving "${itemTitle}" in ${vault.name}…`, (signal) =>
      source.provider.createItem(vault.id, item, { signal }),
    );
  } catch (error) {
    if (isCancellation(error)) throw error;
    // The source's message says why (a 403 names the vault and the token's missing access); never the value.
    if (!mayHaveBeenSaved(error)) {
      throw new Error(`"${itemTitle}" was not saved in 1Password: ${errorMessage(error)}`);
    }
    // The server may have stored it before the answer was lost: saying "not saved" would invite a duplicate.
    // The file keeps its value (there is no reference to put there); the list is read again to show the truth.
    refresh();
    throw new Error(
      `It is not known whether "${itemTitle}" was saved in ${vault.name}: ${errorMessage(error)}`,
    );
  }
  const label = item.fields[0]!.label.toLowerCase();
  const field =
    details.fields.find((f) => f.label?.toLowerCase() === label && f.concealed) ??
    details.fields.find((f) => f.purpose === "PASSWORD") ??
    details.fields.find((f) => f.concealed);
  if (!field) {
    throw new Error(`"${itemTitle}" was saved in ${vault.name}, but it has no concealed field to refer to.`);
  }
  return { details, field };
}

/**
 * True when the request may have reached the server before it failed: a timeout, or a connection lost
 * after it was made (not refused, nor a host that was never found).
 */
function mayHaveBeenSaved(error: unknown): boolean {
  if (error instanceof ConnectTimeoutError) return true;
  const neverSent = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"];
  return error instanceof ConnectNetworkError && !neverSent.includes(error.code ?? "");
}
