// Turns the preferences into the shared layer's sources: the metadata folder, then Connect.
import { join } from "node:path";
import { environment } from "@raycast/api";
import { createMetadataSource, type Source, type SourceProblem } from "@op-bridge/shared";
import { connectSourceFromPreferences, type ConnectSource } from "./connect";
import type { Preferences } from "./preferences";

export interface RaycastSources {
  sources: Source[];
  setupProblems: SourceProblem[];
  metadata: Source & { root: string };
  connect?: ConnectSource;
}

export function sourcesFromPreferences(preferences: Preferences): RaycastSources {
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
  return { sources, setupProblems, metadata, ...(connect ? { connect } : {}) };
}
