// The public surface of the shared library: every export both extensions and the checks rely on.
// Each concern lives in its own folder and names its public exports in that folder's index.ts.
export type {
  ItemSummary,
  ItemSource,
  ItemSection,
  ItemField,
  ItemAttachment,
  ItemDetails,
  ItemWithValues,
  ItemProvider,
  NewItem,
  NewItemField,
  WritableItemProvider,
} from "./types.js";
export * from "./metadata/index.js";
export * from "./search/index.js";
export * from "./references/index.js";
export * from "./links/index.js";
export * from "./connect/index.js";
export * from "./sharing/index.js";
export * from "./secrets/index.js";
export * from "./sdk/index.js";
export * from "./env/index.js";
export * from "./sources/index.js";
export * from "./categories/index.js";
export { strings } from "./strings.js";
