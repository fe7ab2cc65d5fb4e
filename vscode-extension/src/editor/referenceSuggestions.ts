// The closest working references to one that leads nowhere: the part that matches nothing (vault, item,
// section or field) replaced by the names the shared search ranks best, e.g. op://Development/GitHb/… → "GitHub".
import {
  createSearchIndex,
  isNameAllowedInReference,
  parseSecretReference,
  type ItemProvider,
  type ItemSummary,
  type ParsedSecretReference,
} from "@op-bridge/shared";
import { matchOne } from "./completionProvider.js";

export interface SuggestedReference {
  /** The name put in place of the part that matched nothing. */
  name: string;
  reference: string;
}

/** At most this many one-click replacements: more would bury "Choose the item…". */
const offered = 3;

type Part = "vault" | "item" | "section" | "field";

/** Candidates for one part, with their names and IDs; a name two candidates share is written as the ID. */
interface Candidate {
  id: string;
  name: string;
}

/**
 * Working references close to `reference`: the first part that matches nothing, replaced by its closest
 * candidates (best first). Empty when the reference is malformed, resolves already, or nothing is close.
 */
export async function suggestReferences(
  providers: readonly ItemProvider[],
  reference: string,
  signal?: AbortSignal,
): Promise<SuggestedReference[]> {
  let parts: ParsedSecretReference;
  try {
    parts = parseSecretReference(reference);
  } catch {
    return [];
  }
  const rebuild = (part: Part, candidate: Candidate, all: readonly Candidate[]) => ({
    name: candidate.name,
    reference: replacePart(reference, parts, part, writtenAs(candidate, all)),
  });
  const suggest = (part: Part, candidates: readonly Candidate[], wanted: string) =>
    closest(candidates, wanted).map((c) => rebuild(part, c, candidates));

  const vaultLists = await Promise.all(
    providers.map((provider) => provider.listVaults({ signal }).catch(() => [])),
  );
  const index = vaultLists.findIndex((vaults) => matchOne(vaults, parts.vault, idOf, (v) => v.name));
  if (index === -1) {
    const vaults = vaultLists.flat().map((v) => ({ id: v.id, name: v.name }));
    return suggest("vault", vaults, parts.vault);
  }
  const provider = providers[index]!;
  const vault = matchOne(vaultLists[index]!, parts.vault, idOf, (v) => v.name)!;
  const items = (await provider.listItems({ vaultId: vault.id, signal })).filter(
    (i) => i.vaultId === vault.id,
  );
  const item = matchOne(items, parts.item, idOf, (i) => i.title);
  if (!item) {
    const all = items.map((i) => ({ id: i.id, name: i.title }));
    // Items are ranked by the search the pickers use (typos, words, initials).
    return createSearchIndex(items)
      .search(parts.item, { limit: offered })
      .map((i) => rebuild("item", { id: i.id, name: i.title }, all));
  }
  const details = await provider.getItemDetails(vault.id, item.id, { signal });
  const sections = details.sections.map((s) => ({ id: s.id, name: s.label ?? "" }));
  let fields = details.fields;
  if (parts.section !== undefined) {
    const section = matchOne(details.sections, parts.section, idOf, (s) => s.label);
    if (!section) return suggest("section", sections, parts.section);
    fields = fields.filter((f) => f.sectionId === section.id);
  }
  if (matchOne(fields, parts.field, idOf, (f) => f.label)) return [];
  return suggest(
    "field",
    fields.map((f) => ({ id: f.id, name: f.label ?? "" })),
    parts.field,
  );
}

const idOf = (candidate: { id: string }) => candidate.id;

/** The best-ranked candidates by name, with the same search the item picker uses. */
function closest(candidates: readonly Candidate[], wanted: string): Candidate[] {
  const named = candidates.filter((c) => c.name);
  const asItems = named.map(
    (c, rank) =>
      ({
        id: String(rank),
        vaultId: "",
        vaultName: "",
        title: c.name,
        categoryId: "",
        category: "",
        urls: [],
        source: "connect",
      }) as ItemSummary,
  );
  const seen = new Set<string>();
  return createSearchIndex(asItems)
    .search(wanted, { limit: offered * 2 })
    .map((found) => named[Number(found.id)]!)
    .filter((c) => !seen.has(c.name.toLowerCase()) && seen.add(c.name.toLowerCase()))
    .slice(0, offered);
}

/** The candidate's name when a reference can hold it and no other candidate has it, else its ID. */
function writtenAs(candidate: Candidate, all: readonly Candidate[]): string {
  const key = candidate.name.toLowerCase();
  const shared = all.filter((c) => c.name.toLowerCase() === key).length > 1;
  return !shared && isNameAllowedInReference(candidate.name) ? candidate.name : candidate.id;
}

function replacePart(reference: string, parts: ParsedSecretReference, part: Part, written: string): string {
  const query = reference.includes("?") ? reference.slice(reference.indexOf("?")) : "";
  const next = { ...parts, [part]: written };
  const segments = [next.vault, next.item, ...(next.section !== undefined ? [next.section] : []), next.field];
  return `op://${segments.join("/")}${query}`;
}
