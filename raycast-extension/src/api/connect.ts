// The Connect server named in the preferences, as a source of the shared layer (or none when not configured).
import { createConnectSource } from "@op-bridge/shared";
import type { Source, WritableItemProvider } from "@op-bridge/shared";
import type { Preferences } from "./preferences";

export type ConnectSource = Source & { provider: WritableItemProvider };

/** Throws the client's ConnectConfigError for a URL that cannot be used. */
export function connectSourceFromPreferences(preferences: Preferences): ConnectSource | undefined {
  const serverUrl = preferences.connectUrl?.trim();
  const token = preferences.connectToken?.trim();
  if (!serverUrl || !token) return undefined;
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(serverUrl);
  return createConnectSource({
    id: "connect",
    serverUrl,
    token,
    label: new URL(serverUrl).host,
    allowInsecureHttp: loopback,
    maxRetries: 1,
  });
}

export function createConnectFromPreferences(preferences: Preferences): WritableItemProvider | undefined {
  return connectSourceFromPreferences(preferences)?.provider;
}

/** Why a Connect call failed, in words a user can act on; never includes the token. */
export function describeConnectFailure(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: number }).status;
    if (status === 401) return "The Connect token was rejected (401). Check the token in the preferences.";
    return error.message;
  }
  return "Unknown error";
}
