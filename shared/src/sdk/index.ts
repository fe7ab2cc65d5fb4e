export { SdkError, recognizeSdkErrors, toSdkError, type SdkErrorKind } from "./SdkError.js";
export { loadSdkClient, loadSdkModule, type LoadSdkClientOptions, type SdkClient } from "./loadSdkClient.js";
export {
  createSdkProvider,
  toSdkCreateParams,
  type EnvironmentVariable,
  type EnvironmentsReader,
  type SdkProvider,
  type SdkProviderOptions,
} from "./createSdkProvider.js";
export { NOTES_FIELD_ID } from "./mapItems.js";
