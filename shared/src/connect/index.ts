// The Connect client, its errors, filter builders and the item source built on it.
export { createConnectClient } from "./createConnectClient.js";
export type {
  ConnectClient,
  ConnectClientOptions,
  CallOptions,
  FileContent,
  ActivityPage,
} from "./createConnectClient.js";
export {
  ConnectError,
  ConnectConfigError,
  ConnectHttpError,
  ConnectNetworkError,
  ConnectTimeoutError,
} from "./errors.js";
export { titleEquals, titleContains, tagEquals, nameEquals } from "./filters.js";
export { isConnectId } from "./ids.js";
export { itemToSummary, itemToDetails, describeConnectCategory } from "./mapItems.js";
export { createConnectProvider, toConnectItem } from "./createConnectProvider.js";
export type { ConnectProviderOptions } from "./createConnectProvider.js";
export { connectionFromEnvironment } from "./connectionFromEnvironment.js";
export type {
  Vault as ConnectVault,
  VaultType as ConnectVaultType,
  Item as ConnectItem,
  ItemUrl as ConnectItemUrl,
  ItemCategory as ConnectItemCategory,
  FullItem as ConnectFullItem,
  Field as ConnectField,
  FieldType as ConnectFieldType,
  FieldPurpose as ConnectFieldPurpose,
  FieldInput as ConnectFieldInput,
  GeneratorRecipe as ConnectGeneratorRecipe,
  CharacterSet as ConnectCharacterSet,
  Section as ConnectSection,
  File as ConnectFile,
  ItemInput as ConnectItemInput,
  PatchOperation as ConnectPatchOperation,
  APIRequest,
  ServiceDependency,
  ServerHealth as ConnectServerHealth,
  ErrorResponse as ConnectErrorResponse,
} from "./types.js";
