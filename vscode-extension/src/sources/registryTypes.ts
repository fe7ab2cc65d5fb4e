// The shapes the registry answers and what it needs from the extension host.
import type { ConnectClient, ItemSummary, SdkAuth, SdkClient } from "@op-bridge/shared";
import type * as vscode from "vscode";
import type { Log } from "../log.js";
import type { Source } from "./buildSources.js";

/** Items of all sources, merged, with which sources list each item. */
export interface ItemsSnapshot {
  items: ItemSummary[];
  /** Sources listing the item, first the one that reads it. */
  sourcesOf(item: Pick<ItemSummary, "vaultId" | "id">): Source[];
  /** Sources that failed or could not be set up (bad URL, missing token), with a message fit for a person. */
  problems: { label: string; message: string }[];
}

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

/** Why nothing is listed in Restricted Mode, and the two ways on. */
export const restrictedProblem = {
  label: "Restricted Mode",
  message:
    "This workspace is not trusted, so 1Password is not contacted on its behalf: trust the workspace, or run a 1Password command.",
};
