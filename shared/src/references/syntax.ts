// Builds and parses `op://<vault>/<item>/[<section>/]<field>[?attribute=…]` secret references.
import { SecretReferenceError } from "./SecretReferenceError.js";

/** The field attributes a reference can ask for (`?attribute=`, alias `attr`). */
export type ReferenceAttribute = "otp" | "type" | "value" | "id" | "purpose";

/** What a reference is built from: names are used where the syntax allows, IDs elsewhere. */
export interface SecretReferenceParts {
  vault: { id: string; name: string };
  item: { id: string; title: string };
  section?: { id: string; label?: string };
  field: { id: string; label?: string };
  attribute?: ReferenceAttribute;
  /** `?ssh-format=openssh` on an SSH key's private key. */
  sshFormat?: "openssh";
}

/** A parsed reference: each part as written (a name or an ID; lookups try both). */
export interface ParsedSecretReference {
  vault: string;
  item: string;
  section?: string;
  field: string;
  /** Lower-cased: otp, totp, type, value, id, purpose; content, size, name for files. */
  attribute?: string;
  sshFormat?: string;
}

export interface BuildSecretReferenceOptions {
  /** Always use IDs, even where names are allowed (stable when items are renamed). */
  useIds?: boolean;
}

const scheme = "op://";
/** Characters a part may hold (the syntax page: a-z A-Z 0-9 - _ . and whitespace, of which the SDK takes only spaces). */
const partCharacter = /^[A-Za-z0-9 _.-]$/;
/** A name used as-is: allowed characters, and no space at either end (quoting and editors would lose it). */
const usableName = /^[A-Za-z0-9_.-](?:[A-Za-z0-9 _.-]*[A-Za-z0-9_.-])?$/;
const fieldAttributes = new Set(["otp", "totp", "type", "value", "id", "purpose"]);
const fileAttributes = new Set(["content", "size", "name"]);
const sshFormats = new Set(["openssh"]);

/** True when `name` can stand in a reference as it is. */
export function isNameAllowedInReference(name: string): boolean {
  return usableName.test(name);
}

/**
 * `op://vault/item/[section/]field[?attribute=…]`, with each part's name where the syntax allows it
 * and its ID otherwise (there is no escaping). Throws SecretReferenceError when even the ID cannot
 * be written.
 */
export function buildSecretReference(
  parts: SecretReferenceParts,
  options: BuildSecretReferenceOptions = {},
): string {
  const useIds = options.useIds === true;
  const segments = [
    pickToken("vault", parts.vault.name, parts.vault.id, useIds),
    pickToken("item", parts.item.title, parts.item.id, useIds),
  ];
  if (parts.section && (parts.section.id || parts.section.label)) {
    segments.push(pickToken("section", parts.section.label, parts.section.id, useIds));
  }
  segments.push(pickToken("field", parts.field.label, parts.field.id, useIds));
  let reference = scheme + segments.join("/");
  if (parts.attribute) reference += `?attribute=${parts.attribute}`;
  else if (parts.sshFormat) reference += `?ssh-format=${parts.sshFormat}`;
  return reference;
}

function pickToken(what: string, name: string | undefined, id: string, useIds: boolean): string {
  if (!useIds && name !== undefined && usableName.test(name)) return name;
  if (typeof id === "string" && usableName.test(id)) return id;
  const label = name ? ` "${name}"` : "";
  throw new SecretReferenceError(
    `op://…`,
    `the ${what}${label} has no name or ID a reference can hold (only letters, digits, - _ . and spaces)`,
  );
}

/** Splits a reference into its parts, or throws SecretReferenceError saying what is wrong. */
export function parseSecretReference(reference: string): ParsedSecretReference {
  if (typeof reference !== "string") {
    throw new SecretReferenceError(`(${typeof reference})`, "a reference must be text");
  }
  const fail = (reason: string): never => {
    throw new SecretReferenceError(reference, reason);
  };
  if (!reference.startsWith(scheme)) {
    if (reference.toLowerCase().startsWith(scheme)) fail('the scheme must be written in lower case: "op://"');
    fail('it must start with "op://"');
  }
  const queryAt = reference.indexOf("?");
  const path = reference.slice(scheme.length, queryAt === -1 ? undefined : queryAt);
  const query = queryAt === -1 ? undefined : reference.slice(queryAt + 1);

  const segments = path.split("/");
  if (segments.length < 3 || segments.length > 4) {
    fail(
      `it has ${segments.length} part${segments.length === 1 ? "" : "s"}; ` +
        "a reference is op://vault/item/field or op://vault/item/section/field",
    );
  }
  const names = segments.length === 3 ? ["vault", "item", "field"] : ["vault", "item", "section", "field"];
  segments.forEach((segment, index) => checkSegment(segment, names[index] ?? "part", fail));

  const parsed: ParsedSecretReference =
    segments.length === 3
      ? { vault: segments[0]!, item: segments[1]!, field: segments[2]! }
      : { vault: segments[0]!, item: segments[1]!, section: segments[2]!, field: segments[3]! };
  if (query !== undefined) readQuery(query, parsed, fail);
  return parsed;
}

function checkSegment(segment: string, what: string, fail: (reason: string) => never): void {
  if (segment.length === 0) fail(`the ${what} is empty`);
  if (segment.trim().length === 0) fail(`the ${what} is only spaces`);
  for (const character of segment) {
    if (!partCharacter.test(character)) {
      const shown = /^[\x21-\x7e]$/.test(character)
        ? `"${character}"`
        : `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
      fail(
        `the ${what} "${segment}" contains ${shown}; names may hold only letters, digits, - _ . and spaces, ` +
          `so use the ${what}'s ID instead`,
      );
    }
  }
}

function readQuery(query: string, parsed: ParsedSecretReference, fail: (reason: string) => never): void {
  if (query.length === 0) fail('it ends with "?" but has no query parameter');
  for (const pair of query.split("&")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) fail(`the query parameter "${pair}" must be written key=value`);
    const key = pair.slice(0, equals).toLowerCase();
    const value = pair.slice(equals + 1).toLowerCase();
    if (key === "attribute" || key === "attr") {
      if (parsed.attribute !== undefined) fail("it names the attribute twice");
      if (!fieldAttributes.has(value) && !fileAttributes.has(value)) {
        fail(
          `"${value}" is not an attribute; fields have type, value, id, purpose and otp, ` +
            "files have type, content, size, id and name",
        );
      }
      parsed.attribute = value;
    } else if (key === "ssh-format") {
      if (parsed.sshFormat !== undefined) fail("it names the ssh-format twice");
      if (!sshFormats.has(value)) fail(`"${value}" is not an SSH key format; the only one is openssh`);
      parsed.sshFormat = value;
    } else {
      fail(`"${key}" is not a query parameter of secret references (attribute, attr or ssh-format)`);
    }
  }
}
