export { detectSecrets } from "./detectSecrets.js";
export type { Finding, DetectSecretsOptions } from "./detectSecrets.js";
export { shannonEntropy, isSecretKeyName, looksRandom } from "./heuristics.js";
