// A finding's fingerprint, to remember "ignore this finding" without keeping the value: the same
// secret has the same fingerprint wherever it moves in the file, and the value cannot be read back.
import { createHash } from "node:crypto";

/**
 * SHA-256 of a per-workspace salt, the finding's kind and its value. The salt (random, kept beside
 * the fingerprints) makes a stored fingerprint useless for guessing the value by hashing candidates
 * from a list: each workspace would need its own attempt.
 */
export function secretFingerprint(salt: string, kind: string, value: string): string {
  return createHash("sha256").update(`${salt}\u0000${kind}\u0000${value}`).digest("base64url");
}
