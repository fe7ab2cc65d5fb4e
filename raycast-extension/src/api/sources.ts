// Turns the preferences into the shared layer's sources: the metadata folder, Connect, a service account and
// each 1Password 8 account through the desktop app.
import { join } from "node:path";
import { environment } from "@raycast/api";
import {
  createDesktopAppSource,
  createMetadataSource,
  createSdkSessions,
  createServiceAccountSource,
  type SignInSdk,
  type Source,
  type SourceProblem,
} from "@op-bridge/shared";
import { connectSourceFromPreferences, type ConnectSource } from "./connect";
import { desktopAccountsOf, type Preferences } from "./preferences";
import { loadBundledSdkClient } from "./sdkCore";
import { forgetOtherSummaries, summaryCacheKey, withSummaryCache } from "./summaryCache";

export interface RaycastSources {
  sources: Source[];
  setupProblems: SourceProblem[];
  metadata: Source & { root: string };
  connect?: ConnectSource;
}

const sdkIntegration = { integrationName: "1Password Bridge for Raycast", integrationVersion: "1.0.0" };

export function sourcesFromPreferences(preferences: Preferences, signIn?: SignInSdk): RaycastSources {
  // The index cache lives in the extension's support folder: the next open reads only what changed.
  const metadata = createMetadataSource({
    ...(preferences.metadataFolder ? { root: preferences.metadataFolder } : {}),
    cacheFile: join(environment.supportPath, "metadata-cache.json"),
  });
  const sources: Source[] = [metadata];
  const setupProblems: SourceProblem[] = [];
  let connect: ConnectSource | undefined;
  try {
    connect = connectSourceFromPreferences(preferences);
    if (connect) sources.push(connect);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    setupProblems.push({ sourceId: "connect", label: "Connect", kind: "not-set-up", message });
  }
  // One sign-in each: the service account and every desktop account are separate clients.
  // The bundled SDK finds its WASM core only once it is put in place: sign-ins go through loadBundledSdkClient.
  const bundled: SignInSdk = (auth, signal) =>
    loadBundledSdkClient({ auth, ...sdkIntegration, ...(signal ? { signal } : {}) });
  const sessions = () => createSdkSessions({ signIn: signIn ?? bundled });
  const token = preferences.serviceAccountToken?.trim();
  if (token) sources.push(createServiceAccountSource(token, sessions(), { id: "service-account" }));
  for (const account of desktopAccountsOf(preferences)) {
    sources.push(createDesktopAppSource(account, sessions(), { id: `desktop:${account}` }));
  }
  return {
    sources: rememberSummaries(sources, preferences),
    setupProblems,
    metadata,
    ...(connect ? { connect } : {}),
  };
}

/**
 * Every source without a cache of its own (Connect, the SDK's) lists what it gave last time at once; the
 * metadata folder keeps its index cache. Each remembered list belongs to one configuration: its kind, server,
 * account and token (hashed), so a changed preference starts from that source's answer, and files of
 * configurations no longer set are removed.
 */
function rememberSummaries(sources: Source[], preferences: Preferences): Source[] {
  const folder = environment.supportPath;
  const configuration: Record<string, string[]> = {
    connect: ["connect", preferences.connectUrl?.trim() ?? "", preferences.connectToken?.trim() ?? ""],
    "service-account": ["service-account", preferences.serviceAccountToken?.trim() ?? ""],
  };
  const keys: string[] = [];
  const remembering = sources.map((source) => {
    if (source.watch) return source;
    const key = summaryCacheKey(configuration[source.id] ?? [source.id]);
    keys.push(key);
    return withSummaryCache(source, { folder, key });
  });
  void forgetOtherSummaries(folder, keys);
  return remembering;
}
