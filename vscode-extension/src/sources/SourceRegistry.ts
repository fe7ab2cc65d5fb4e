// The extension's item sources: its settings and secrets turned into the shared source layer, rebuilt when they
// change, and the one gate that keeps an untrusted workspace from contacting any source.
import {
  abortable,
  createSdkSessions,
  createSourceSet,
  SourcesFailedError,
  type ItemProvider,
  type ItemSummary,
  type SdkAuth,
  type SourceSet,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { isCancellation, tagLog, type Log } from "../log.js";
import { buildSources, checkSdkSource, type Source } from "./buildSources.js";
import { restrictedProblem, type ItemsSnapshot, type SourceRegistryHost } from "./registryTypes.js";
import { forgetSignIns, saveConnectServer, saveSdkSignIn } from "./signIns.js";
import { findWorkspaceServerOverrides, workspaceOverrideNotice } from "./workspaceServerSettings.js";

export { abortable, SourcesFailedError, type SdkAuth, type Source };
export { restrictedProblem, type ItemsSnapshot, type SourceRegistryHost };

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

  /** Saves a Connect server: its URL in the user's settings, its token in SecretStorage. */
  async addConnectServer(serverUrl: string, token: string): Promise<void> {
    await saveConnectServer(this.host, serverUrl, token);
    this.invalidate("server added");
  }

  /** Keeps the SDK sign-in: a service account token in SecretStorage, or the desktop account name in globalState. */
  async signInSdk(auth: SdkAuth): Promise<void> {
    await saveSdkSignIn(this.host, auth);
    this.invalidate("signed in");
  }

  /** Forgets both kinds of sign-in: every token it stored, the user's server settings, and the SDK account. */
  async signOut(): Promise<void> {
    await forgetSignIns(this.host);
    this.sessions.forget();
    this.invalidate("signed out");
  }

  /** Signs in to the SDK now (the desktop app asks for approval) and answers a source over it. */
  checkSdk(auth: SdkAuth, signal?: AbortSignal): Promise<Source> {
    return checkSdkSource(this.sessions, auth, signal);
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
    void this.noticeWorkspaceOverrides().catch((error: unknown) => this.log.error(String(error)));
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

  /** Once a session: a workspace whose files name Connect servers is told its values are ignored. */
  private async noticeWorkspaceOverrides(): Promise<void> {
    if (this.noticeShown) return;
    const notice = workspaceOverrideNotice(await findWorkspaceServerOverrides());
    if (!notice || this.noticeShown) return;
    this.noticeShown = true;
    this.log.warn(notice);
    const openSettings = "Open User Settings";
    const choice = await vscode.window.showWarningMessage(notice, openSettings);
    if (choice === openSettings) {
      await vscode.commands.executeCommand("workbench.action.openGlobalSettings", {
        query: "opBridge.connect",
      });
    }
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
