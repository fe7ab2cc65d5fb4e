// 1Password 7 metadata (and opbookmarks' copy of it for 1Password 8): find, load, cache, watch.
export { METADATA_CATEGORIES } from "./categories.js";
export { MetadataRootMissingError } from "./errors.js";
export {
  defaultMetadataRoot,
  defaultMetadataCacheFile,
  METADATA_FILE_SUFFIX,
  ONEPASSWORD7_METADATA_PATH,
  OPBOOKMARKS_METADATA_PATH,
} from "./paths.js";
export {
  loadMetadata,
  loadMetadataWithDetails,
  waitForMetadataCacheWrites,
  MAX_METADATA_FILE_BYTES,
  chooseMetadataWorkerCount,
  type MetadataLoadDetails,
  type MetadataLoadStats,
  type MetadataLoadStats as ScanStats,
} from "./loadMetadata.js";
export { parseMetadataText, type ParsedMetadata } from "./parseMetadataText.js";
export type {
  LoadMetadataOptions,
  LoadMetadataResult,
  MetadataChanges,
  MetadataProblem,
  MetadataUpdate,
} from "./types.js";
export { openMetadata, type OpenedMetadata, type OpenMetadataOptions } from "./openMetadata.js";
export { diffMetadata } from "./diffMetadata.js";
export {
  watchMetadata,
  type MetadataSnapshot,
  type MetadataWatch,
  type WatchMetadataOptions,
} from "./watchMetadata.js";
