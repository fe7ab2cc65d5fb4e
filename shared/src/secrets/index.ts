export { detectSecrets } from "./detectSecrets.js";
export type { Finding, DetectSecretsOptions } from "./detectSecrets.js";
export { shannonEntropy, isSecretKeyName, looksRandom } from "./heuristics.js";
export { providerRules, type ProviderRule, type SuggestedCategory } from "./providers.js";
export { precisionRules, exclusionFor, type PrecisionRule } from "./precision.js";
export { compileCustomPatterns, type CustomPattern, type CustomPatternSetting } from "./customPatterns.js";
export { hasBase62Crc32Checksum } from "./checksums.js";
export { secretFingerprint } from "./fingerprint.js";
