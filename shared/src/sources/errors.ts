// The error a host shows when no source could list anything.

/** Every configured source failed to list items; the message is each one's reason. */
export class SourcesFailedError extends Error {
  override readonly name = "SourcesFailedError";
  constructor(readonly reasons: string[]) {
    super(reasons.join("\n"));
  }
}
