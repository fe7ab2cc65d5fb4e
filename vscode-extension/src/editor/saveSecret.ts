// "Save in 1Password": stores a value found in a file as a new item's concealed field, then puts its
// op:// reference where the value was, in one edit the user can undo.
import {
  ConnectNetworkError,
  ConnectTimeoutError,
  type Finding,
  type ItemDetails,
  type ItemField,
  type NewItem,
} from "@op-bridge/shared";
import { basename } from "node:path";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { pickSourceForNewItem, pickVault } from "../commands/requireSources.js";
import { withNotificationProgress } from "../commands/run.js";
import { errorMessage, isCancellation } from "../log.js";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";
import { addValuesToItem, askAddOrNew } from "./addToExistingItem.js";
import {
  askNewItemTitle,
  readVaultItems,
  referencesForNewItem,
  sameTitledItem,
  takenTitles,
  uniqueTitle,
} from "./newItemTitle.js";
import { confirmItemPlan, defaultPlan, newItemFromPlan } from "./saveSecretFlow.js";
import { textFor } from "./referenceQuickFix.js";
import type { SaveTarget } from "./secretLenses.js";
import type { SecretScanner } from "./secretScanner.js";

const title = "Save in 1Password";

/** One value to save: where it is in the file, and what detection (if anything) says about it. */
interface ValueToSave {
  finding: Finding;
  range: vscode.Range;
  value: string;
}

/**
 * Runs the whole flow for a lens's target, or for the selections / the value under the cursor. Several
 * selections become several fields of one item, all replaced by their references in one edit.
 */
export async function saveSecret(
  registry: SourceRegistry,
  scanner: SecretScanner,
  target?: unknown,
): Promise<void> {
  const { document, findings } = await findTargets(scanner, target);
  const values = findings.map((finding): ValueToSave => {
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    return { finding, range, value: document.getText(range) };
  });
  if (values.some((v) => !v.value.trim())) throw new Error("There is no value to save here.");
  if (values.some((v) => v.value.startsWith("op://"))) {
    throw new Error("This value is already a secret reference.");
  }

  const source = await pickSourceForNewItem(registry, title);
  const vault = await pickVault(source, {
    title,
    placeHolder: `Choose the vault of ${source.label} to save the secret in`,
  });
  const suggested = suggestedTitle(findings[0]!, document);
  const vaultItems = await readVaultItems(source, vault);
  // An item of that title already: the value may join it rather than a second item of its title.
  const twin = source.provider.addFields ? sameTitledItem(vaultItems, suggested) : undefined;
  const addTo =
    twin && (await askAddOrNew(twin, uniqueTitle(suggested, takenTitles(vaultItems)), vault, title));
  let created: { details: ItemDetails; fields: ItemField[] };
  if (addTo) {
    const labels = defaultPlan(findings).labels;
    created = await addValuesToItem(
      source,
      addTo,
      labels,
      values.map((v) => v.value),
    );
  } else {
    const itemTitle = await askNewItemTitle({
      source,
      vault,
      suggested,
      dialogTitle: title,
      prompt: `Title of the new item in ${vault.name}`,
      vaultItems,
    });
    const plan = await confirmItemPlan(defaultPlan(findings), itemTitle, vault.name, title);
    const item = newItemFromPlan(
      itemTitle,
      plan,
      values.map((v) => v.value),
    );
    created = await createItem(source, vault, item, () => registry.refresh());
  }
  const itemTitle = created.details.summary.title;
  const references = await referencesForNewItem(source, created.details, created.fields);
  // The new item shows in the tree and pickers.
  registry.refresh();

  // The user may have typed while the item was saved: the values are replaced only where they still are.
  const edit = new vscode.WorkspaceEdit();
  values.forEach((v, index) =>
    edit.replace(document.uri, v.range, textFor(document, v.range, references[index]!)),
  );
  const unchanged = values.every((v) => document.getText(v.range) === v.value);
  const replaced = unchanged && (await vscode.workspace.applyEdit(edit));
  if (!replaced) {
    await vscode.env.clipboard.writeText(references.join("\n"));
    void vscode.window.showWarningMessage(
      notice`Saved "${itemTitle}" in ${vault.name}, but the file changed meanwhile: ${
        references.length === 1 ? "its reference was" : "its references were"
      } copied to the clipboard instead.`,
    );
    return;
  }
  void vscode.window.showInformationMessage(
    references.length === 1
      ? notice`Saved "${itemTitle}" in ${vault.name}; the value was replaced by ${references[0]}.`
      : notice`Saved "${itemTitle}" in ${vault.name} with ${references.length} fields; each value was replaced by its reference.`,
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

async function findTargets(
  scanner: SecretScanner,
  target: unknown,
): Promise<{ document: vscode.TextDocument; findings: Finding[] }> {
  if (isSaveTarget(target)) {
    const document = await vscode.workspace.openTextDocument(target.uri);
    if (document.version === target.version) return { document, findings: [target.finding] };
    // Edited since the lens was drawn: the same finding (kind and key), nearest to where it was.
    const wanted = target.finding;
    const same = (await scanner.findings(document))
      .filter((f) => f.kind === wanted.kind && f.key === wanted.key)
      .sort((a, b) => Math.abs(a.start - wanted.start) - Math.abs(b.start - wanted.start));
    if (!same[0]) throw new Error("That value is no longer in the file.");
    return { document, findings: [same[0]] };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error("Open a file and select the secret to save in 1Password.");
  const { document } = editor;
  const findings = await scanner.findings(document);
  const selected = editor.selections
    .map((selection) => ({
      start: document.offsetAt(selection.start),
      end: document.offsetAt(selection.end),
    }))
    .filter(({ start, end }) => start !== end)
    .sort((a, b) => a.start - b.start);
  if (selected.length > 0) {
    // Selections are saved as they are; a finding one covers lends its title and key.
    return {
      document,
      findings: selected.map(({ start, end }) => {
        const covered = findings.find((f) => f.start <= start && end <= f.end);
        const key = covered?.key ?? keyBefore(document, start);
        return { ...covered, start, end, kind: covered?.kind ?? "secret", ...(key ? { key } : {}) };
      }),
    };
  }
  const start = document.offsetAt(editor.selection.start);
  const under = findings.find((f) => f.start <= start && start <= f.end);
  if (!under) {
    throw new Error('Select the value to save, or put the cursor on one marked "Save in 1Password".');
  }
  return { document, findings: [under] };
}

/** The key a selected value is assigned to on its line (`KEY=`, `key: `), to name its field. */
function keyBefore(document: vscode.TextDocument, offset: number): string | undefined {
  const position = document.positionAt(offset);
  const before = document.lineAt(position.line).text.slice(0, position.character);
  return /([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?$/.exec(before)?.[1];
}

function suggestedTitle(finding: Finding, document: vscode.TextDocument): string {
  return finding.suggestedTitle || finding.key || `Secret from ${basename(document.fileName)}`;
}

async function createItem(
  source: Source,
  vault: { id: string; name: string },
  item: NewItem,
  refresh: () => void,
): Promise<{ details: ItemDetails; fields: ItemField[] }> {
  const itemTitle = item.title;
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
  // Each new field by its label (labels differ within the item); a lone value may be the password field.
  const concealed = details.fields.filter((f) => f.concealed);
  const fields = item.fields.map(
    (wanted) =>
      concealed.find((f) => f.label?.toLowerCase() === wanted.label.toLowerCase()) ??
      (item.fields.length === 1
        ? (details.fields.find((f) => f.purpose === "PASSWORD") ?? concealed[0])
        : undefined),
  );
  if (fields.some((field) => !field)) {
    throw new Error(`"${itemTitle}" was saved in ${vault.name}, but it has no concealed field to refer to.`);
  }
  return { details, fields: fields as ItemField[] };
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
