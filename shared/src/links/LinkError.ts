/** Raised when a link cannot be built, before any URL exists: the message says which value is wrong. */
export class LinkError extends Error {
  override readonly name = "LinkError";
}
