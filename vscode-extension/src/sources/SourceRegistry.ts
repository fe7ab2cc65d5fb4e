// The extension's item sources: its settings and secrets turned into the shared source layer, rebuilt when they
// change, and the one gate that keeps an untrusted workspace from contacting any source.
import {
  abortable,
  createSdkProvider,
  createSdkSessions,
  createSourceSet,
  sdkSourceLabel,
  SourcesFailedError,
  type ConnectClient,
  type ItemProvider,
  type ItemSummary,
  type SdkAuth,
  type SdkClient,
  type SourceSet,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { isCancellation, tagLog, type Log } from "../log.js";
import { buildSources, type Source } from "./buildSources.js";
import { connectTokenKey, desktopAccountKey, normalizeServerUrl, readConnectServers } from "./settings.js";
import { serviceAccountTokenKey, userValue, workspaceOverrides } from "./settings.js";
import { forgetTokens, storeToken } from "./storedTokens.js";

export { abortable, SourcesFailedError, type SdkAuth, type Source };

/** Items of all sources, merged, with which sources list each item. */
export interface ItemsSnapshot {
  items: ItemSummary[];
  /** Sources listing the item, first the one that reads it. */
  sourcesOf(item: Pick<ItemSummary, "vaultId" | "id">): Source[];
  /** Sources that failed or could not be set up (bad URL, missing token), with a message fit for a person. */
  problems: { label: string; message: string }[];
}

/** What the registry needs from the extension host, so tests can hand in stand-ins. */
export interface SourceRegistryHost {
  secrets: vscode.SecretStorage;
  globalState: vscode.Memento;
  env?: Record<string, string | undefined>;
  log: Log;
  /** Builds a Connect client; default createConnectClient. */
  connectClient?: (serverUrl: string, token: string) => ConnectClient;
  /** Signs in to the SDK; default loadSdkClient (imports @1password/sdk on first use). */
  loadSdk?: (auth: SdkAuth, signal?: AbortSignal) => Promise<SdkClient>;
  extensionVersion?: string;
}

/** Why nothing is listed in Restricted Mode, and the two ways on. */
export const restrictedProblem = {
  label: "Restricted Mode",
  message:
    "This workspace is not trusted, so 1Password is not contacted on its behalf: trust the workspace, or run a 1Password command.",
};

export class SourceRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when sources are added or removed, their settings change, or the items should be read again. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly log: Log;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sessions;
  private current: Promise<{ sources: Source[]; set: SourceSet }> | undefined;
  /** Every source failed at the last read: the next one asks again rather than repeat the failure. */
  private readAgain = false;
  private userActed = false;
  private noticeShown = false;

  constructor(private readonly host: SourceRegistryHost) {
    this.log = tagLog(host.log, "sources");
    this.sessions = createSdkSessions({
      ...(host.loadSdk ? { signIn: host.loadSdk } : {}),
      integrationName: "1Password Bridge for VS Code",
      integrationVersion: host.extensionVersion ?? "0.1.0",
    });
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration("opBridge.connect")) this.invalidate("settings changed");
      }),
      host.secrets.onDidChange((event) => {
        if (event.key.startsWith("opBridge.")) this.invalidate("a stored token changed");
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate("workspace trusted")),
    );
  }

  /** True when sources may be contacted: a trusted workspace, or the user ran a command in this session. */
  get mayContactSources(): boolean {
    return vscode.workspace.isTrusted || this.userActed;
  }

  /** The user ran a command: from now on it may contact sources, even in Restricted Mode. */
  allowUserAction(): void {
    if (this.mayContactSources) return;
    this.userActed = true;
    this.invalidate("the user acted in Restricted Mode");
  }

  /** The configured sources; built on first use (reads secret storage, never signs in to the SDK). */
  async sources(): Promise<Source[]> {
    return (await this.built())?.sources ?? [];
  }

  /** Configured sources that could not be set up at the last build (bad URL, missing token), or Restricted Mode. */
  async setupIssues(): Promise<{ label: string; message: string }[]> {
    const built = await this.built();
    if (!built) return [restrictedProblem];
    return built.set.setupProblems.map(({ label, message }) => ({ label, message }));
  }

  /** The providers of every source, for the shared reference functions. */
  async providers(): Promise<ItemProvider[]> {
    return (await this.sources()).map((source) => source.provider);
  }

  /** Items of every source merged by itemKey (mergeItems). Throws when every source failed. */
  async allItems(signal?: AbortSignal): Promise<ItemSummary[]> {
    return (await this.loadItems(signal)).items;
  }

  /**
   * Items of every source with where each came from. Kept until refresh() or a settings change,
   * so pickers open at once; a summary never holds a secret value.
   */
  async loadItems(signal?: AbortSignal): Promise<ItemsSnapshot> {
    const built = await abortable(this.built(), signal);
    if (!built) return { items: [], sourcesOf: () => [], problems: [restrictedProblem] };
    if (this.readAgain) built.set.refresh();
    this.readAgain = false;
    // Reading is shared between callers; it is not tied to the first caller's signal.
    const snapshot = await built.set.settled(signal);
    const problems = snapshot.problems.map(({ label, message }) => ({ label, message }));
    // Nothing listed anything: the reasons are the error (an empty list would hide them).
    if (
      problems.length > 0 &&
      snapshot.problems.length - built.set.setupProblems.length >= built.sources.length
    ) {
      this.readAgain = true;
      throw new SourcesFailedError(problems.map((p) => p.message));
    }
    return { items: snapshot.items, sourcesOf: (item) => snapshot.sourcesOf(item) as Source[], problems };
  }

  /** Reads every source again at the next load. */
  refresh(): void {
    void this.current?.then(({ set }) => set.refresh());
    this.changed.fire();
  }

  /** Saves a Connect server: its URL in the user's settings (or the servers list when another is set), its token in SecretStorage. */
  async addConnectServer(serverUrl: string, token: string): Promise<void> {
    const url = normalizeServerUrl(serverUrl);
    await storeToken(this.host, connectTokenKey(url), token);
    const configuration = vscode.workspace.getConfiguration("opBridge");
    const configured = readConnectServers(configuration);
    if (configured.some((server) => server.serverUrl.toLowerCase() === url.toLowerCase())) {
      return this.invalidate("token stored");
    }
    const target = vscode.ConfigurationTarget.Global;
    if (configured.length === 0 || !userValue<string>(configuration, "connect.serverUrl")) {
      await configuration.update("connect.serverUrl", url, target);
    } else {
      const servers = userValue<unknown[]>(configuration, "connect.servers") ?? [];
      await configuration.update("connect.servers", [...servers, { serverUrl: url }], target);
    }
    this.invalidate("server added");
  }

  /** Keeps the SDK sign-in: a service account token in SecretStorage, or the desktop account name in globalState. */
  async signInSdk(auth: SdkAuth): Promise<void> {
    if ("serviceAccountToken" in auth) {
      await this.host.globalState.update(desktopAccountKey, undefined);
      await storeToken(this.host, serviceAccountTokenKey, auth.serviceAccountToken.trim());
    } else {
      await this.host.secrets.delete(serviceAccountTokenKey);
      await this.host.globalState.update(desktopAccountKey, auth.desktopAccount.trim());
    }
    this.invalidate("signed in");
  }

  /** Forgets both kinds of sign-in: every token it stored, the user's server settings, and the SDK account. */
  async signOut(): Promise<void> {
    const configuration = vscode.workspace.getConfiguration("opBridge");
    const configuredKeys = readConnectServers(configuration).map((server) =>
      connectTokenKey(server.serverUrl),
    );
    await forgetTokens(this.host, [...configuredKeys, serviceAccountTokenKey]);
    for (const key of ["connect.serverUrl", "connect.servers"]) {
      if (configuration.inspect(key)?.globalValue !== undefined) {
        await configuration.update(key, undefined, vscode.ConfigurationTarget.Global);
      }
    }
    await this.host.globalState.update(desktopAccountKey, undefined);
    this.sessions.forget();
    this.invalidate("signed out");
  }

  /** Signs in to the SDK now (the desktop app asks for approval) and answers a source over it. */
  async checkSdk(auth: SdkAuth, signal?: AbortSignal): Promise<Source> {
    const options = sdkSourceLabel(auth);
    const provider = createSdkProvider(await this.sessions.clientFor(auth, signal), options);
    await provider.listVaults({ signal });
    const check = async () => ({ items: await provider.listItems() });
    return {
      id: "sdk",
      kind: "sdk",
      label: provider.label,
      provider,
      sharing: provider.sharing,
      environments: provider.environments,
      load: check,
    };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    void this.current?.then(({ set }) => set.close());
  }

  /** The sources and their set, or nothing while the workspace is untrusted and the user has not acted. */
  private async built(): Promise<{ sources: Source[]; set: SourceSet } | undefined> {
    if (!this.mayContactSources) return undefined;
    this.current ??= this.build();
    return this.current;
  }

  private async build(): Promise<{ sources: Source[]; set: SourceSet }> {
    this.noticeWorkspaceOverrides();
    const host = { ...this.host, env: this.host.env ?? process.env, sessions: this.sessions, log: this.log };
    const { sources, setupProblems } = await buildSources(host);
    const set = createSourceSet(sources, {
      setupProblems,
      onProblem: (problem, error) => {
        if (!isCancellation(error)) this.log.error(`${problem.label}: ${problem.message}`);
      },
    });
    return { sources, set };
  }

  /** Once a session: a workspace that names Connect servers is told its values are ignored (never what they are). */
  private noticeWorkspaceOverrides(): void {
    const overridden = workspaceOverrides(vscode.workspace.getConfiguration("opBridge"));
    if (overridden.length === 0 || this.noticeShown) return;
    this.noticeShown = true;
    const names = overridden.map((key) => `opBridge.${key}`).join(" and ");
    this.log.warn(`workspace settings ignored: ${names}`);
    void vscode.window.showWarningMessage(
      `This workspace sets ${names}, which is ignored: Connect servers come from your user settings only, so a repository cannot choose where your tokens are sent.`,
    );
  }

  private invalidate(reason: string): void {
    this.log.info(`sources rebuilt: ${reason}`);
    const old = this.current;
    this.current = undefined;
    this.readAgain = false;
    void old?.then(
      ({ set }) => set.close(),
      () => undefined,
    );
    this.changed.fire();
  }
}
