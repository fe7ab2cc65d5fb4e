// Turns item JSON from a request or a seed into a stored item (checked, IDs assigned, values generated), and back.
import { badRequest } from "./errors.js";
import { checkRecipe, estimateEntropy, generateValue } from "./generate.js";
import { createId, isConnectId } from "./ids.js";
import type { Random } from "./random.js";
import { currentTotp } from "./totp.js";
import {
  FIELD_PURPOSES,
  FIELD_TYPES,
  ITEM_CATEGORIES,
  type Field,
  type FieldPurpose,
  type FieldType,
  type ItemCategory,
  type ItemUrl,
  type Section,
  type StoredFile,
  type StoredItem,
} from "./types.js";

/** Categories Connect refuses to create (CONNECT-NOTES.md, and the docs' Item object). */
const NOT_CREATABLE: ReadonlySet<string> = new Set(["CUSTOM", "DOCUMENT"]);
/** The IDs 1Password gives its built-in fields, used when a field with that purpose comes without one. */
const PURPOSE_IDS: Record<string, string> = {
  USERNAME: "username",
  PASSWORD: "password",
  NOTES: "notesPlain",
};

export interface BuildContext {
  vaultId: string;
  /** The item being replaced: its ID, creation date, version and files carry over. */
  existing?: StoredItem;
  now: string;
  editor: string;
  /** "seed" also takes read-only attributes (version, dates) and files with content. */
  origin: "create" | "replace" | "seed";
  random?: Random;
}

type Json = Record<string, unknown>;

export function buildItem(input: unknown, context: BuildContext): StoredItem {
  if (!isObject(input)) throw badRequest("Invalid item: the body must be a JSON object");
  const { existing, origin } = context;
  const category = input.category;
  if (typeof category !== "string" || !(ITEM_CATEGORIES as readonly string[]).includes(category)) {
    throw badRequest("Invalid item category");
  }
  if (origin !== "seed" && NOT_CREATABLE.has(category) && existing?.category !== category) {
    throw badRequest(`Invalid item category: ${category} items cannot be created through Connect`);
  }
  const vault = input.vault;
  if (vault !== undefined && vault !== null) {
    if (!isObject(vault) || (vault.id !== undefined && vault.id !== context.vaultId)) {
      throw badRequest("Invalid item: its vault.id does not match the vault in the request path");
    }
  }
  let id: string;
  if (existing) {
    if (input.id !== undefined && input.id !== existing.id) {
      throw badRequest("Invalid item: its id does not match the item in the request path");
    }
    id = existing.id;
  } else if (input.id !== undefined && input.id !== "") {
    if (!isConnectId(input.id)) throw badRequest("Invalid Item UUID");
    id = input.id;
  } else {
    id = createId(context.random);
  }

  const sections = readSections(input.sections, context.random);
  const fields = readFields(input.fields, sections, context.random, existing?.fields ?? []);
  const seeded = origin === "seed";
  return {
    id,
    vaultId: context.vaultId,
    title: optionalString(input.title, "title") ?? "",
    category: category as ItemCategory,
    urls: readUrls(input.urls),
    favorite: optionalBoolean(input.favorite, "favorite") ?? false,
    tags: readTags(input.tags),
    version:
      seeded && Number.isInteger(input.version) ? (input.version as number) : (existing?.version ?? 0) + 1,
    createdAt:
      existing?.createdAt ?? (seeded ? readDate(input.createdAt, "createdAt") : undefined) ?? context.now,
    updatedAt: (seeded ? readDate(input.updatedAt, "updatedAt") : undefined) ?? context.now,
    lastEditedBy: context.editor,
    sections,
    fields,
    files: seeded ? readSeedFiles(input.files, sections, context.random) : (existing?.files ?? []),
  };
}

function readSections(value: unknown, random: Random | undefined): Section[] {
  const list = optionalArray(value, "sections");
  const seen = new Set<string>();
  return list.map((entry, index) => {
    if (!isObject(entry)) throw badRequest(`Invalid item: sections[${index}] must be an object`);
    const id = optionalString(entry.id, `sections[${index}].id`) || createId(random);
    if (seen.has(id)) throw badRequest(`Invalid item: more than one section has the ID "${id}"`);
    seen.add(id);
    const label = optionalString(entry.label, `sections[${index}].label`);
    return label === undefined ? { id } : { id, label };
  });
}

function readFields(
  value: unknown,
  sections: Section[],
  random: Random | undefined,
  before: Field[],
): Field[] {
  const list = optionalArray(value, "fields");
  const sectionIds = new Set(sections.map((s) => s.id));
  const usedIds = new Set(list.flatMap((f) => (isObject(f) && typeof f.id === "string" ? [f.id] : [])));
  const seen = new Set<string>();
  return list.map((entry, index) => {
    const where = `fields[${index}]`;
    if (!isObject(entry)) throw badRequest(`Invalid item: ${where} must be an object`);
    const type = (optionalString(entry.type, `${where}.type`) || "STRING").toUpperCase();
    if (!(FIELD_TYPES as readonly string[]).includes(type)) {
      throw badRequest(`Invalid field type "${type}" in ${where}: use one of ${FIELD_TYPES.join(", ")}`);
    }
    const purpose = optionalString(entry.purpose, `${where}.purpose`);
    if (purpose !== undefined && !(FIELD_PURPOSES as readonly string[]).includes(purpose)) {
      throw badRequest(`Invalid field purpose "${purpose}" in ${where}: use USERNAME, PASSWORD or NOTES`);
    }
    let id = optionalString(entry.id, `${where}.id`) ?? "";
    if (id === "") {
      const builtIn = purpose ? PURPOSE_IDS[purpose] : undefined;
      id = builtIn && !usedIds.has(builtIn) ? builtIn : createId(random);
      usedIds.add(id);
    }
    if (seen.has(id)) throw badRequest(`Invalid item: more than one field has the ID "${id}"`);
    seen.add(id);
    const field: Field = { id, type: type as FieldType };
    if (entry.section !== undefined && entry.section !== null) {
      const sectionId = isObject(entry.section) ? entry.section.id : undefined;
      if (typeof sectionId !== "string" || !sectionIds.has(sectionId)) {
        throw badRequest(
          `Invalid item: ${where} refers to section ${JSON.stringify(sectionId)}, which the item does not have`,
        );
      }
      field.section = { id: sectionId };
    }
    if (purpose !== undefined) field.purpose = purpose as FieldPurpose;
    const label = optionalString(entry.label, `${where}.label`);
    if (label !== undefined) field.label = label;
    const given = optionalString(entry.value, `${where}.value`);
    const generate = optionalBoolean(entry.generate, `${where}.generate`) ?? false;
    const recipe = checkRecipe(entry.recipe);
    if (generate && (given === undefined || given === "")) {
      const generated = generateValue(recipe);
      field.value = generated.value;
      field.entropy = generated.entropy;
    } else if (given !== undefined) {
      if (type === "DATE" && given !== "" && !isDate(given)) {
        throw badRequest(`Invalid date in ${where}: use YYYY-MM-DD`);
      }
      field.value = given;
      // A value generated earlier keeps the generator's entropy; others get an estimate.
      const previous = before.find((f) => f.id === id && f.value === given && f.entropy !== undefined);
      if (previous) field.entropy = previous.entropy;
      else if (purpose === "PASSWORD") field.entropy = estimateEntropy(given);
    }
    return field;
  });
}

function readUrls(value: unknown): ItemUrl[] {
  return optionalArray(value, "urls").map((entry, index) => {
    if (!isObject(entry) || typeof entry.href !== "string") {
      throw badRequest(`Invalid item: urls[${index}] needs an href string`);
    }
    const url: ItemUrl = { href: entry.href };
    const label = optionalString(entry.label, `urls[${index}].label`);
    if (label !== undefined) url.label = label;
    const primary = optionalBoolean(entry.primary, `urls[${index}].primary`);
    if (primary !== undefined) url.primary = primary;
    return url;
  });
}

function readTags(value: unknown): string[] {
  const tags = optionalArray(value, "tags");
  if (tags.some((t) => typeof t !== "string")) throw badRequest("Invalid item: tags must be strings");
  return [...new Set(tags as string[])];
}

function readSeedFiles(value: unknown, sections: Section[], random: Random | undefined): StoredFile[] {
  const sectionIds = new Set(sections.map((s) => s.id));
  return optionalArray(value, "files").map((entry, index) => {
    const where = `files[${index}]`;
    if (!isObject(entry) || typeof entry.name !== "string" || entry.name === "") {
      throw badRequest(`Invalid item: ${where} needs a name`);
    }
    if (typeof entry.content !== "string") throw badRequest(`Invalid item: ${where} needs base64 content`);
    const id = optionalString(entry.id, `${where}.id`) || createId(random);
    if (!isConnectId(id)) throw badRequest(`Invalid item: ${where}.id is not a 26-character Connect ID`);
    const file: StoredFile = { id, name: entry.name, content: Buffer.from(entry.content, "base64") };
    if (isObject(entry.section)) {
      if (typeof entry.section.id !== "string" || !sectionIds.has(entry.section.id)) {
        throw badRequest(`Invalid item: ${where} refers to a section the item does not have`);
      }
      file.section = { id: entry.section.id };
    }
    return file;
  });
}

/** The list endpoint's summary: no fields, sections or files. */
export function describeItemSummary(item: StoredItem): Json {
  const summary: Json = {
    id: item.id,
    title: item.title,
    version: item.version,
    vault: { id: item.vaultId },
    category: item.category,
    lastEditedBy: item.lastEditedBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
  if (item.urls.length > 0) summary.urls = item.urls.map((u) => ({ ...u }));
  if (item.favorite) summary.favorite = true;
  if (item.tags.length > 0) summary.tags = [...item.tags];
  return summary;
}

/** The full item: fields with the current one-time code on OTP fields, sections, files without content. */
export function describeFullItem(item: StoredItem, now = Date.now()): Json {
  const full = describeItemSummary(item);
  if (item.sections.length > 0) full.sections = item.sections.map((s) => ({ ...s }));
  full.fields = item.fields.map((field) => {
    const shown: Json = { ...field };
    if (field.section) shown.section = { ...field.section };
    if (field.type === "OTP" || field.type === "TOTP") {
      const code = currentTotp(field.value, now);
      if (code !== undefined) shown.totp = code;
    }
    return shown;
  });
  if (item.files.length > 0) full.files = item.files.map((file) => describeFile(item, file, false));
  return full;
}

/**
 * The full item as the JSON bytes of an answer. Stored items are replaced on every change, never
 * changed in place (store.ts), so the bytes are made once per item version and shared by every read,
 * as a lean server does; items with one-time passwords are made afresh, their code moves with time.
 */
export function fullItemBody(item: StoredItem): Buffer {
  if (item.fields.some((field) => field.type === "OTP" || field.type === "TOTP")) {
    return Buffer.from(JSON.stringify(describeFullItem(item)));
  }
  let body = fullItemBodies.get(item);
  if (!body) {
    body = Buffer.from(JSON.stringify(describeFullItem(item)));
    fullItemBodies.set(item, body);
  }
  return body;
}

const fullItemBodies = new WeakMap<StoredItem, Buffer>();

/** A file's metadata; `content` (base64) only when asked for. */
export function describeFile(item: StoredItem, file: StoredFile, inline: boolean): Json {
  const shown: Json = {
    id: file.id,
    name: file.name,
    size: file.content.length,
    content_path: filePath(item, file),
  };
  if (file.section) shown.section = { ...file.section };
  if (inline) shown.content = file.content.toString("base64");
  return shown;
}

export const filePath = (item: StoredItem, file: StoredFile) =>
  `v1/vaults/${item.vaultId}/items/${item.id}/files/${file.id}/content`;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest(`Invalid item: ${name} must be a string`);
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw badRequest(`Invalid item: ${name} must be true or false`);
  return value;
}

function optionalArray(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`Invalid item: ${name} must be an array`);
  return value;
}

function readDate(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) {
    throw badRequest(`Invalid item: ${name} must be an ISO 8601 date-time`);
  }
  return new Date(value).toISOString();
}

function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
