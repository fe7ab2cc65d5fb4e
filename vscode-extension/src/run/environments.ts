// Reads the variables of a 1Password Environment through the signed-in SDK source.
import { errorMessage, isCancellation } from "../log.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";
import { EnvironmentReadError } from "./errors.js";

/** The launch configuration property naming a 1Password Environment by its ID. */
export const environmentProperty = "opBridgeEnvironment";

export const noEnvironmentSource =
  'only the 1Password SDK reads Environments: run "1Password: Sign In with Service Account or Desktop App…" first';

/** The Environment's variables by name; errors name the Environment and say what to do. */
export async function readEnvironment(
  registry: SourceRegistry,
  environmentId: string,
  signal?: AbortSignal,
): Promise<{ name: string; value: string; masked: boolean }[]> {
  const source = (await registry.sources()).find((s) => s.environments);
  if (!source?.environments) throw new EnvironmentReadError(environmentId, noEnvironmentSource);
  try {
    return await source.environments.getVariables(environmentId, { signal });
  } catch (error) {
    if (signal?.aborted || isCancellation(error)) throw error;
    throw new EnvironmentReadError(environmentId, errorMessage(error));
  }
}

/** The Environment ID a configuration names, if any. */
export function environmentIdOf(configuration: Record<string, unknown>): string | undefined {
  const value = configuration[environmentProperty];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
