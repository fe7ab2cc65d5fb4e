// The one category mapping every source and both extensions use.
export {
  CATEGORIES,
  findCategory,
  findSdkCategory,
  normalizeCategoryId,
  type CategoryInfo,
} from "./categories.js";
