// Builds the extension's SourceRegistry for a test: fresh in-memory secrets and state, a test log, a given environment.
import {
  SourceRegistry,
  type SourceRegistryHost,
} from "../../../vscode-extension/src/sources/SourceRegistry.js";
import * as vscode from "../stand-in/vscode.js";
import type { TestConnect } from "./connect.js";

/** The environment that points the extension at a loopback server (OP_CONNECT_HOST/TOKEN), its own token or another. */
export const connectEnv = (
  server: Pick<TestConnect, "url" | "token">,
  token = server.token,
): Record<string, string> => ({ OP_CONNECT_HOST: server.url, OP_CONNECT_TOKEN: token });

/**
 * A registry reading only `env` (never the process's environment, which an undefined env would fall back to);
 * anything in `host` (a log, an SDK loader, …) replaces the in-memory default.
 */
export function createTestRegistry(
  env: Record<string, string>,
  host: Partial<SourceRegistryHost> = {},
): SourceRegistry {
  return new SourceRegistry({
    secrets: new vscode.MemorySecretStorage(),
    globalState: new vscode.MemoryMemento(),
    log: vscode.window.createOutputChannel("test", { log: true }),
    ...host,
    env,
  });
}
