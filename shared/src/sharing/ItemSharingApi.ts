// The part of the 1Password SDK that shares items, with the SDK's own types, so the flow can be tested with a fake.
import type {
  ItemShareAccountPolicy,
  ItemShareDuration,
  ItemShareParams,
  ValidRecipient,
} from "@1password/sdk";

export type { ItemShareAccountPolicy, ItemShareDuration, ItemShareParams, ValidRecipient };

/** Options every sharing call takes: the SDK cannot cancel a call, but the caller stops waiting. */
export interface SharingCallOptions {
  signal?: AbortSignal;
}

/**
 * What the share flow needs from the SDK (`client.items.shares`, plus `items.get` for `create`,
 * which the SDK provider does). Implemented by `createSdkProvider(...).sharing`.
 */
export interface ItemSharingApi {
  getAccountPolicy(
    vaultId: string,
    itemId: string,
    options?: SharingCallOptions,
  ): Promise<ItemShareAccountPolicy>;
  validateRecipients(
    policy: ItemShareAccountPolicy,
    recipients: string[],
    options?: SharingCallOptions,
  ): Promise<ValidRecipient[]>;
  create(
    vaultId: string,
    itemId: string,
    policy: ItemShareAccountPolicy,
    params: ItemShareParams,
    options?: SharingCallOptions,
  ): Promise<string>;
}
