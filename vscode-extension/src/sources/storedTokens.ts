// Tokens in SecretStorage with an index of their keys in globalState: SecretStorage cannot list its keys,
// and Sign Out must forget every token it stored, whichever settings are in effect at the time.
import type * as vscode from "vscode";
import { storedTokenKeysKey } from "./settings.js";

export interface TokenStore {
  secrets: vscode.SecretStorage;
  globalState: vscode.Memento;
}

export async function storeToken(store: TokenStore, key: string, token: string): Promise<void> {
  const keys = store.globalState.get<string[]>(storedTokenKeysKey) ?? [];
  if (!keys.includes(key)) await store.globalState.update(storedTokenKeysKey, [...keys, key]);
  await store.secrets.store(key, token);
}

/** Deletes every indexed token and `alsoKeys` (tokens stored before the index existed), then the index. */
export async function forgetTokens(store: TokenStore, alsoKeys: readonly string[]): Promise<void> {
  const keys = new Set([...(store.globalState.get<string[]>(storedTokenKeysKey) ?? []), ...alsoKeys]);
  for (const key of keys) await store.secrets.delete(key);
  await store.globalState.update(storedTokenKeysKey, undefined);
}
