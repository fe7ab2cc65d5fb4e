// The configured sources for a command that needs at least one, or an error that says how to get one.
import * as vscode from "vscode";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";
import { CancelledError, withNotificationProgress } from "./run.js";

/**
 * Every configured source; none is an error that names what is wrong with the settings (a server
 * without a stored token, a URL that cannot be used) or, when nothing is configured, what to run.
 */
export async function requireSources(registry: SourceRegistry): Promise<Source[]> {
  const sources = await registry.sources();
  if (sources.length > 0) return sources;
  const issues = await registry.setupIssues();
  if (issues.length > 0) {
    throw new Error(
      `No 1Password source can be used: ${issues.map((issue) => `${issue.label}: ${issue.message}`).join(" ")}`,
    );
  }
  throw new Error(
    'No 1Password source is configured: run "1Password: Connect to Server…" or "1Password: Sign In…" first.',
  );
}

interface SourcePick extends vscode.QuickPickItem {
  source: Source;
}

/** The source a new item goes to: the only one there is, or the user's pick among several. */
export async function pickSourceForNewItem(registry: SourceRegistry, title: string): Promise<Source> {
  const sources = await requireSources(registry);
  if (sources.length === 1) return sources[0]!;
  const chosen = await vscode.window.showQuickPick<SourcePick>(
    sources.map((source) => {
      const kind = source.kind === "connect" ? "Connect server" : "1Password SDK";
      // An unnamed server is already called "Connect server": the kind is not said twice.
      return { label: source.label, ...(kind === source.label ? {} : { description: kind }), source };
    }),
    { title, placeHolder: "Where should the new item be saved?", ignoreFocusOut: true },
  );
  if (!chosen) throw new CancelledError();
  return chosen.source;
}

interface VaultPick extends vscode.QuickPickItem {
  vault: { id: string; name: string };
}

export interface PickVaultOptions {
  title: string;
  placeHolder: string;
  /**
   * Take a lone vault without asking. The vaults are then read first (shown as progress, with Cancel);
   * otherwise the picker opens at once and is busy while they load.
   */
  takeLoneVault?: boolean;
  ignoreFocusOut?: boolean;
}

/** The vault a new item goes to, among the vaults of `source`, sorted by name. Escape cancels the listing too. */
export async function pickVault(
  source: Source,
  options: PickVaultOptions,
): Promise<{ id: string; name: string }> {
  const list = async (signal: AbortSignal) => {
    const vaults = await source.provider.listVaults({ signal });
    if (vaults.length === 0) {
      throw new Error(`${source.label} lists no vaults: give its token access to a vault in 1Password.`);
    }
    return [...vaults].sort((a, b) => a.name.localeCompare(b.name));
  };
  const toPicks = (vaults: { id: string; name: string }[]) =>
    vaults.map((vault): VaultPick => ({ label: vault.name, description: source.label, vault }));
  const pickOptions = {
    title: options.title,
    placeHolder: options.placeHolder,
    ignoreFocusOut: options.ignoreFocusOut ?? false,
  };
  if (options.takeLoneVault) {
    const vaults = await withNotificationProgress(`Reading the vaults of ${source.label}…`, list);
    if (vaults.length === 1) return vaults[0]!;
    const chosen = await vscode.window.showQuickPick(toPicks(vaults), pickOptions);
    if (!chosen) throw new CancelledError();
    return chosen.vault;
  }
  const controller = new AbortController();
  try {
    const picks: Promise<VaultPick[]> = list(controller.signal).then(toPicks);
    const chosen = await vscode.window.showQuickPick(picks, pickOptions);
    if (!chosen) throw new CancelledError();
    return chosen.vault;
  } finally {
    controller.abort(new CancelledError());
  }
}
