// RFC 6902 add/remove/replace on an item, with Connect's twists: fields and sections are addressed by ID,
// `add /fields` appends one field, and `replace /` replaces the whole item like PUT.
import { badRequest } from "./errors.js";
import { isObject } from "./items.js";
import type { StoredItem } from "./types.js";

type Json = Record<string, unknown>;

/** Attributes a patch may change; the rest (id, vault, version, dates, files) are the server's. */
const EDITABLE = new Set(["title", "category", "urls", "favorite", "tags", "sections", "fields"]);
/** Arrays whose elements are addressed by their `id` rather than by index. */
const BY_ID = new Set(["fields", "sections"]);

/** The item as a client would send it to PUT: the document the operations apply to. */
export function toEditableDocument(item: StoredItem): Json {
  return structuredClone({
    title: item.title,
    category: item.category,
    urls: item.urls,
    favorite: item.favorite,
    tags: item.tags,
    sections: item.sections,
    fields: item.fields,
  }) as Json;
}

/** Applies the operations in order to a copy; any bad operation throws a 400 and nothing is applied. */
export function applyPatch(document: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) throw badRequest("Invalid patch: the body must be an array of operations");
  let result = structuredClone(document);
  operations.forEach((operation, index) => {
    result = applyOperation(result, operation, index);
  });
  return result;
}

function applyOperation(document: Json, operation: unknown, index: number): Json {
  const where = `operation ${index}`;
  if (!isObject(operation)) throw badRequest(`Invalid patch: ${where} must be an object`);
  const { op, path } = operation;
  if (op !== "add" && op !== "remove" && op !== "replace") {
    throw badRequest(
      `Invalid patch: ${where} has op ${JSON.stringify(op)}; only add, remove and replace are supported`,
    );
  }
  if (typeof path !== "string") throw badRequest(`Invalid patch: ${where} needs a path`);
  if (op !== "remove" && !("value" in operation)) throw badRequest(`Invalid patch: ${where} needs a value`);
  const value = structuredClone(operation.value);
  const segments = parsePointer(path);

  if (segments.length === 0) {
    if (op === "remove") throw badRequest("Invalid patch: the item itself cannot be removed; use DELETE");
    if (!isObject(value)) throw badRequest("Invalid patch: replacing / needs an item object");
    return value;
  }
  const [top] = segments as [string, ...string[]];
  if (!EDITABLE.has(top)) throw badRequest(`Invalid patch: "/${top}" cannot be changed`);

  // Connect's `add /fields` (or /sections, /urls, /tags) with one element appends it.
  if (segments.length === 1 && op === "add" && Array.isArray(document[top]) && !Array.isArray(value)) {
    (document[top] as unknown[]).push(value);
    return document;
  }

  let parent: unknown = document;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const child = Array.isArray(parent)
      ? parent[findIndex(parent, segment, segments[i - 1], path)]
      : isObject(parent)
        ? parent[segment]
        : undefined;
    if (child === undefined || child === null || typeof child !== "object") {
      throw badRequest(`Invalid patch: ${path} does not exist in the item`);
    }
    parent = child;
  }
  const last = segments[segments.length - 1]!;
  const container = segments[segments.length - 2];

  if (Array.isArray(parent)) {
    if (op === "add" && last === "-") {
      parent.push(value);
    } else if (container !== undefined && BY_ID.has(container) && segments.length === 2) {
      // /fields/{id}: replace or remove that field; add replaces it, or appends a new one with that ID.
      const at = parent.findIndex((entry) => isObject(entry) && entry.id === last);
      const withId = isObject(value) ? { ...value, id: last } : value;
      if (op === "remove") {
        if (at < 0)
          throw badRequest(`Invalid patch: the item has no ${singular(container)} with ID "${last}"`);
        parent.splice(at, 1);
      } else if (at >= 0) {
        parent[at] = withId;
      } else if (op === "add") {
        parent.push(withId);
      } else {
        throw badRequest(`Invalid patch: the item has no ${singular(container)} with ID "${last}"`);
      }
    } else {
      const at = findIndex(parent, last, container, path, op === "add");
      if (op === "add") parent.splice(at, 0, value);
      else if (op === "replace") parent[at] = value;
      else parent.splice(at, 1);
    }
  } else if (isObject(parent)) {
    if (op === "remove") delete parent[last];
    else parent[last] = value;
  }
  return document;
}

/** An array position from an index or, in fields and sections, an element ID. */
function findIndex(
  list: unknown[],
  segment: string,
  container: string | undefined,
  path: string,
  adding = false,
): number {
  if (container !== undefined && BY_ID.has(container)) {
    const byId = list.findIndex((entry) => isObject(entry) && entry.id === segment);
    if (byId >= 0) return byId;
  }
  if (/^(0|[1-9]\d*)$/.test(segment)) {
    const index = Number(segment);
    if (index < list.length || (adding && index === list.length)) return index;
  }
  throw badRequest(`Invalid patch: ${path} does not exist in the item`);
}

function parsePointer(path: string): string[] {
  if (path === "" || path === "/") return [];
  if (!path.startsWith("/"))
    throw badRequest(`Invalid patch: the path ${JSON.stringify(path)} must start with /`);
  return path
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

const singular = (container: string) => container.replace(/s$/, "");
