export type {
  ItemShareAccountPolicy,
  ItemShareDuration,
  ItemShareParams,
  ItemSharingApi,
  SharingCallOptions,
  ValidRecipient,
} from "./ItemSharingApi.js";
export {
  ALL_SHARE_DURATIONS,
  allowedExpiries,
  checkShareRequest,
  classifyRecipient,
  describeExpiry,
  parseRecipients,
  type ShareRequest,
} from "./policy.js";
export { ShareRefusedError, createShareLink, type CreateShareLinkOptions } from "./createShareLink.js";
