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
 * named in `ignored`. `shapes`, when given, keeps the latest parsed file of each set of keys
 * present (see keepRecordShapes in loadMetadata).
 */
export function parseMetadataText(
  text: string,
  path: string,
  categories: CategoryTable,
  shapes?: unknown[],
): ParsedMetadata {
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
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    if (body.trim() === "") return { reason: "The file is empty, so it holds no item." };
    const detail = error instanceof Error ? error.message : String(error);
    return { reason: `The file is not valid JSON (${detail}).` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { reason: `The file holds ${h.describe(data)}, not the JSON object of an item's metadata.` };
  }
  const record = data as Record<string, unknown>;
  const id = record.uuid;
  const vaultId = record.vaultUUID;
  const title = record.itemTitle;
  if (
    typeof id !== "string" ||
    id.trim() === "" ||
    typeof vaultId !== "string" ||
    vaultId.trim() === "" ||
    typeof title !== "string"
  ) {
    for (const key of ["uuid", "vaultUUID", "itemTitle"]) {
      const value = record[key];
      if (value === undefined) return { reason: `The required key "${key}" is missing.` };
      if (typeof value !== "string" || (key !== "itemTitle" && value.trim() === "")) {
        const what = h.describe(value);
        return { reason: `The required key "${key}" should be non-empty text but is ${what}.` };
      }
    }
  }
  let ignored: string[] | undefined;
  let urls: string[] = [];
  const websiteURLs = record.websiteURLs;
  if (Array.isArray(websiteURLs)) {
    let allText = true;
    let blank = false;
    for (let i = 0; i < websiteURLs.length; i++) {
      const url = websiteURLs[i] as unknown;
      if (typeof url !== "string") allText = false;
      else if (url.trim() === "") blank = true;
    }
    if (allText)
      urls = blank ? (websiteURLs as string[]).filter((url) => url.trim() !== "") : (websiteURLs as string[]);
    else (ignored ??= []).push(`"websiteURLs" should be a list of text but is ${h.describe(websiteURLs)}`);
  } else if (websiteURLs !== undefined && websiteURLs !== null) {
    (ignored ??= []).push(`"websiteURLs" should be a list of text but is ${h.describe(websiteURLs)}`);
  }
  // Optional keys: text or a time, else left out and named in `ignored` (in this order).
  const keys = [
    "categoryUUID",
    "categorySingularName",
    "categoryPluralName",
    "vaultName",
    "accountName",
    "itemDescription",
    "createdAt",
    "modifiedAt",
    "profileUUID",
  ] as const;
  const values: (string | number | undefined)[] = [];
  // Which keys the file has: files with the same keys share one object shape.
  let present = websiteURLs === undefined ? 0 : 1;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as (typeof keys)[number];
    const value = record[key];
    const time = k === 6 || k === 7;
    if (value !== undefined) present |= 2 << k;
    if (value === undefined || value === null) values.push(undefined);
    else if (time ? typeof value === "number" && Number.isFinite(value) : typeof value === "string") {
      values.push(value as string | number);
    } else {
      values.push(undefined);
      const what = h.describe(value);
      (ignored ??= []).push(
        time
          ? `"${key}" should be a Unix time in seconds but is ${what}`
          : `"${key}" should be text but is ${what}`,
      );
    }
  }
  const categoryId = (values[0] as string | undefined) ?? "";
  const singular = values[1] as string | undefined;
  const plural = values[2] as string | undefined;
  const known = Object.prototype.hasOwnProperty.call(categories, categoryId)
    ? categories[categoryId]
    : undefined;
  const vaultName = values[3] as string | undefined;
  const accountName = values[4] as string | undefined;
  const description = values[5] as string | undefined;
  const profileUUID = values[8] as string | undefined;
  if (shapes !== undefined) shapes[present] = record;

  // One fixed key order (and every key present) keeps all items the same shape for V8.
  const item: ItemSummary = {
    id: id as string,
    vaultId: vaultId as string,
    vaultName: vaultName || (vaultId as string),
    accountName: accountName || undefined,
    title: title as string,
    description: description || undefined,
    categoryId,
    category: known?.singular ?? (singular || "Unknown category"),
    categoryPlural: known?.plural ?? (plural || singular || "Unknown category"),
    urls,
    createdAt: values[6] as number | undefined,
    modifiedAt: values[7] as number | undefined,
    source: "metadata",
    path,
    app: profileUUID ? "1password8" : "1password7",
    accountId: profileUUID || undefined,
  };
  return { item, ignored: ignored ?? [] };
}
