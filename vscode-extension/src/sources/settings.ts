// Reads the Connect servers configured in the user's settings, and where their tokens live in secret storage.
import type * as vscode from "vscode";

export interface ConnectServerSetting {
  /** Shown beside the server's items. */
  name?: string;
  serverUrl: string;
}

/** Where a server's token lives in SecretStorage: one key per server URL. */
export function connectTokenKey(serverUrl: string): string {
  return `opBridge.connect.token:${normalizeServerUrl(serverUrl)}`;
}

export const serviceAccountTokenKey = "opBridge.sdk.serviceAccountToken";
export const desktopAccountKey = "opBridge.sdk.desktopAccount";
/** globalState: every SecretStorage key a token was stored under (SecretStorage cannot list its keys). */
export const storedTokenKeysKey = "opBridge.storedTokenKeys";

/** The settings that send a token somewhere: only the user's own (global) value counts, never a workspace's. */
export const userOnlySettings = ["connect.serverUrl", "connect.servers"] as const;

/** The user's value of a setting of `opBridge`: global, else default. A workspace or folder value is ignored. */
export function userValue<T>(configuration: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = configuration.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The URL without trailing slashes, so "https://x/" and "https://x" share one token. */
export function normalizeServerUrl(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, "");
}

/**
 * Every server named in the user's settings: opBridge.connect.serverUrl first, then opBridge.connect.servers,
 * no duplicates. A workspace's values are never read: a cloned repository must not choose where tokens go.
 */
export function readConnectServers(configuration: vscode.WorkspaceConfiguration): ConnectServerSetting[] {
  const servers: ConnectServerSetting[] = [];
  const seen = new Set<string>();
  const add = (server: ConnectServerSetting) => {
    const url = normalizeServerUrl(server.serverUrl);
    if (!url) return;
    if (seen.has(url.toLowerCase())) {
      // connect.serverUrl cannot carry a name: a name given for the same server in connect.servers still counts.
      const first = servers.find((s) => s.serverUrl.toLowerCase() === url.toLowerCase());
      if (first && !first.name && server.name) first.name = server.name;
      return;
    }
    seen.add(url.toLowerCase());
    servers.push({ ...server, serverUrl: url });
  };
  const main = userValue<string>(configuration, "connect.serverUrl");
  if (typeof main === "string") add({ serverUrl: main });
  const extra = userValue<unknown>(configuration, "connect.servers");
  if (Array.isArray(extra)) {
    for (const entry of extra) {
      if (
        entry &&
        typeof entry === "object" &&
        typeof (entry as ConnectServerSetting).serverUrl === "string"
      ) {
        const { name, serverUrl } = entry as ConnectServerSetting;
        add({ serverUrl, ...(typeof name === "string" && name.trim() ? { name: name.trim() } : {}) });
      }
    }
  }
  return servers;
}
