// Save in 1Password's last question: the new item's category and field labels, shown as one summary the user
// accepts with Enter or changes first. Several selections become several fields of one item.
import type { Finding, NewItem, NewItemField } from "@op-bridge/shared";
import * as vscode from "vscode";
import { CancelledError } from "../commands/run.js";

/** Categories a saved secret fits, as 1Password names them. */
export const saveCategories = [
  { id: "API_CREDENTIAL", label: "API Credential" },
  { id: "PASSWORD", label: "Password" },
  { id: "LOGIN", label: "Login" },
  { id: "DATABASE", label: "Database" },
  { id: "SERVER", label: "Server" },
  { id: "SECURE_NOTE", label: "Secure Note" },
] as const;

export type SaveCategory = (typeof saveCategories)[number]["id"];

export interface ItemPlan {
  category: SaveCategory;
  /** One label per value, in the order of the values. */
  labels: string[];
}

/** Categories whose secret is a password: its field is labelled so. */
const passwordCategories = new Set<SaveCategory>(["PASSWORD", "LOGIN", "DATABASE", "SERVER"]);
/** Categories whose first concealed field is the item's password (it fills and shows as one). */
const purposeCategories = new Set<SaveCategory>(["PASSWORD", "LOGIN"]);

const isPasswordKind = (kind: string) => kind === "password" || kind === "connection-string-password";

/**
 * What the findings suggest: the detector's category and field label where it names a provider ("Stripe live
 * secret key" → API Credential, "secret key"), else Password for passwords and API Credential otherwise;
 * several values take their keys as labels.
 */
export function defaultPlan(
  findings: readonly Pick<Finding, "kind" | "key" | "suggestedCategory" | "suggestedFieldLabel">[],
): ItemPlan {
  const suggested = findings.map((f) => saveCategories.find((c) => c.id === f.suggestedCategory)?.id);
  const category: SaveCategory =
    suggested[0] !== undefined && suggested.every((c) => c === suggested[0])
      ? suggested[0]
      : findings.every((f) => isPasswordKind(f.kind))
        ? "PASSWORD"
        : "API_CREDENTIAL";
  if (findings.length === 1)
    return { category, labels: [findings[0]!.suggestedFieldLabel ?? defaultLabel(category)] };
  const taken = new Set<string>();
  const labels = findings.map((finding, index) => {
    const base =
      finding.key?.trim() || finding.suggestedFieldLabel || `${defaultLabel(category)} ${index + 1}`;
    let label = base;
    for (let n = 2; taken.has(label.toLowerCase()); n++) label = `${base} ${n}`;
    taken.add(label.toLowerCase());
    return label;
  });
  return { category, labels };
}

function defaultLabel(category: SaveCategory): string {
  return passwordCategories.has(category) ? "password" : "credential";
}

/** The item to create: each value a concealed field; the first is the password where the category has one. */
export function newItemFromPlan(title: string, plan: ItemPlan, values: readonly string[]): NewItem {
  return {
    title,
    category: plan.category,
    fields: values.map((value, index): NewItemField => ({
      label: plan.labels[index]!,
      type: "CONCEALED",
      ...(index === 0 && purposeCategories.has(plan.category) ? { purpose: "PASSWORD" as const } : {}),
      value,
    })),
  };
}

interface PlanPick extends vscode.QuickPickItem {
  step: "save" | "category" | "labels";
}

/** Shows the plan; Enter saves it, the other rows change the category or the field labels first. */
export async function confirmItemPlan(
  plan: ItemPlan,
  itemTitle: string,
  vaultName: string,
  dialogTitle: string,
): Promise<ItemPlan> {
  let current = plan;
  for (;;) {
    const category = saveCategories.find((c) => c.id === current.category)!.label;
    const fields = current.labels.map((label) => `"${label}"`).join(", ");
    const chosen = await vscode.window.showQuickPick<PlanPick>(
      [
        {
          label: `Save "${itemTitle}"`,
          description: `${category} · ${current.labels.length === 1 ? "field" : "fields"} ${fields}`,
          detail: `In ${vaultName}; the value${current.labels.length === 1 ? " is" : "s are"} concealed.`,
          step: "save",
        },
        { label: "Change the Category…", description: category, step: "category" },
        {
          label: current.labels.length === 1 ? "Change the Field Label…" : "Change the Field Labels…",
          description: fields,
          step: "labels",
        },
      ],
      {
        title: dialogTitle,
        placeHolder: "Press Enter to save, or change the item first",
        ignoreFocusOut: true,
      },
    );
    if (!chosen) throw new CancelledError();
    if (chosen.step === "save") return current;
    current =
      chosen.step === "category"
        ? await askCategory(current, dialogTitle)
        : await askLabels(current, dialogTitle);
  }
}

async function askCategory(plan: ItemPlan, dialogTitle: string): Promise<ItemPlan> {
  const chosen = await vscode.window.showQuickPick(
    saveCategories.map((c) => ({ label: c.label, id: c.id, picked: c.id === plan.category })),
    { title: dialogTitle, placeHolder: "Category of the new item", ignoreFocusOut: true },
  );
  if (!chosen) return plan;
  // Labels still at their default follow the category (password ↔ credential).
  const wasDefault = plan.labels.length === 1 && plan.labels[0] === defaultLabel(plan.category);
  return { category: chosen.id, labels: wasDefault ? [defaultLabel(chosen.id)] : plan.labels };
}

async function askLabels(plan: ItemPlan, dialogTitle: string): Promise<ItemPlan> {
  const labels = [...plan.labels];
  for (let index = 0; index < labels.length; index++) {
    const answer = await vscode.window.showInputBox({
      title: dialogTitle,
      prompt: labels.length === 1 ? "Label of the field" : `Label of field ${index + 1} of ${labels.length}`,
      value: labels[index],
      ignoreFocusOut: true,
      validateInput: (value) => labelProblem(value, labels, index),
    });
    if (answer === undefined) return plan;
    labels[index] = answer.trim();
  }
  return { ...plan, labels };
}

/** Labels name the field in references: they must be there and differ within the item. */
function labelProblem(value: string, labels: readonly string[], index: number): string | undefined {
  const label = value.trim();
  if (!label) return "The field needs a label.";
  if (labels.some((other, at) => at !== index && other.toLowerCase() === label.toLowerCase())) {
    return `Another field of this item is labelled "${label}": references would be ambiguous.`;
  }
  return undefined;
}
