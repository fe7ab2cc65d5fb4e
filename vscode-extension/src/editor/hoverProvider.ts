// Hover over an op:// reference: the vault, item, section and field it leads to (names, type, source), never the value.
import type { FoundSecretReference } from "@op-bridge/shared";
import * as vscode from "vscode";
import { isCancellation } from "../log.js";
import { describeFieldType } from "./fieldTypeNames.js";
import { signalFor } from "../commands/run.js";
import type { DocumentReferences } from "./documentReferences.js";
import { openReferenceInAppCommand, openReferenceUri } from "./referenceLinks.js";
import type { ReferenceResolver, Resolution } from "./referenceResolver.js";

export class ReferenceHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly references: DocumentReferences,
    private readonly resolver: ReferenceResolver,
    /** True when a problem is shown on this range: VS Code's hover shows it, with its quick fixes, already. */
    private readonly hasProblem: (document: vscode.TextDocument, range: vscode.Range) => boolean = () =>
      false,
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    let found: FoundSecretReference | undefined;
    try {
      found = await this.references.at(document, position, signalFor(token));
    } catch (error) {
      if (isCancellation(error)) return undefined;
      throw error;
    }
    if (!found) return undefined;
    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    // One message per problem: the diagnostic's, when there is one.
    if (this.hasProblem(document, range)) return undefined;
    if (found.problem !== undefined) {
      return new vscode.Hover(describeMalformed(found), range);
    }
    try {
      const resolution = await this.resolver.resolve(document, found.reference, signalFor(token));
      if (resolution.status === "missing" && this.hasProblem(document, range)) return undefined;
      return new vscode.Hover(describeResolution(found.reference, resolution), range);
    } catch (error) {
      if (isCancellation(error)) return undefined;
      throw error;
    }
  }
}

function heading(): vscode.MarkdownString {
  const text = new vscode.MarkdownString("**1Password secret reference**\n\n");
  text.supportThemeIcons = true;
  return text;
}

function describeMalformed(found: FoundSecretReference): vscode.MarkdownString {
  return heading()
    .appendMarkdown("$(error) This reference is malformed: ")
    .appendText(found.problem || "it is not op://vault/item/[section/]field");
}

/** The hover's text. Only names, IDs and types: a value is never read for a hover. */
export function describeResolution(reference: string, resolution: Resolution): vscode.MarkdownString {
  const text = heading();
  if (resolution.status === "missing") {
    return text.appendMarkdown("$(warning) It does not resolve: ").appendText(resolution.reason);
  }
  if (resolution.status === "unchecked") {
    return text.appendMarkdown("$(info) Could not be checked: ").appendText(resolution.reason);
  }
  const { located, source } = resolution;
  const { summary } = located.item;
  const row = (label: string, name: string, detail?: string) => {
    text.appendMarkdown(`${label}: **`).appendText(name).appendMarkdown("**");
    if (detail) text.appendMarkdown(" · ").appendText(detail);
    text.appendMarkdown("  \n");
  };
  // Names only: IDs mean nothing to a person, and the reference itself is on screen.
  row("Vault", located.vault.name || located.vault.id);
  row("Item", summary.title || summary.id, summary.category);
  if (located.section) row("Section", located.section.label || located.section.id);
  row("Field", located.field.label || located.field.id, describeFieldType(located.field));
  if (source) row("Source", source.label);
  // The link runs a command of this extension only, so the hover may trust exactly that command.
  // "Reveal in 1Password view" is the reference's own link (Ctrl+click), which VS Code adds to this hover.
  text.isTrusted = { enabledCommands: [openReferenceInAppCommand] };
  text.appendMarkdown(
    `\n[$(link-external) Open in 1Password app](${openReferenceUri(reference, openReferenceInAppCommand)})`,
  );
  return text;
}
