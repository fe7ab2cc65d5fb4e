// One host-free source layer both extensions use: a module per source kind behind one interface, and the set
// that merges them (items, item-to-source lookup, a problem per failed source, refresh, cancellation, live updates).
export type {
  Source,
  SourceProblem,
  SourceProblemKind,
  SourceResult,
  SourceWatchListener,
  SourcesSnapshot,
} from "./types.js";
export { createSourceSet, type SourceSet, type SourceSetOptions } from "./createSourceSet.js";
export { createMetadataSource, type MetadataSourceOptions } from "./metadataSource.js";
export { createConnectSource, describeServer, type ConnectSourceOptions } from "./connectSource.js";
export {
  createServiceAccountSource,
  createDesktopAppSource,
  sdkSourceLabel,
  type SdkSource,
} from "./sdkSource.js";
export {
  createSdkSessions,
  type SdkAuth,
  type SdkSessions,
  type SdkSessionsOptions,
  type SignInSdk,
} from "./sdkSessions.js";
export { describeSourceFailure } from "./describeSourceFailure.js";
export { problemTitle } from "./problemTitles.js";
export { SourcesFailedError } from "./errors.js";
export { abortable, isAbortError } from "./abortable.js";
export { createRoutingProvider } from "./routeProvider.js";
