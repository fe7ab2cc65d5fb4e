// Loads the SDK's sharing API on first use (the SDK is heavy), from the service account token preference.
import { createSdkProvider, strings } from "@op-bridge/shared";
import type { ItemSharingApi } from "@op-bridge/shared";
import type { Preferences } from "./preferences";
import { loadBundledSdkClient } from "./sdkCore";

export function createSharingLoader(preferences: Preferences): (() => Promise<ItemSharingApi>) | undefined {
  const token = preferences.serviceAccountToken?.trim();
  if (!token) return undefined;
  let api: Promise<ItemSharingApi> | undefined;
  return () => {
    api ??= loadBundledSdkClient({
      auth: { serviceAccountToken: token },
      integrationName: "1Password Bridge for Raycast",
      integrationVersion: "1.0.0",
    }).then((client) => createSdkProvider(client, { label: strings.serviceAccountLabel }).sharing);
    return api;
  };
}
