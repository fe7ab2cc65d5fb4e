// Search over item summaries, and the identity that merges one item listed by several sources.
export { browseTop } from "./browseTop.js";
export { createSearchIndex, type SearchIndex, type SearchOptions } from "./createSearchIndex.js";
export { itemKey, mergeItems } from "./mergeItems.js";
export { extractHost, normalizeText } from "./normalizeText.js";
export {
  frecencyScore,
  rankWithUsage,
  titleMatchTier,
  USAGE_HALF_LIFE_DAYS,
  type UsageTable,
} from "./rankWithUsage.js";
