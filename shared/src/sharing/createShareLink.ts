// Creates a share link after checking the request against the account policy, so nothing forbidden is ever sent.
import type { ItemShareAccountPolicy, ValidRecipient } from "@1password/sdk";
import type { ItemSharingApi } from "./ItemSharingApi.js";
import { checkShareRequest, type ShareRequest } from "./policy.js";

/** The request breaks the account's sharing policy; `reasons` says how, one sentence each. Nothing was sent. */
export class ShareRefusedError extends Error {
  override readonly name = "ShareRefusedError";
  readonly reasons: string[];

  constructor(reasons: string[]) {
    super(reasons.length === 1 ? reasons[0]! : `The share link was not created:\n- ${reasons.join("\n- ")}`);
    this.reasons = reasons;
  }
}

export interface CreateShareLinkOptions {
  signal?: AbortSignal;
  /** The policy the flow already fetched (to offer expiries); fetched again when absent. */
  policy?: ItemShareAccountPolicy;
}

/**
 * Fetches the policy (unless given), refuses a request it forbids (ShareRefusedError, before any
 * recipient is validated or any share created), validates the recipients with 1Password, and
 * creates the link. Answers the link.
 */
export async function createShareLink(
  api: ItemSharingApi,
  item: { vaultId: string; itemId: string },
  request: ShareRequest,
  options: CreateShareLinkOptions = {},
): Promise<string> {
  const { signal } = options;
  signal?.throwIfAborted();
  const policy = options.policy ?? (await api.getAccountPolicy(item.vaultId, item.itemId, { signal }));
  signal?.throwIfAborted();

  const reasons = checkShareRequest(policy, request);
  if (reasons.length > 0) throw new ShareRefusedError(reasons);

  let recipients: ValidRecipient[] | undefined;
  if (request.recipients.length > 0) {
    recipients = await api.validateRecipients(policy, request.recipients, { signal });
    signal?.throwIfAborted();
    const accepted = new Set(recipients.map(recipientText));
    const rejected = request.recipients.filter((r) => !accepted.has(r.toLowerCase()));
    if (rejected.length > 0) {
      throw new ShareRefusedError(
        rejected.map((r) => `1Password did not accept "${r}" as a recipient under your account's policy.`),
      );
    }
  }

  const link = await api.create(
    item.vaultId,
    item.itemId,
    policy,
    {
      expireAfter: request.expireAfter ?? policy.defaultExpiry,
      oneTimeOnly: request.oneTimeOnly,
      ...(recipients ? { recipients } : {}),
    },
    { signal },
  );
  signal?.throwIfAborted();
  return link;
}

function recipientText(recipient: ValidRecipient): string {
  return (
    recipient.type === "Email" ? recipient.parameters.email : recipient.parameters.domain
  ).toLowerCase();
}
