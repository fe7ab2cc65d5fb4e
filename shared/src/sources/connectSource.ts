// A 1Password Connect server as a source: its client, the provider over it, and closing its connections.
import { createConnectClient, type ConnectClient } from "../connect/createConnectClient.js";
import { createConnectProvider } from "../connect/createConnectProvider.js";
import type { WritableItemProvider } from "../types.js";
import type { Source } from "./types.js";

export interface ConnectSourceOptions {
  id?: string;
  serverUrl: string;
  /** Held by the client only: never in a label, a problem or a log. */
  token: string;
  /** Shown beside items; default the server's host and path. */
  label?: string;
  allowInsecureHttp?: boolean;
  maxRetries?: number;
  /** Builds the client; default createConnectClient (tests hand in their own). */
  createClient?: (serverUrl: string, token: string) => ConnectClient;
}

/** Throws the client's ConnectConfigError for a URL that cannot be used: the host reports it as a setup problem. */
export function createConnectSource(
  options: ConnectSourceOptions,
): Source & { provider: WritableItemProvider } {
  const { serverUrl, token } = options;
  const client =
    options.createClient?.(serverUrl, token) ??
    createConnectClient({
      serverUrl,
      token,
      ...(options.allowInsecureHttp !== undefined ? { allowInsecureHttp: options.allowInsecureHttp } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    });
  const provider = createConnectProvider(client, { label: options.label ?? describeServer(serverUrl) });
  return {
    id: options.id ?? `connect:${serverUrl}`,
    kind: "connect",
    label: provider.label,
    provider,
    load: async (signal) => ({ items: await provider.listItems({ signal }) }),
    close: () => client.close().catch(() => undefined),
  };
}

/** An unnamed server's label: its host, and its path when it has one (two servers behind one host differ there). */
export function describeServer(serverUrl: string): string {
  const url = new URL(serverUrl);
  return url.host + url.pathname.replace(/\/+$/, "");
}
