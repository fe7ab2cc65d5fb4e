export { parseEnvFile, type EnvFileEntry, type EnvFileProblem, type ParsedEnvFile } from "./parseEnvFile.js";
export { concealedText, createSecretMasker, type SecretMasker } from "./maskSecrets.js";
