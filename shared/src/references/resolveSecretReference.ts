// Reads the value a secret reference points to, at the moment an action needs it.
import { SecretReferenceError } from "./SecretReferenceError.js";
import { locateSecretReference, type LocateReferenceOptions } from "./locateSecretReference.js";
import { parseSecretReference } from "./syntax.js";
import type { ItemProvider } from "../types.js";

/**
 * Locates the field, then asks its provider for the value. `?attribute=otp` (or `totp`) reads the
 * current one-time code; without an attribute a one-time password field gives its stored secret,
 * as `op read` and `op inject` do. `type`, `id` and `purpose` are answered from the item's
 * structure without reading any value. File attributes and `ssh-format` conversion are refused
 * with a reason.
 */
export async function resolveSecretReference(
  providers: readonly ItemProvider[],
  reference: string,
  options: LocateReferenceOptions = {},
): Promise<string> {
  const parts = parseSecretReference(reference);
  const fail = (reason: string): never => {
    throw new SecretReferenceError(reference, reason);
  };
  if (parts.sshFormat !== undefined)
    fail("converting SSH keys (ssh-format) is not supported here; use the op CLI");
  if (parts.attribute && ["content", "size", "name"].includes(parts.attribute)) {
    fail(`the ${parts.attribute} attribute is for files, which are not supported here`);
  }
  const located = await locateSecretReference(providers, reference, options);
  const { field, item, provider, vault } = located;
  switch (parts.attribute) {
    case "type":
      return field.type;
    case "id":
      return field.id;
    case "purpose":
      return field.purpose ?? "";
    case "otp":
    case "totp":
      if (field.type.toUpperCase() !== "OTP" && field.type.toUpperCase() !== "TOTP") {
        fail(`the field "${field.label ?? field.id}" is not a one-time password field (it is ${field.type})`);
      }
      return provider.readFieldValue(vault.id, item.summary.id, field.id, {
        signal: options.signal,
        attribute: "otp",
      });
    default:
      // "value", or none: the field's stored value (a provider's own default for a one-time
      // password field is its current code, which is what copying that field gives).
      return provider.readFieldValue(vault.id, item.summary.id, field.id, {
        signal: options.signal,
        attribute: "value",
      });
  }
}
