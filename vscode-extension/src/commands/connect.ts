// Connect to Server…, Sign In with Service Account or Desktop App…, Sign Out: set up and forget sources.
import {
  ConnectConfigError,
  createConnectClient,
  connectionFromEnvironment,
  type ConnectClient,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import type { SdkAuth, SourceRegistry } from "../sources/SourceRegistry.js";
import { readConnectServers } from "../sources/settings.js";
import { CancelledError, withNotificationProgress } from "./run.js";

export interface ConnectDeps {
  registry: SourceRegistry;
  env?: Record<string, string | undefined>;
  /** Default createConnectClient; tests may pass their own. */
  connectClient?: (serverUrl: string, token: string) => ConnectClient;
}

/** Asks for the URL and token, checks them (heartbeat, then vaults), then keeps them. Answers the vault count. */
export async function connectToServer(deps: ConnectDeps): Promise<number> {
  const configured = readConnectServers(vscode.workspace.getConfiguration("opBridge"));
  const fromEnv = connectionFromEnvironment(deps.env ?? process.env);
  const serverUrl = await vscode.window.showInputBox({
    title: "Connect to Server (1 of 2)",
    prompt: "The URL of your 1Password Connect server",
    placeHolder: "https://connect.example.com",
    value: configured[0]?.serverUrl ?? fromEnv?.serverUrl ?? "",
    ignoreFocusOut: true,
    validateInput: validateServerUrl,
  });
  if (serverUrl === undefined) throw new CancelledError();
  const token = await vscode.window.showInputBox({
    title: "Connect to Server (2 of 2)",
    prompt: `The Connect token for ${serverUrl.trim()} (kept in VS Code's secret storage)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : "Paste the Connect server's access token."),
  });
  if (token === undefined) throw new CancelledError();

  const url = serverUrl.trim();
  const vaults = await withNotificationProgress(`Connecting to ${url}…`, async (signal) => {
    const client = (deps.connectClient ?? defaultClient)(url, token.trim());
    try {
      await client.heartbeat({ signal });
      return await client.listVaults({ signal });
    } finally {
      await client.close().catch(() => undefined);
    }
  });
  await deps.registry.addConnectServer(url, token.trim());
  void vscode.window.showInformationMessage(
    notice`Connected to ${url}: ${vaults.length} vault${vaults.length === 1 ? "" : "s"} available.`,
  );
  return vaults.length;
}

/** Empty when the URL is one a Connect client accepts, otherwise why not. */
export function validateServerUrl(value: string): string | undefined {
  if (!value.trim()) return "Enter the Connect server's URL, e.g. https://connect.example.com.";
  try {
    // Only parses the URL: creating a client makes no request.
    void createConnectClient({ serverUrl: value.trim(), token: "check" }).close();
    return undefined;
  } catch (error) {
    return error instanceof ConnectConfigError ? error.message : String(error);
  }
}

function defaultClient(serverUrl: string, token: string): ConnectClient {
  return createConnectClient({ serverUrl, token });
}

interface MethodPick extends vscode.QuickPickItem {
  method: "token" | "desktop";
}

/** Signs in to the SDK with a service account token or the desktop app's account, checks it, keeps it. */
export async function signIn(registry: SourceRegistry): Promise<void> {
  const method = await vscode.window.showQuickPick<MethodPick>(
    [
      {
        label: "Service Account",
        description: "token starting with ops_",
        detail: "Works anywhere: remote, WSL, Codespaces. The token is kept in VS Code's secret storage.",
        method: "token",
      },
      {
        label: "1Password Desktop App",
        description: "approve in the app",
        detail: "Uses the 1Password app on this machine; it asks you to approve access.",
        method: "desktop",
      },
    ],
    { title: "Sign In to 1Password", placeHolder: "How do you want to sign in?", ignoreFocusOut: true },
  );
  if (!method) throw new CancelledError();

  let auth: SdkAuth;
  if (method.method === "token") {
    const token = await vscode.window.showInputBox({
      title: "Sign In with a Service Account",
      prompt: "The service account token (kept in VS Code's secret storage)",
      placeHolder: "ops_…",
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim().startsWith("ops_") ? undefined : "Service account tokens start with ops_.",
    });
    if (token === undefined) throw new CancelledError();
    auth = { serviceAccountToken: token.trim() };
  } else {
    const account = await vscode.window.showInputBox({
      title: "Sign In with the 1Password Desktop App",
      prompt: "The account name as shown at the top of the app's sidebar, or its ID",
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : "Name the 1Password account."),
    });
    if (account === undefined) throw new CancelledError();
    auth = { desktopAccount: account.trim() };
  }

  await withNotificationProgress(
    method.method === "desktop" ? "Waiting for approval in the 1Password app…" : "Signing in to 1Password…",
    (signal) => registry.checkSdk(auth, signal),
  );
  await registry.signInSdk(auth);
  void vscode.window.showInformationMessage(
    method.method === "desktop"
      ? notice`Signed in to ${"desktopAccount" in auth ? auth.desktopAccount : ""}.`
      : "Signed in with the service account.",
  );
}

/** Forgets every stored Connect token and server, and the SDK sign-in. */
export async function signOut(
  registry: SourceRegistry,
  env?: Record<string, string | undefined>,
): Promise<void> {
  await registry.signOut();
  const fromEnv = connectionFromEnvironment(env ?? process.env);
  void vscode.window.showInformationMessage(
    fromEnv
      ? notice`Signed out. The server in OP_CONNECT_HOST (${fromEnv.serverUrl}) stays configured by the environment.`
      : "Signed out of 1Password: stored tokens and accounts are forgotten.",
  );
}
