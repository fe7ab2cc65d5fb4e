// Resolves op:// references against an account the way the SDK's Secrets API does: names or IDs,
// an optional section, `?attribute=otp` for the current code. Its own small parser, so the product's
// parser is checked against it rather than reused by it.
import type { Item, ItemField, ResolvedReference, ResolveReferenceError } from "@1password/sdk";
import type { DesktopAccount } from "./accounts.js";
import { withOtpCode } from "./sdkItems.js";

export class ReferenceFailure extends Error {
  readonly reason: ResolveReferenceError;
  constructor(reason: ResolveReferenceError) {
    super(reason.message ?? describe(reason.type));
    this.reason = reason;
  }
}

function describe(type: ResolveReferenceError["type"]): string {
  const texts: Partial<Record<ResolveReferenceError["type"], string>> = {
    vaultNotFound: "no vault matched the secret reference query",
    itemNotFound: "no item matched the secret reference query",
    fieldNotFound: "the specified field cannot be found within the item",
    tooManyVaults: "more than one vault matched the secret reference query",
    tooManyItems: "more than one item matched the secret reference query",
    tooManyMatchingFields: "more than one field matched the secret reference query",
    noMatchingSections: "no section matched the secret reference query",
    incompatibleTOTPQueryParameterField:
      "the totp query parameter can only be used with a one-time password field",
  };
  return `error resolving secret reference: ${texts[type] ?? type}`;
}

const fail = (reason: ResolveReferenceError): never => {
  throw new ReferenceFailure(reason);
};

function parse(reference: string) {
  if (!reference.startsWith("op://"))
    fail({ type: "parsing", message: "secret reference must start with op://" });
  const [path = "", query] = reference.slice("op://".length).split("?", 2);
  const parts = path.split("/");
  if (parts.length < 3 || parts.length > 4 || parts.some((part) => part.length === 0)) {
    fail({
      type: "parsing",
      message: "secret reference is not formatted as op://<vault>/<item>/[section/]field",
    });
  }
  const attribute = new URLSearchParams(query ?? "").get("attribute") ?? undefined;
  const [vault, item] = parts as [string, string];
  return parts.length === 3
    ? { vault, item, field: parts[2]!, attribute }
    : { vault, item, section: parts[2]!, field: parts[3]!, attribute };
}

/** Things named by ID first, then by title (case-insensitive), as 1Password matches reference parts. */
function matching<T>(things: T[], wanted: string, id: (t: T) => string, title: (t: T) => string): T[] {
  const byId = things.filter((t) => id(t) === wanted);
  if (byId.length > 0) return byId;
  return things.filter((t) => title(t).toLowerCase() === wanted.toLowerCase());
}

function single<T>(found: T[], none: ResolveReferenceError, many: ResolveReferenceError): T {
  if (found.length === 0) fail(none);
  if (found.length > 1) fail(many);
  return found[0]!;
}

export function resolveReference(account: DesktopAccount, reference: string): ResolvedReference {
  const wanted = parse(reference);
  const vaults = [...account.vaults.values()];
  const vault = single(
    matching(
      vaults,
      wanted.vault,
      (v) => v.overview.id,
      (v) => v.overview.title,
    ),
    { type: "vaultNotFound" },
    { type: "tooManyVaults" },
  );
  const item: Item = single(
    matching(
      [...vault.items.values()],
      wanted.item,
      (i) => i.id,
      (i) => i.title,
    ),
    { type: "itemNotFound" },
    { type: "tooManyItems" },
  );
  const secret = fieldValue(item, wanted);
  return { secret, itemId: item.id, vaultId: item.vaultId };
}

function fieldValue(item: Item, wanted: { section?: string; field: string; attribute?: string }): string {
  if (!wanted.section && wanted.field.toLowerCase() === "notesplain") return item.notes;
  let fields: ItemField[] = item.fields;
  if (wanted.section) {
    const sections = matching(
      item.sections,
      wanted.section,
      (s) => s.id,
      (s) => s.title,
    );
    if (sections.length === 0) fail({ type: "noMatchingSections" });
    const ids = new Set(sections.map((s) => s.id));
    fields = fields.filter((f) => f.sectionId !== undefined && ids.has(f.sectionId));
  }
  const field = single(
    matching(
      fields,
      wanted.field,
      (f) => f.id,
      (f) => f.title,
    ),
    { type: "fieldNotFound" },
    { type: "tooManyMatchingFields" },
  );
  if (wanted.attribute === "otp" || wanted.attribute === "totp") {
    const details = withOtpCode(field).details;
    if (details?.type !== "Otp") fail({ type: "incompatibleTOTPQueryParameterField" });
    const content = details?.type === "Otp" ? details.content : undefined;
    return (
      content?.code ??
      fail({ type: "unableToGenerateTotpCode", message: "the one-time password secret is not valid" })
    );
  }
  return field.value;
}
