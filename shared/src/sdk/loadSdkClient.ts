// Loads the 1Password SDK on first use (its WASM core is ~14 MB) and signs in.
import type { Client } from "@1password/sdk";
import { recognizeSdkErrors, SdkError, toSdkError } from "./SdkError.js";
import { withSignal } from "./withSignal.js";

type SdkModule = typeof import("@1password/sdk");

/** The part of the SDK's Client this library uses; a real Client is one. */
export interface SdkClient {
  vaults: Pick<Client["vaults"], "list">;
  items: Pick<Client["items"], "list" | "get" | "create" | "put"> & {
    shares: Pick<Client["items"]["shares"], "getAccountPolicy" | "validateRecipients" | "create">;
  };
  /** 1Password Environments (SDK 0.4.1 and later); optional so clients without them still sign in. */
  environments?: Pick<Client["environments"], "getVariables">;
}

export interface LoadSdkClientOptions {
  /** A service account token (ops_…), or the account name (or ID) of the desktop app to approve in. */
  auth: { serviceAccountToken: string } | { desktopAccount: string };
  /** Shown in 1Password's activity and approval prompts; default "1Password Bridge". */
  integrationName?: string;
  integrationVersion?: string;
  signal?: AbortSignal;
}

let sdkModule: Promise<SdkModule> | undefined;

/** The SDK module, imported on the first call only; later calls share it. */
export function loadSdkModule(): Promise<SdkModule> {
  sdkModule ??= import("@1password/sdk").then(
    (sdk) => {
      recognizeSdkErrors(sdk);
      return sdk;
    },
    (error: unknown) => {
      sdkModule = undefined;
      throw new SdkError(
        "unsupported",
        `The 1Password SDK (@1password/sdk) could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  return sdkModule;
}

/**
 * Signs in with a service account token or through the desktop app (which asks the user to approve)
 * and answers the client. Errors are SdkErrors that say what to do; the token never appears in them.
 */
export async function loadSdkClient(options: LoadSdkClientOptions): Promise<SdkClient> {
  const { auth, signal } = options;
  let token: string | undefined;
  if ("serviceAccountToken" in auth) {
    token = auth.serviceAccountToken.trim();
    if (!token.startsWith("ops_")) {
      throw new SdkError(
        "invalid-token",
        "That is not a service account token: service account tokens start with ops_. Copy it again from 1Password.",
      );
    }
  } else if (!auth.desktopAccount.trim()) {
    throw new SdkError(
      "unsupported",
      "Name the 1Password account to use: its name as shown at the top of the app's sidebar, or its ID.",
    );
  }
  try {
    const sdk = await withSignal(loadSdkModule, signal);
    return await withSignal(
      () =>
        sdk.createClient({
          auth: token ?? new sdk.DesktopAuth(("desktopAccount" in auth ? auth.desktopAccount : "").trim()),
          integrationName: options.integrationName ?? "1Password Bridge",
          integrationVersion: options.integrationVersion ?? "0.1.0",
        }),
      signal,
    );
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw toSdkError(error, [token]);
  }
}
