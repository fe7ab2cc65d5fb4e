// Builds the Connect provider from preferences, or none when Connect is not configured.
import { createConnectClient, createConnectProvider } from "@op-bridge/shared";
import type { WritableItemProvider } from "@op-bridge/shared";
import type { Preferences } from "./preferences";

export function createConnectFromPreferences(preferences: Preferences): WritableItemProvider | undefined {
  const serverUrl = preferences.connectUrl?.trim();
  const token = preferences.connectToken?.trim();
  if (!serverUrl || !token) return undefined;
  const loopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(serverUrl);
  const client = createConnectClient({ serverUrl, token, allowInsecureHttp: loopback, maxRetries: 1 });
  return createConnectProvider(client);
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
