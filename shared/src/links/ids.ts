// Checks the IDs that go into 1Password URLs, so a malformed ID never produces a link.
import { LinkError } from "./LinkError.js";

// 1Password 7 and Connect IDs are 26 lower-case base32 characters (the seed's "2qi2kzbzxrm5ijfire7wfbb23e");
// 1Password account IDs (profileUUID) are the same length in upper case, and items migrated from the
// Agile Keychain era still carry 32-character hex UUIDs. Anything else could break out of a URL path.
const modernId = /^[a-z0-9]{26}$/i;
const legacyId = /^[0-9a-f]{32}$/i;

/** Throws a LinkError naming `what` unless `id` has the shape of a 1Password ID. */
export function checkId(id: unknown, what: string): string {
  if (typeof id !== "string" || id.length === 0) {
    throw new LinkError(`The ${what} is missing, so no 1Password link can be built.`);
  }
  if (!modernId.test(id) && !legacyId.test(id)) {
    const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
    throw new LinkError(
      `"${shown}" is not a valid ${what}: 1Password IDs are 26 letters and digits (or 32 hex digits).`,
    );
  }
  return id;
}
