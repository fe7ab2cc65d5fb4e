// Vaults, item lists and item structures of every source, kept briefly so hovers, completion, diagnostics and
// Preview with Secrets do not ask the servers again for each keystroke or reference; values are never kept here.
import type { ItemDetails, ItemProvider, ItemSummary } from "@op-bridge/shared";
import type * as vscode from "vscode";
import { abortable, type Source, type SourceRegistry } from "./SourceRegistry.js";

/** A source with a provider whose structure reads are shared and remembered. */
export interface CachedSource {
  source: Source;
  provider: ItemProvider;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export class StructureCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry<unknown>>();
  private cached: Promise<CachedSource[]> | undefined;
  /** Aborts the reads in flight when the cache is cleared: their answers would be for old sources. */
  private reads = new AbortController();
  private readonly subscription: vscode.Disposable;

  constructor(
    /** Where the sources come from; cleared whenever it changes (settings, tokens, Refresh Items). */
    readonly registry: SourceRegistry,
    private readonly maxAgeMs = 60_000,
  ) {
    this.subscription = registry.onDidChange(() => this.clear());
  }

  /** The configured sources, each with a remembering provider (built on first use, no I/O when none). */
  sources(): Promise<CachedSource[]> {
    this.cached ??= this.registry
      .sources()
      .then((sources) => sources.map((source) => ({ source, provider: this.remembering(source) })));
    return this.cached;
  }

  /** The providers for the shared reference functions (locateSecretReference). */
  async providers(): Promise<ItemProvider[]> {
    return (await this.sources()).map((s) => s.provider);
  }

  /** The source a remembering provider stands for. */
  async sourceOf(provider: ItemProvider): Promise<Source | undefined> {
    return (await this.sources()).find((s) => s.provider === provider)?.source;
  }

  clear(): void {
    this.reads.abort(new DOMException("The sources changed", "AbortError"));
    this.reads = new AbortController();
    this.entries.clear();
    this.cached = undefined;
  }

  dispose(): void {
    this.clear();
    this.subscription.dispose();
  }

  private remembering(source: Source): ItemProvider {
    const real = source.provider;
    return {
      source: real.source,
      label: real.label,
      listVaults: ({ signal } = {}) =>
        this.remember(`${source.id}|vaults`, signal, (s) => real.listVaults({ signal: s })),
      listItems: ({ vaultId, signal } = {}) =>
        this.remember<ItemSummary[]>(`${source.id}|items|${vaultId ?? "*"}`, signal, (s) =>
          real.listItems({ ...(vaultId !== undefined ? { vaultId } : {}), signal: s }),
        ),
      getItemDetails: (vaultId, itemId, { signal } = {}) =>
        this.remember<ItemDetails>(`${source.id}|item|${vaultId}|${itemId}`, signal, (s) =>
          real.getItemDetails(vaultId, itemId, { signal: s }),
        ),
      // Values are read only when an action needs them, and never remembered.
      readFieldValue: (vaultId, itemId, fieldId, options) =>
        real.readFieldValue(vaultId, itemId, fieldId, options),
    };
  }

  /**
   * One read per key shared by every caller, kept for maxAgeMs. A caller's signal stops its own wait,
   * not the shared read (the next keystroke wants the same answer); failures are not kept.
   */
  private remember<T>(
    key: string,
    signal: AbortSignal | undefined,
    read: (signal: AbortSignal) => Promise<T>,
  ) {
    const now = Date.now();
    let entry = this.entries.get(key) as Entry<T> | undefined;
    if (!entry || now - entry.at > this.maxAgeMs) {
      const value = read(this.reads.signal);
      const created: Entry<T> = { at: now, value };
      entry = created;
      this.entries.set(key, created);
      value.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
    }
    return abortable(entry.value, signal);
  }
}
