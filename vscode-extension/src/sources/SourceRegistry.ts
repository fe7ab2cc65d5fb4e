// Every configured item source (Connect servers, an SDK account), rebuilt when settings or secrets change, with items merged across them.
import {
  connectionFromEnvironment,
  createConnectClient,
  createConnectProvider,
  createSdkProvider,
  itemKey,
  loadSdkClient,
  mergeItems,
  type ConnectClient,
  type EnvironmentsReader,
  type ItemProvider,
  type ItemSharingApi,
  type ItemSummary,
  type LoadSdkClientOptions,
  type SdkClient,
  type WritableItemProvider,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { errorMessage, isCancellation, tagLog, type Log } from "../log.js";
import {
  connectTokenKey,
  desktopAccountKey,
  normalizeServerUrl,
  readConnectServers,
  serviceAccountTokenKey,
} from "./settings.js";

/** One place items come from, with what the extension shows about it. */
export interface Source {
  /** Stable within a session: "connect:<url>", "env:<url>" or "sdk". */
  id: string;
  kind: "connect" | "sdk";
  /** Shown beside items and in the tree, e.g. the server's name or host, "Service account". */
  label: string;
  provider: WritableItemProvider;
  /** Item sharing, for sources that can share (the SDK). */
  sharing?: ItemSharingApi;
  /** 1Password Environments, for sources that can read them (the SDK). */
  environments?: EnvironmentsReader;
}

/** Items of all sources, merged, with which sources list each item. */
export interface ItemsSnapshot {
  items: ItemSummary[];
  /** Sources listing the item, first the one that reads it. */
  sourcesOf(item: Pick<ItemSummary, "vaultId" | "id">): Source[];
  /** Sources that failed or could not be set up (bad URL, missing token), with a message fit for a person. */
  problems: { label: string; message: string }[];
}

export type SdkAuth = LoadSdkClientOptions["auth"];

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

export class SourceRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when sources are added or removed, or their settings change. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  private readonly log: Log;
  private readonly disposables: vscode.Disposable[] = [];
  private current: Promise<Source[]> | undefined;
  /** Configured sources that could not be built, found by the last buildSources(). */
  private setupProblems: { label: string; message: string }[] = [];
  private clients: ConnectClient[] = [];
  private snapshot: Promise<ItemsSnapshot> | undefined;
  /** Signed-in SDK clients outlive source rebuilds: signing in again (desktop approval) is costly. */
  private sdkClient: { key: string; client: Promise<SdkClient> } | undefined;

  constructor(private readonly host: SourceRegistryHost) {
    this.log = tagLog(host.log, "sources");
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration("opBridge.connect")) this.invalidate("settings changed");
      }),
      host.secrets.onDidChange((event) => {
        if (event.key.startsWith("opBridge.")) this.invalidate("a stored token changed");
      }),
    );
  }

  /** The configured sources; built on first use (reads secret storage, never signs in to the SDK). */
  sources(): Promise<Source[]> {
    this.current ??= this.buildSources();
    return this.current;
  }

  /** Configured sources that could not be set up at the last build (bad URL, missing token). */
  async setupIssues(): Promise<{ label: string; message: string }[]> {
    await this.sources();
    return [...this.setupProblems];
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
  loadItems(signal?: AbortSignal): Promise<ItemsSnapshot> {
    if (!this.snapshot) {
      // Loading is shared between callers; it is not tied to the first caller's signal.
      const loading = this.fetchItems();
      this.snapshot = loading;
      loading.catch(() => {
        if (this.snapshot === loading) this.snapshot = undefined;
      });
    }
    return abortable(this.snapshot, signal);
  }

  /** Forgets listed items so the next load asks the sources again. */
  refresh(): void {
    this.snapshot = undefined;
    this.changed.fire();
  }

  /** Saves a Connect server: its URL in settings (or the servers list when another is set), its token in SecretStorage. */
  async addConnectServer(serverUrl: string, token: string): Promise<void> {
    const url = normalizeServerUrl(serverUrl);
    await this.host.secrets.store(connectTokenKey(url), token);
    const configuration = vscode.workspace.getConfiguration("opBridge");
    const configured = readConnectServers(configuration);
    if (configured.some((server) => server.serverUrl.toLowerCase() === url.toLowerCase())) {
      this.invalidate("token stored");
      return;
    }
    if (configured.length === 0 || !configuration.get<string>("connect.serverUrl")) {
      await configuration.update("connect.serverUrl", url, vscode.ConfigurationTarget.Global);
    } else {
      const servers = configuration.get<unknown[]>("connect.servers") ?? [];
      await configuration.update(
        "connect.servers",
        [...servers, { serverUrl: url }],
        vscode.ConfigurationTarget.Global,
      );
    }
    this.invalidate("server added");
  }

  /** Keeps the SDK sign-in: a service account token in SecretStorage, or the desktop account name in globalState. */
  async signInSdk(auth: SdkAuth): Promise<void> {
    if ("serviceAccountToken" in auth) {
      await this.host.globalState.update(desktopAccountKey, undefined);
      await this.host.secrets.store(serviceAccountTokenKey, auth.serviceAccountToken.trim());
    } else {
      await this.host.secrets.delete(serviceAccountTokenKey);
      await this.host.globalState.update(desktopAccountKey, auth.desktopAccount.trim());
    }
    this.invalidate("signed in");
  }

  /** Forgets both kinds of sign-in: every stored Connect token and server setting, and the SDK account. */
  async signOut(): Promise<void> {
    const configuration = vscode.workspace.getConfiguration("opBridge");
    for (const server of readConnectServers(configuration)) {
      await this.host.secrets.delete(connectTokenKey(server.serverUrl));
    }
    if (configuration.inspect("connect.serverUrl")?.globalValue !== undefined) {
      await configuration.update("connect.serverUrl", undefined, vscode.ConfigurationTarget.Global);
    }
    if (configuration.inspect("connect.servers")?.globalValue !== undefined) {
      await configuration.update("connect.servers", undefined, vscode.ConfigurationTarget.Global);
    }
    await this.host.secrets.delete(serviceAccountTokenKey);
    await this.host.globalState.update(desktopAccountKey, undefined);
    this.sdkClient = undefined;
    this.invalidate("signed out");
  }

  /** Signs in to the SDK now (the desktop app asks for approval) and answers a source over it. */
  async checkSdk(auth: SdkAuth, signal?: AbortSignal): Promise<Source> {
    const client = await this.sdkClientFor(auth, signal);
    const provider = createSdkProvider(client, sdkProviderOptions(auth));
    await provider.listVaults({ signal });
    return {
      id: "sdk",
      kind: "sdk",
      label: provider.label,
      provider,
      sharing: provider.sharing,
      environments: provider.environments,
    };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    void this.closeClients(this.clients);
    this.clients = [];
  }

  private invalidate(reason: string): void {
    this.log.info(`sources rebuilt: ${reason}`);
    const old = this.clients;
    this.clients = [];
    this.current = undefined;
    this.snapshot = undefined;
    void this.closeClients(old);
    this.changed.fire();
  }

  private async closeClients(clients: ConnectClient[]): Promise<void> {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  }

  private async buildSources(): Promise<Source[]> {
    const sources: Source[] = [];
    this.setupProblems = [];
    const configured = readConnectServers(vscode.workspace.getConfiguration("opBridge"));
    const fromEnv = connectionFromEnvironment(this.host.env ?? process.env);
    const seen = new Set<string>();
    if (fromEnv) {
      const url = normalizeServerUrl(fromEnv.serverUrl);
      seen.add(url.toLowerCase());
      // The environment gives no name; settings may name the same server.
      const named = configured.find((server) => server.serverUrl.toLowerCase() === url.toLowerCase());
      const source = this.connectSource(`env:${url}`, url, fromEnv.token, named?.name);
      if (source) sources.push(source);
    }
    for (const server of configured) {
      if (seen.has(server.serverUrl.toLowerCase())) continue;
      seen.add(server.serverUrl.toLowerCase());
      const token = await this.host.secrets.get(connectTokenKey(server.serverUrl));
      if (!token) {
        const message = `No token is stored for ${server.serverUrl}: run "1Password: Connect to Server…".`;
        this.log.warn(message);
        this.setupProblems.push({ label: server.name ?? server.serverUrl, message });
        continue;
      }
      const source = this.connectSource(`connect:${server.serverUrl}`, server.serverUrl, token, server.name);
      if (source) sources.push(source);
    }
    const sdk = await this.sdkSource();
    if (sdk) sources.push(sdk);
    this.log.info(`${sources.length} source(s): ${sources.map((s) => s.label).join(", ") || "none"}`);
    return sources;
  }

  private connectSource(id: string, serverUrl: string, token: string, name?: string): Source | undefined {
    try {
      const client = (this.host.connectClient ?? defaultConnectClient)(serverUrl, token);
      this.clients.push(client);
      const provider = createConnectProvider(client, { label: name ?? describeServer(serverUrl) });
      return { id, kind: "connect", label: provider.label, provider };
    } catch (error) {
      this.log.error(`${serverUrl} skipped: ${errorMessage(error)}`);
      this.setupProblems.push({ label: name ?? serverUrl, message: errorMessage(error) });
      return undefined;
    }
  }

  private async sdkSource(): Promise<Source | undefined> {
    const token = await this.host.secrets.get(serviceAccountTokenKey);
    const account = this.host.globalState.get<string>(desktopAccountKey);
    const auth: SdkAuth | undefined = token
      ? { serviceAccountToken: token }
      : account
        ? { desktopAccount: account }
        : undefined;
    if (!auth) return undefined;
    const options = sdkProviderOptions(auth);
    // The SDK (and its 14 MB core) loads when the source is first read, not when it is configured.
    let provider: Promise<ReturnType<typeof createSdkProvider>> | undefined;
    const signedIn = (signal?: AbortSignal) => {
      provider ??= this.sdkClientFor(auth, signal).then((client) => createSdkProvider(client, options));
      provider.catch(() => (provider = undefined));
      return abortable(provider, signal);
    };
    const lazy: WritableItemProvider = {
      source: "sdk",
      label: options.label,
      listVaults: async (o = {}) => (await signedIn(o.signal)).listVaults(o),
      listItems: async (o = {}) => (await signedIn(o.signal)).listItems(o),
      getItemDetails: async (v, i, o = {}) => (await signedIn(o.signal)).getItemDetails(v, i, o),
      readFieldValue: async (v, i, f, o = {}) => (await signedIn(o.signal)).readFieldValue(v, i, f, o),
      readItem: async (v, i, o = {}) => (await signedIn(o.signal)).readItem(v, i, o),
      createItem: async (v, item, o = {}) => (await signedIn(o.signal)).createItem(v, item, o),
    };
    const sharing: ItemSharingApi = {
      getAccountPolicy: async (v, i, o = {}) => (await signedIn(o.signal)).sharing.getAccountPolicy(v, i, o),
      validateRecipients: async (p, r, o = {}) =>
        (await signedIn(o.signal)).sharing.validateRecipients(p, r, o),
      create: async (v, i, p, params, o = {}) =>
        (await signedIn(o.signal)).sharing.create(v, i, p, params, o),
    };
    const environments: EnvironmentsReader = {
      getVariables: async (id, o = {}) => (await signedIn(o.signal)).environments.getVariables(id, o),
    };
    return { id: "sdk", kind: "sdk", label: options.label, provider: lazy, sharing, environments };
  }

  private sdkClientFor(auth: SdkAuth, signal?: AbortSignal): Promise<SdkClient> {
    const key =
      "serviceAccountToken" in auth ? `token:${auth.serviceAccountToken}` : `desktop:${auth.desktopAccount}`;
    if (this.sdkClient?.key !== key) {
      const load = this.host.loadSdk ?? defaultLoadSdk(this.host.extensionVersion);
      const client = load(auth);
      this.sdkClient = { key, client };
      client.catch(() => {
        if (this.sdkClient?.client === client) this.sdkClient = undefined;
      });
    }
    return abortable(this.sdkClient.client, signal);
  }

  private async fetchItems(): Promise<ItemsSnapshot> {
    const sources = await this.sources();
    const controller = new AbortController();
    const results = await Promise.allSettled(
      sources.map((source) => source.provider.listItems({ signal: controller.signal })),
    );
    const lists: ItemSummary[][] = [];
    const bySource = new Map<string, Source[]>();
    const problems: ItemsSnapshot["problems"] = [...this.setupProblems];
    results.forEach((result, index) => {
      const source = sources[index]!;
      if (result.status === "rejected") {
        if (!isCancellation(result.reason)) {
          const message = errorMessage(result.reason);
          problems.push({ label: source.label, message });
          this.log.error(`${source.label}: ${message}`);
        }
        return;
      }
      lists.push(result.value);
      for (const item of result.value) {
        const key = itemKey(item);
        const list = bySource.get(key);
        if (list) {
          if (!list.includes(source)) list.push(source);
        } else bySource.set(key, [source]);
      }
    });
    // Nothing listed anything: the reasons are the error (an empty list would hide them).
    if (lists.length === 0 && problems.length > 0) {
      throw new SourcesFailedError(problems.map((p) => p.message));
    }
    return {
      items: mergeItems(lists),
      sourcesOf: (item) => bySource.get(itemKey(item)) ?? [],
      problems,
    };
  }
}

/** Every configured source failed to list items; the message is each one's reason. */
export class SourcesFailedError extends Error {
  override readonly name = "SourcesFailedError";
  constructor(readonly reasons: string[]) {
    super(reasons.join("\n"));
  }
}

function sdkProviderOptions(auth: SdkAuth): { label: string; accountName?: string } {
  return "serviceAccountToken" in auth
    ? { label: "Service account" }
    : { label: auth.desktopAccount, accountName: auth.desktopAccount };
}

/** An unnamed server's label: its host, and its path when it has one (two servers behind one host differ there). */
function describeServer(serverUrl: string): string {
  const url = new URL(serverUrl);
  return url.host + url.pathname.replace(/\/+$/, "");
}

function defaultConnectClient(serverUrl: string, token: string): ConnectClient {
  return createConnectClient({ serverUrl, token });
}

function defaultLoadSdk(version = "0.1.0") {
  return (auth: SdkAuth, signal?: AbortSignal) =>
    loadSdkClient({
      auth,
      integrationName: "1Password Bridge for VS Code",
      integrationVersion: version,
      signal,
    });
}

/** Waits for `promise`, but stops waiting (with the signal's reason) when the signal aborts. */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
