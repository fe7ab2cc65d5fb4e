/**
 * A secret reference that is malformed, or that does not lead to a field. The message says what
 * is wrong and where; `reason` is that explanation without the reference itself. References are
 * addresses, never values, so they are safe to show.
 */
export class SecretReferenceError extends Error {
  override readonly name = "SecretReferenceError";
  readonly reference: string;
  readonly reason: string;

  constructor(reference: string, reason: string) {
    super(`${quoteForMessage(reference)}: ${reason}`);
    this.reference = reference;
    this.reason = reason;
  }
}

function quoteForMessage(reference: string): string {
  const shown = reference.length > 120 ? `${reference.slice(0, 120)}…` : reference;
  return `Secret reference ${JSON.stringify(shown)}`;
}
