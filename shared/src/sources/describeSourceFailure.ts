// Sorts a source's failure into a problem kind; the message is the error's own, which already says what to do.
import {
  ConnectConfigError,
  ConnectHttpError,
  ConnectNetworkError,
  ConnectTimeoutError,
} from "../connect/errors.js";
import { MetadataRootMissingError } from "../metadata/errors.js";
import { SdkError, toSdkError } from "../sdk/SdkError.js";
import type { Source, SourceProblem, SourceProblemKind } from "./types.js";

export function describeSourceFailure(
  source: Pick<Source, "id" | "label" | "kind">,
  error: unknown,
): SourceProblem {
  // A sign-in handed in by the host may throw the SDK's own errors: they are sorted (and redacted) the same way.
  const known = source.kind === "sdk" ? toSdkError(error) : error;
  const message = known instanceof Error ? known.message : String(known);
  return { sourceId: source.id, label: source.label, kind: problemKind(source, known), message };
}

function problemKind(source: Pick<Source, "kind">, error: unknown): SourceProblemKind {
  if (error instanceof MetadataRootMissingError) return "metadata-missing";
  // Any other failure of the folder (permissions, a watcher that died) leaves it unreadable.
  if (source.kind === "metadata") return "metadata-unreadable";
  if (error instanceof SdkError) return `sdk-${error.kind}`;
  if (error instanceof ConnectHttpError) {
    if (error.status === 401) return "connect-token-rejected";
    if (error.status === 403) return "connect-forbidden";
    if (error.status === 429) return "connect-rate-limited";
    if (error.status >= 500) return "connect-server-error";
    return "other";
  }
  if (error instanceof ConnectTimeoutError) return "connect-timeout";
  if (error instanceof ConnectNetworkError) return "connect-unreachable";
  if (error instanceof ConnectConfigError) return "connect-config";
  return "other";
}
