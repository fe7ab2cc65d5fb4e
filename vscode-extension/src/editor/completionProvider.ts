// Completion after op://: vault names, then item titles, then sections and fields; IDs where names cannot be written.
import { isNameAllowedInReference, type ItemProvider } from "@op-bridge/shared";
import * as vscode from "vscode";
import { describeFieldType } from "./fieldTypeNames.js";
import { signalFor } from "../commands/run.js";
import { isCancellation, type Log } from "../log.js";
import type { StructureCache } from "../sources/structureCache.js";

/** The reference being typed: `op://` and the parts up to the cursor (names may hold spaces). */
const typedReference = /(?:^|[^A-Za-z0-9_])op:\/\/([A-Za-z0-9 _.\-/]*)$/;

interface Place {
  provider: ItemProvider;
  sourceLabel: string;
  vault: { id: string; name: string };
}

export class ReferenceCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly cache: StructureCache,
    private readonly log: Log,
  ) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const line = document.lineAt(position.line).text.slice(0, position.character);
    const match = typedReference.exec(line);
    if (!match) return undefined;
    const parts = match[1]!.split("/");
    // The part being typed is replaced; the ones before it are settled.
    const typed = parts.pop()!;
    if (parts.length > 3) return undefined;
    const range = new vscode.Range(
      new vscode.Position(position.line, position.character - typed.length),
      position,
    );
    const signal = signalFor(token);
    try {
      const sources = await this.cache.sources();
      if (sources.length === 0) return undefined;
      const useIds =
        vscode.workspace.getConfiguration("opBridge").get<boolean>("references.alwaysUseIds") === true;
      const items = await this.complete(parts, sources, signal, useIds);
      for (const item of items) item.range = range;
      return token.isCancellationRequested ? undefined : items;
    } catch (error) {
      if (!isCancellation(error))
        this.log.debug(`completion: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async complete(
    parts: string[],
    sources: Awaited<ReturnType<StructureCache["sources"]>>,
    signal: AbortSignal,
    useIds: boolean,
  ): Promise<vscode.CompletionItem[]> {
    if (parts.length === 0) {
      // Vaults of every source; one that fails does not hide the others.
      const lists = await Promise.all(
        sources.map(async ({ source, provider }) =>
          (await provider.listVaults({ signal }).catch(rethrowCancellation)).map((vault) => ({
            vault,
            label: source.label,
          })),
        ),
      );
      const seen = new Set<string>();
      return lists.flat().flatMap(({ vault, label }) => {
        if (seen.has(vault.id)) return [];
        seen.add(vault.id);
        return [part(vault.name, vault.id, useIds, vscode.CompletionItemKind.Folder, label, true)];
      });
    }
    const place = await findVault(parts[0]!, sources, signal);
    if (!place) return [];
    if (parts.length === 1) {
      const items = await place.provider.listItems({ vaultId: place.vault.id, signal });
      return items
        .filter((item) => item.vaultId === place.vault.id)
        .map((item) =>
          part(item.title, item.id, useIds, vscode.CompletionItemKind.Reference, item.category, true),
        );
    }
    const items = await place.provider.listItems({ vaultId: place.vault.id, signal });
    const item = matchOne(
      items,
      parts[1]!,
      (i) => i.id,
      (i) => i.title,
    );
    if (!item) return [];
    const details = await place.provider.getItemDetails(place.vault.id, item.id, { signal });
    if (parts.length === 2) {
      const sectionIds = new Set(details.sections.map((s) => s.id));
      const fields = details.fields
        .filter((f) => !f.sectionId || !sectionIds.has(f.sectionId))
        .map((f) =>
          part(f.label, f.id, useIds, vscode.CompletionItemKind.Field, describeFieldType(f), false),
        );
      const sections = details.sections
        .filter((s) => details.fields.some((f) => f.sectionId === s.id))
        .map((s) => part(s.label, s.id, useIds, vscode.CompletionItemKind.Folder, "section", true));
      return [...fields, ...sections];
    }
    const section = matchOne(
      details.sections,
      parts[2]!,
      (s) => s.id,
      (s) => s.label,
    );
    if (!section) return [];
    return details.fields
      .filter((f) => f.sectionId === section.id)
      .map((f) => part(f.label, f.id, useIds, vscode.CompletionItemKind.Field, describeFieldType(f), false));
  }
}

/** One completion: shows the name, inserts the name where the syntax allows it and the ID otherwise. */
function part(
  name: string | undefined,
  id: string,
  useIds: boolean,
  kind: vscode.CompletionItemKind,
  description: string,
  more: boolean,
): vscode.CompletionItem {
  const written = !useIds && name && isNameAllowedInReference(name) ? name : id;
  const item = new vscode.CompletionItem({ label: name || id, description }, kind);
  item.insertText = more ? `${written}/` : written;
  item.filterText = `${name ?? ""} ${id}`;
  if (written !== name) item.detail = name ? `written as its ID ${id}` : id;
  // After a vault, item or section, the next list opens by itself.
  if (more) item.command = { command: "editor.action.triggerSuggest", title: "Next part" };
  return item;
}

async function findVault(
  wanted: string,
  sources: Awaited<ReturnType<StructureCache["sources"]>>,
  signal: AbortSignal,
): Promise<Place | undefined> {
  for (const { source, provider } of sources) {
    const vaults = await provider.listVaults({ signal }).catch(rethrowCancellation);
    const vault = matchOne(
      vaults,
      wanted,
      (v) => v.id,
      (v) => v.name,
    );
    if (vault) return { provider, sourceLabel: source.label, vault };
  }
  return undefined;
}

/** The candidate whose ID matches, else the only one whose name matches (case-insensitive, like references). */
export function matchOne<T>(
  candidates: readonly T[],
  wanted: string,
  idOf: (c: T) => string,
  nameOf: (c: T) => string | undefined,
): T | undefined {
  const key = wanted.trim().toLowerCase();
  const byId = candidates.find((c) => idOf(c).toLowerCase() === key);
  if (byId) return byId;
  const byName = candidates.filter((c) => nameOf(c)?.toLowerCase() === key);
  return byName.length === 1 ? byName[0] : undefined;
}

function rethrowCancellation(error: unknown): never[] {
  if (isCancellation(error)) throw error;
  return [];
}
