// Where each reference of a document leads (vault, item, field; never the value), remembered per document version.
import { locateSecretReference, type LocatedReference } from "@op-bridge/shared";
import type * as vscode from "vscode";
import { errorMessage, isCancellation } from "../log.js";
import { abortable, type Source } from "../sources/SourceRegistry.js";
import type { StructureCache } from "../sources/structureCache.js";

export type Resolution =
  | { status: "found"; located: LocatedReference; source: Source | undefined }
  /** The sources answered, and the reference does not lead to a field: `reason` says which part. */
  | { status: "missing"; reason: string }
  /** Nothing could be checked: no source is configured, or the sources failed (`reason`). */
  | { status: "unchecked"; reason: string; noSources?: boolean };

export const noSourceReason =
  'No 1Password source is configured: run "1Password: Connect to Server…" or "1Password: Sign In…" to check references.';

export class ReferenceResolver {
  private readonly results = new Map<
    string,
    { version: number; byReference: Map<string, Promise<Resolution>> }
  >();

  constructor(private readonly cache: StructureCache) {}

  /** Resolves a reference as found in this version of the document; a new version asks again (from the cache). */
  resolve(
    document: Pick<vscode.TextDocument, "uri" | "version">,
    reference: string,
    signal?: AbortSignal,
  ): Promise<Resolution> {
    const key = document.uri.toString();
    let known = this.results.get(key);
    if (!known || known.version !== document.version) {
      known = { version: document.version, byReference: new Map() };
      this.results.set(key, known);
    }
    let result = known.byReference.get(reference);
    if (!result) {
      const located = this.locate(reference);
      const map = known.byReference;
      // A read cancelled because the sources changed is asked again next time.
      located.catch(() => {
        if (map.get(reference) === located) map.delete(reference);
      });
      map.set(reference, located);
      result = located;
    }
    return abortable(result, signal);
  }

  /** Resolves without a document (a link clicked, a command run). */
  locate(reference: string): Promise<Resolution> {
    return locateThrough(this.cache, reference);
  }

  forget(document: Pick<vscode.TextDocument, "uri">): void {
    this.results.delete(document.uri.toString());
  }

  clear(): void {
    this.results.clear();
  }
}

async function locateThrough(cache: StructureCache, reference: string): Promise<Resolution> {
  const providers = await cache.providers();
  if (providers.length === 0) return { status: "unchecked", reason: noSourceReason, noSources: true };
  try {
    const located = await locateSecretReference(providers, reference);
    return { status: "found", located, source: await cache.sourceOf(located.provider) };
  } catch (error) {
    if (isCancellation(error)) throw error;
    if (error instanceof Error && error.name === "SecretReferenceError") {
      return { status: "missing", reason: (error as Error & { reason: string }).reason };
    }
    // A server that is down says so; it is not "vault not found".
    return { status: "unchecked", reason: errorMessage(error) };
  }
}
