export { LinkError } from "./LinkError.js";
export {
  editItemUrl,
  metadataFileUrl,
  openAndFillUrl,
  supportsOpenAndFill,
  viewItemUrl,
  type LinkableItem,
} from "./itemUrls.js";
export { isWebUrl } from "./webUrl.js";
