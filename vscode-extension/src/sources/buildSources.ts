// Turns the user's settings, the environment and SecretStorage into the shared layer's sources.
import {
  connectionFromEnvironment,
  createConnectSource,
  createDesktopAppSource,
  createSdkProvider,
  createServiceAccountSource,
  sdkSourceLabel,
  type SdkAuth,
  type ConnectClient,
  type SdkSessions,
  type SourceProblem,
  type WritableItemProvider,
  type Source as SharedSource,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { errorMessage, type Log } from "../log.js";
import {
  connectTokenKey,
  desktopAccountKey,
  normalizeServerUrl,
  readConnectServers,
  serviceAccountTokenKey,
  type ConnectServerSetting,
} from "./settings.js";

/** A source the extension can read details and values from: every VS Code source has a provider. */
export type Source = SharedSource & { kind: "connect" | "sdk"; provider: WritableItemProvider };

export interface BuildSourcesHost {
  secrets: vscode.SecretStorage;
  globalState: vscode.Memento;
  env: Record<string, string | undefined>;
  log: Log;
  sessions: SdkSessions;
  connectClient?: (serverUrl: string, token: string) => ConnectClient;
}

/** Sources in order (environment, connect.serverUrl, connect.servers, SDK), and the ones that could not be built. */
export async function buildSources(
  host: BuildSourcesHost,
): Promise<{ sources: Source[]; setupProblems: SourceProblem[] }> {
  const sources: Source[] = [];
  const setupProblems: SourceProblem[] = [];
  const configured = readConnectServers(vscode.workspace.getConfiguration("opBridge"));
  const fromEnv = connectionFromEnvironment(host.env);
  const seen = new Set<string>();
  const unnamedLabel = unnamedServerLabel(configured, fromEnv?.serverUrl);
  const addConnect = (id: string, serverUrl: string, token: string, name?: string) => {
    const label = name ?? unnamedLabel;
    try {
      sources.push(
        createConnectSource({
          id,
          serverUrl,
          token,
          ...(label ? { label } : {}),
          ...(host.connectClient ? { createClient: host.connectClient } : {}),
        }) as Source,
      );
    } catch (error) {
      host.log.error(`${serverUrl} skipped: ${errorMessage(error)}`);
      setupProblems.push(notSetUp(id, label ?? serverUrl, errorMessage(error)));
    }
  };
  if (fromEnv) {
    const url = normalizeServerUrl(fromEnv.serverUrl);
    seen.add(url.toLowerCase());
    // The environment gives no name; settings may name the same server.
    const named = configured.find((server) => server.serverUrl.toLowerCase() === url.toLowerCase());
    addConnect(`env:${url}`, url, fromEnv.token, named?.name);
  }
  for (const server of configured) {
    if (seen.has(server.serverUrl.toLowerCase())) continue;
    seen.add(server.serverUrl.toLowerCase());
    const id = `connect:${server.serverUrl}`;
    const token = await host.secrets.get(connectTokenKey(server.serverUrl));
    if (!token) {
      const message = `No token is stored for ${server.serverUrl}: run "1Password: Connect to Server…".`;
      host.log.warn(message);
      setupProblems.push(notSetUp(id, server.name ?? server.serverUrl, message));
      continue;
    }
    addConnect(id, server.serverUrl, token, server.name);
  }
  const sdk = await sdkSource(host);
  if (sdk) sources.push(sdk);
  host.log.info(`${sources.length} source(s): ${sources.map((s) => s.label).join(", ") || "none"}`);
  return { sources, setupProblems };
}

async function sdkSource(host: BuildSourcesHost): Promise<Source | undefined> {
  const token = await host.secrets.get(serviceAccountTokenKey);
  if (token) return createServiceAccountSource(token, host.sessions) as Source;
  const account = host.globalState.get<string>(desktopAccountKey);
  if (account) return createDesktopAppSource(account, host.sessions) as Source;
  return undefined;
}

/**
 * What an unnamed Connect server is called: "Connect server" when it is the only one without a name, so no
 * picker row, hover or tree shows an address where a name belongs; its host (the shared default) when several
 * unnamed servers must be told apart.
 */
function unnamedServerLabel(
  configured: ConnectServerSetting[],
  environmentUrl: string | undefined,
): string | undefined {
  const unnamed = new Set(
    configured.filter((server) => !server.name).map((server) => server.serverUrl.toLowerCase()),
  );
  if (environmentUrl) {
    const url = normalizeServerUrl(environmentUrl).toLowerCase();
    if (!configured.some((server) => server.serverUrl.toLowerCase() === url && server.name)) unnamed.add(url);
  }
  return unnamed.size === 1 ? "Connect server" : undefined;
}

function notSetUp(sourceId: string, label: string, message: string): SourceProblem {
  return { sourceId, label, kind: "not-set-up", message };
}

/** Signs in to the SDK now (the desktop app asks for approval), lists the vaults, and answers a source over it. */
export async function checkSdkSource(
  sessions: SdkSessions,
  auth: SdkAuth,
  signal?: AbortSignal,
): Promise<Source> {
  const provider = createSdkProvider(await sessions.clientFor(auth, signal), sdkSourceLabel(auth));
  await provider.listVaults({ signal });
  const load = async () => ({ items: await provider.listItems() });
  const { sharing, environments } = provider;
  return { id: "sdk", kind: "sdk", label: provider.label, provider, sharing, environments, load };
}
