export { SecretReferenceError } from "./SecretReferenceError.js";
export {
  buildSecretReference,
  isNameAllowedInReference,
  parseSecretReference,
  type BuildSecretReferenceOptions,
  type ParsedSecretReference,
  type ReferenceAttribute,
  type SecretReferenceParts,
} from "./syntax.js";
export {
  findSecretReferences,
  findSecretReferencesInSlices,
  type FindSecretReferencesOptions,
  type FoundSecretReference,
} from "./findSecretReferences.js";
export { formatReferenceForFile, type FormatReferenceOptions } from "./formatReferenceForFile.js";
export {
  locateSecretReference,
  type LocateReferenceOptions,
  type LocatedReference,
} from "./locateSecretReference.js";
export { resolveSecretReference } from "./resolveSecretReference.js";
export {
  generatePassword,
  type PasswordCharacterSet,
  type GeneratePasswordRecipe,
} from "./generatePassword.js";
