// What Connect to Server…, Sign In and Sign Out keep and forget: URLs in the user's settings (never a
// workspace's), tokens in SecretStorage with an index of their keys, the desktop account in globalState.
import type { SdkAuth } from "@op-bridge/shared";
import * as vscode from "vscode";
import {
  connectTokenKey,
  desktopAccountKey,
  normalizeServerUrl,
  readConnectServers,
  serviceAccountTokenKey,
  userOnlySettings,
  userValue,
} from "./settings.js";
import { forgetTokens, storeToken, type TokenStore } from "./storedTokens.js";

/** Saves a server: its token, and its URL in connect.serverUrl (or connect.servers when another is set). */
export async function saveConnectServer(store: TokenStore, serverUrl: string, token: string): Promise<void> {
  const url = normalizeServerUrl(serverUrl);
  await storeToken(store, connectTokenKey(url), token);
  const configuration = vscode.workspace.getConfiguration("opBridge");
  const configured = readConnectServers(configuration);
  if (configured.some((server) => server.serverUrl.toLowerCase() === url.toLowerCase())) return;
  const target = vscode.ConfigurationTarget.Global;
  if (configured.length === 0 || !userValue<string>(configuration, "connect.serverUrl")) {
    await configuration.update("connect.serverUrl", url, target);
  } else {
    const servers = userValue<unknown[]>(configuration, "connect.servers") ?? [];
    await configuration.update("connect.servers", [...servers, { serverUrl: url }], target);
  }
}

/** Keeps one SDK sign-in: a service account token, or the desktop account name. */
export async function saveSdkSignIn(store: TokenStore, auth: SdkAuth): Promise<void> {
  if ("serviceAccountToken" in auth) {
    await store.globalState.update(desktopAccountKey, undefined);
    await storeToken(store, serviceAccountTokenKey, auth.serviceAccountToken.trim());
  } else {
    await store.secrets.delete(serviceAccountTokenKey);
    await store.globalState.update(desktopAccountKey, auth.desktopAccount.trim());
  }
}

/** Forgets every token stored (whichever settings are in effect now), the user's server settings, the account. */
export async function forgetSignIns(store: TokenStore): Promise<void> {
  const configuration = vscode.workspace.getConfiguration("opBridge");
  const configuredKeys = readConnectServers(configuration).map((server) => connectTokenKey(server.serverUrl));
  await forgetTokens(store, [...configuredKeys, serviceAccountTokenKey]);
  for (const key of userOnlySettings) {
    if (configuration.inspect(key)?.globalValue !== undefined) {
      await configuration.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  }
  await store.globalState.update(desktopAccountKey, undefined);
}
