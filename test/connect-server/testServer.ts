// Starts the local server for a test file with every answer checked against the OpenAPI document.
import { createResponseValidator } from "./openapiValidator.js";
import { startConnectServer, type ConnectServer, type ConnectServerOptions } from "./server.js";

export interface CheckedServer extends ConnectServer {
  /** Answers checked so far, and the problems found in them (expected to stay empty). */
  checked: { count: number; problems: string[] };
}

let validator: ReturnType<typeof createResponseValidator> | undefined;

export async function startCheckedServer(options: ConnectServerOptions = {}): Promise<CheckedServer> {
  validator ??= createResponseValidator();
  const checked = { count: 0, problems: [] as string[] };
  const server = await startConnectServer({
    port: 0,
    seed: "demo",
    ...options,
    onResponse: (event) => {
      if (event.dropped) return;
      checked.count++;
      checked.problems.push(...validator!.check(event));
    },
  });
  return Object.assign(server, { checked });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The demo seed's vaults, in the order the server lists them (written out, not read from the seed, so a change shows). */
export const DEMO_VAULT_NAMES = ["Private", "Development", "Staging", "Production", "Shared", "Finance"];
