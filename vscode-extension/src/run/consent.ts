// Asks once, per workspace and configuration, before a configuration reads secrets; asks again when its references change.
import { createHash } from "node:crypto";
import type * as vscodeTypes from "vscode";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { describeItems } from "./resolveReferences.js";

export const allowSecrets = "Allow";
export const allowOnce = "Allow Once";
const stateKey = "opBridge.run.consent";

/** What a configuration reads: the references as written and the Environment it names. No values. */
export interface SecretsToRead {
  references: readonly string[];
  environmentId?: string;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/** The remembered answers: a hash of each configuration's key → a hash of the references it was allowed. */
export class RunConsent {
  constructor(private readonly state: vscodeTypes.Memento) {}

  /**
   * True when allowed now or earlier for the same references; a modal dialog names the items otherwise.
   * Without a consentKey the caller is not one the user started (another extension, a task's input):
   * it is asked every time and the answer is not kept.
   */
  async ask(title: string, consentKey: string | undefined, reading: SecretsToRead): Promise<boolean> {
    if (consentKey === undefined) {
      const once = await vscode.window.showWarningMessage(
        notice`${title} is asked for by a task or another extension, not by a launch you started. Allow it this once?`,
        { modal: true, detail: describe(reading, false) },
        allowOnce,
      );
      return once === allowOnce;
    }
    const key = hash(consentKey);
    const fingerprint = hash(
      JSON.stringify({
        references: [...new Set(reading.references.map((r) => r.trim()))].sort(),
        environment: reading.environmentId ?? null,
      }),
    );
    const allowed = this.state.get<Record<string, string>>(stateKey) ?? {};
    if (allowed[key] === fingerprint) return true;
    const answer = await vscode.window.showWarningMessage(
      notice`${title} reads secrets from 1Password. Allow it?`,
      { modal: true, detail: describe(reading) },
      allowSecrets,
    );
    if (answer !== allowSecrets) return false;
    await this.state.update(stateKey, {
      ...(this.state.get<Record<string, string>>(stateKey) ?? {}),
      [key]: fingerprint,
    });
    return true;
  }
}

function describe({ references, environmentId }: SecretsToRead, remembered = true): string {
  const items = describeItems(references);
  const parts: string[] = [];
  if (items.length > 0)
    parts.push(`It reads ${items.length === 1 ? "the item" : "these items"}: ${items.join(", ")}.`);
  if (environmentId) parts.push(`It reads the variables of the 1Password Environment ${environmentId}.`);
  parts.push(
    remembered
      ? "The values go to the program in memory only; nothing is written to disk. You are asked again when what it reads changes."
      : "Whoever asked receives the value itself. Allow only if you just started something that uses it.",
  );
  return parts.join("\n");
}
