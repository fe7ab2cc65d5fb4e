// The 1Password SDK as a source, signed in with a service account token or through the desktop app.
// The SDK (and its 14 MB core) loads when the source is first read, never when it is configured.
import type { ItemSharingApi } from "../sharing/ItemSharingApi.js";
import {
  createSdkProvider,
  type EnvironmentsReader,
  type SdkProvider,
  type SdkProviderOptions,
} from "../sdk/createSdkProvider.js";
import type { WritableItemProvider } from "../types.js";
import { abortable } from "./abortable.js";
import type { SdkAuth, SdkSessions } from "./sdkSessions.js";
import { strings } from "../strings.js";
import type { Source } from "./types.js";

export type SdkSource = Source & {
  provider: WritableItemProvider;
  sharing: ItemSharingApi;
  environments: EnvironmentsReader;
};

/** A service account's vaults. The token stays with the SDK client: never in a label or a problem. */
export function createServiceAccountSource(
  token: string,
  sessions: SdkSessions,
  options: { id?: string; label?: string } = {},
): SdkSource {
  return createSdkSource({ serviceAccountToken: token }, sessions, {
    id: options.id ?? "sdk",
    providerOptions: { label: options.label ?? strings.serviceAccountLabel },
  });
}

/** The shape of a 1Password account UUID (what DesktopAuth accepts besides the account's name). */
const ACCOUNT_UUID = /^[A-Z0-9]{26}$/;

/**
 * The vaults of an account signed in to the 1Password desktop app (which asks the user to approve).
 * An account named by its UUID gives its items that UUID as `accountId`: 1Password's item links name the
 * account (`a=`), and the SDK never says which account a name stands for.
 */
export function createDesktopAppSource(
  account: string,
  sessions: SdkSessions,
  options: { id?: string; label?: string } = {},
): SdkSource {
  const source = createSdkSource({ desktopAccount: account }, sessions, {
    id: options.id ?? "sdk",
    providerOptions: { label: options.label ?? account, accountName: account },
  });
  if (!ACCOUNT_UUID.test(account)) return source;
  return {
    ...source,
    load: async (signal) => {
      const { items } = await source.load(signal);
      return { items: items.map((item) => ({ ...item, accountId: account })) };
    },
  };
}

/** The label and account a source over `auth` shows. */
export function sdkSourceLabel(auth: SdkAuth): SdkProviderOptions {
  return "serviceAccountToken" in auth
    ? { label: strings.serviceAccountLabel }
    : { label: auth.desktopAccount, accountName: auth.desktopAccount };
}

function createSdkSource(
  auth: SdkAuth,
  sessions: SdkSessions,
  { id, providerOptions }: { id: string; providerOptions: SdkProviderOptions },
): SdkSource {
  let provider: Promise<SdkProvider> | undefined;
  const signedIn = (signal?: AbortSignal) => {
    provider ??= sessions.clientFor(auth).then((client) => createSdkProvider(client, providerOptions));
    provider.catch(() => (provider = undefined));
    return abortable(provider, signal);
  };
  const lazy: WritableItemProvider = {
    source: "sdk",
    label: providerOptions.label,
    listVaults: async (o = {}) => (await signedIn(o.signal)).listVaults(o),
    listItems: async (o = {}) => (await signedIn(o.signal)).listItems(o),
    getItemDetails: async (v, i, o = {}) => (await signedIn(o.signal)).getItemDetails(v, i, o),
    readFieldValue: async (v, i, f, o = {}) => (await signedIn(o.signal)).readFieldValue(v, i, f, o),
    readItem: async (v, i, o = {}) => (await signedIn(o.signal)).readItem(v, i, o),
    createItem: async (v, item, o = {}) => (await signedIn(o.signal)).createItem(v, item, o),
    addFields: async (v, i, fields, o = {}) => (await signedIn(o.signal)).addFields(v, i, fields, o),
  };
  const sharing: ItemSharingApi = {
    getAccountPolicy: async (v, i, o = {}) => (await signedIn(o.signal)).sharing.getAccountPolicy(v, i, o),
    validateRecipients: async (p, r, o = {}) =>
      (await signedIn(o.signal)).sharing.validateRecipients(p, r, o),
    create: async (v, i, p, params, o = {}) => (await signedIn(o.signal)).sharing.create(v, i, p, params, o),
  };
  const environments: EnvironmentsReader = {
    getVariables: async (environmentId, o = {}) =>
      (await signedIn(o.signal)).environments.getVariables(environmentId, o),
  };
  return {
    id,
    kind: "sdk",
    label: providerOptions.label,
    provider: lazy,
    sharing,
    environments,
    load: async (signal) => ({ items: await lazy.listItems({ signal }) }),
  };
}
