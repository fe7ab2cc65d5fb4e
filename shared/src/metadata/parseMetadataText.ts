// Turns the text of one metadata file into an ItemSummary, or a reason it cannot be one.
// It runs both on the caller's thread and inside the reader's worker (as source text), so it
// must not refer to anything outside itself: everything it needs comes in as arguments.
import type { ItemSummary } from "../types.js";

export type ParsedMetadata = { item: ItemSummary; ignored: string[] } | { reason: string };

/** The built-in category table, passed in so this function stays self-contained. */
export type CategoryTable = Readonly<Record<string, { singular: string; plural: string }>>;

/**
 * Parses a metadata file's text (a leading byte-order mark is accepted). Required keys are
 * uuid, vaultUUID and itemTitle; an optional key of the wrong type is left out of the item and
 * named in `ignored`.
 */
export function parseMetadataText(text: string, path: string, categories: CategoryTable): ParsedMetadata {
  // Helpers are object methods, not arrow functions: bundlers that keep function names wrap
  // named arrows in a helper call that would not exist in the worker's copy of this code.
  const h = {
    describe(value: unknown): string {
      if (value === null) return "null";
      if (Array.isArray(value)) return "a list";
      switch (typeof value) {
        case "string":
          return value === "" ? "empty text" : "text";
        case "number":
          return "a number";
        case "boolean":
          return "true/false";
        default:
          return "an object";
      }
    },
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { reason: "The file is empty, so it holds no item." };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { reason: `The file is not valid JSON (${detail}).` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { reason: `The file holds ${h.describe(data)}, not the JSON object of an item's metadata.` };
  }
  const record = data as Record<string, unknown>;
  for (const key of ["uuid", "vaultUUID", "itemTitle"]) {
    const value = record[key];
    if (value === undefined) return { reason: `The required key "${key}" is missing.` };
    if (typeof value !== "string" || (key !== "itemTitle" && value.trim() === "")) {
      return { reason: `The required key "${key}" should be non-empty text but is ${h.describe(value)}.` };
    }
  }
  const ignored: string[] = [];
  const read = {
    text(key: string): string | undefined {
      const value = record[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === "string") return value;
      ignored.push(`"${key}" should be text but is ${h.describe(value)}`);
      return undefined;
    },
    time(key: string): number | undefined {
      const value = record[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === "number" && Number.isFinite(value)) return value;
      ignored.push(`"${key}" should be a Unix time in seconds but is ${h.describe(value)}`);
      return undefined;
    },
  };
  let urls: string[] = [];
  const websiteURLs = record.websiteURLs;
  if (Array.isArray(websiteURLs) && websiteURLs.every((url) => typeof url === "string")) {
    urls = (websiteURLs as string[]).filter((url) => url.trim() !== "");
  } else if (websiteURLs !== undefined && websiteURLs !== null) {
    ignored.push(`"websiteURLs" should be a list of text but is ${h.describe(websiteURLs)}`);
  }

  const id = record.uuid as string;
  const vaultId = record.vaultUUID as string;
  const categoryId = read.text("categoryUUID") ?? "";
  const singular = read.text("categorySingularName");
  const plural = read.text("categoryPluralName");
  const known = Object.prototype.hasOwnProperty.call(categories, categoryId)
    ? categories[categoryId]
    : undefined;
  const vaultName = read.text("vaultName");
  const accountName = read.text("accountName");
  const description = read.text("itemDescription");
  const createdAt = read.time("createdAt");
  const modifiedAt = read.time("modifiedAt");
  const profileUUID = read.text("profileUUID");

  // One fixed key order (and every key present) keeps all items the same shape for V8.
  const item: ItemSummary = {
    id,
    vaultId,
    vaultName: vaultName || vaultId,
    accountName: accountName || undefined,
    title: record.itemTitle as string,
    description: description || undefined,
    categoryId,
    category: known?.singular ?? (singular || "Unknown category"),
    categoryPlural: known?.plural ?? (plural || singular || "Unknown category"),
    urls,
    createdAt,
    modifiedAt,
    source: "metadata",
    path,
    app: profileUUID ? "1password8" : "1password7",
    accountId: profileUUID || undefined,
  };
  return { item, ignored };
}
