// Generate Password: a new Password item made by the source from the configured recipe; its reference (or value) goes in at every cursor.
import { formatReferenceForFile, type ItemDetails, type ItemField, type NewItem } from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { readPasswordRecipe, type PasswordRecipe } from "./passwordRecipe.js";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";
import { askNewItemTitle, referenceForNewItem } from "../editor/newItemTitle.js";
import { askReferenceDestination } from "../editor/referenceDestination.js";
import { pickSourceForNewItem, pickVault } from "./requireSources.js";
import { CancelledError, withNotificationProgress } from "./run.js";

export { readPasswordRecipe, type PasswordRecipe };

export const defaultItemTitle = "Generated Password";

/** The item to create: a Password item whose password the source generates from the recipe. */
export function newPasswordItem(title: string, recipe: PasswordRecipe): NewItem {
  return {
    title,
    category: "PASSWORD",
    fields: [
      {
        label: "password",
        type: "CONCEALED",
        purpose: "PASSWORD",
        generate: { length: recipe.length, characterSets: [...recipe.characterSets] },
      },
    ],
  };
}

interface InsertPick extends vscode.QuickPickItem {
  insert: "reference" | "value";
}

/**
 * Asks for a source, a vault and a title, and what to insert; creates the item with progress; then
 * inserts its op:// reference (or, when asked, the password itself, read at that moment) at every
 * cursor of the editor the command started in, quoted as the file needs.
 */
export async function generatePasswordItem(registry: SourceRegistry): Promise<ItemDetails> {
  // Without a file open, the new item's reference goes where the user says (never the password itself).
  const editor = vscode.window.activeTextEditor;
  // Before any question: a setting that cannot work should not cost the user three answers.
  const recipe = readPasswordRecipe();
  const source = await pickSourceForNewItem(registry, "Generate Password");
  const vault = await pickVault(source, {
    title: "Generate Password",
    placeHolder: "Which vault?",
    takeLoneVault: true,
    ignoreFocusOut: true,
  });
  const itemTitle = await askNewItemTitle({
    source,
    vault,
    suggested: defaultItemTitle,
    dialogTitle: "Generate Password",
    prompt: `Title of the new Password item in "${vault.name}" (${recipe.length} characters: ${describeSets(recipe)})`,
  });
  const choice = editor ? await askWhatToInsert() : "reference";
  const place = editor ? undefined : await askReferenceDestination("Generate Password");

  let created: Awaited<ReturnType<typeof createPasswordItem>>;
  try {
    created = await createPasswordItem(source, vault, itemTitle, recipe, choice === "value");
  } finally {
    // The new item shows up in pickers and the tree; after a failure too, since a write whose
    // answer was lost may still have been made.
    registry.refresh();
  }
  const { details, field, value } = created;

  const reference = await referenceForNewItem(source, details, field);
  if (!editor) {
    await place!(reference);
    return details;
  }
  const text = formatReferenceForFile(value ?? reference, {
    languageId: editor.document.languageId,
    fileName: editor.document.fileName,
  });
  const applied = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, text);
  });
  if (!applied) {
    throw new Error(
      `"${itemTitle}" was created in ${vault.name}, but the file changed meanwhile and nothing was inserted. Its reference is ${reference}.`,
    );
  }
  const cursors = editor.selections.length;
  void vscode.window.showInformationMessage(
    notice`Created "${itemTitle}" in ${vault.name} (${source.label}) and inserted its ${
      value === undefined ? "reference" : "password"
    }${cursors > 1 ? ` at ${cursors} cursors` : ""}.`,
  );
  return details;
}

/** Reference or password: what goes into the file. */
async function askWhatToInsert(): Promise<InsertPick["insert"]> {
  const choice = await vscode.window.showQuickPick<InsertPick>(
    [
      {
        label: "Insert Secret Reference",
        description: "op://…",
        detail: "The password stays in 1Password; the file holds only its address.",
        insert: "reference",
      },
      {
        label: "Insert the Password Itself",
        description: "the value goes into the file",
        detail: "Anyone who can read the file can read the password.",
        insert: "value",
      },
    ],
    { title: "Generate Password", placeHolder: "What goes into the file?", ignoreFocusOut: true },
  );
  if (!choice) throw new CancelledError();
  return choice.insert;
}

/** Creates the item; reads its password back only when the user asked for the value itself. */
function createPasswordItem(
  source: Source,
  vault: { id: string; name: string },
  itemTitle: string,
  recipe: PasswordRecipe,
  withValue: boolean,
) {
  return withNotificationProgress(`Creating "${itemTitle}" in ${vault.name}…`, async (signal) => {
    const created = await source.provider.createItem(vault.id, newPasswordItem(itemTitle, recipe), {
      signal,
    });
    const password = passwordFieldOf(created);
    // The value goes nowhere but the editor.
    const secret = withValue
      ? await source.provider.readFieldValue(vault.id, created.summary.id, password.id, { signal })
      : undefined;
    return { details: created, field: password, value: secret };
  });
}

/** The created item's password field: by purpose, else its first concealed field. */
function passwordFieldOf(details: ItemDetails): ItemField {
  const field =
    details.fields.find((f) => f.purpose === "PASSWORD") ?? details.fields.find((f) => f.concealed);
  if (!field) {
    throw new Error(
      `"${details.summary.title}" was created, but the source answered it without a password field.`,
    );
  }
  return field;
}

function describeSets(recipe: PasswordRecipe): string {
  return recipe.characterSets.map((set) => set.toLowerCase()).join(", ");
}
