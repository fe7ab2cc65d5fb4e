// Signed-in SDK clients kept across source rebuilds: signing in again (a desktop approval) is costly.
import { loadSdkClient, type LoadSdkClientOptions, type SdkClient } from "../sdk/loadSdkClient.js";
import { abortable } from "./abortable.js";

export type SdkAuth = LoadSdkClientOptions["auth"];

/** Signs in; the seam where a test's fake SDK (or a stand-in desktop app behind the real SDK) comes in. */
export type SignInSdk = (auth: SdkAuth, signal?: AbortSignal) => Promise<SdkClient>;

export interface SdkSessions {
  /** The client for `auth`: the kept one, or a new sign-in shared by every caller until it fails. */
  clientFor(auth: SdkAuth, signal?: AbortSignal): Promise<SdkClient>;
  /** Forgets the kept client (Sign Out). */
  forget(): void;
}

export interface SdkSessionsOptions {
  /** Default loadSdkClient, which imports @1password/sdk on first use. */
  signIn?: SignInSdk;
  integrationName?: string;
  integrationVersion?: string;
}

export function createSdkSessions(options: SdkSessionsOptions = {}): SdkSessions {
  const signIn: SignInSdk =
    options.signIn ??
    ((auth, signal) =>
      loadSdkClient({
        auth,
        ...(options.integrationName ? { integrationName: options.integrationName } : {}),
        ...(options.integrationVersion ? { integrationVersion: options.integrationVersion } : {}),
        ...(signal ? { signal } : {}),
      }));
  let kept: { key: string; client: Promise<SdkClient> } | undefined;
  return {
    clientFor(auth, signal) {
      const key =
        "serviceAccountToken" in auth
          ? `token:${auth.serviceAccountToken}`
          : `desktop:${auth.desktopAccount}`;
      if (kept?.key !== key) {
        // Not tied to the first caller's signal: the sign-in is shared.
        const client = signIn(auth);
        kept = { key, client };
        client.catch(() => {
          if (kept?.client === client) kept = undefined;
        });
      }
      return abortable(kept.client, signal);
    },
    forget() {
      kept = undefined;
    },
  };
}
