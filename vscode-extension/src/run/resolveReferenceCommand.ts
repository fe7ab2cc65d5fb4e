// The command launch.json and tasks.json call through `inputs` ("type": "command") to put a secret anywhere.
import type { Log } from "../log.js";
import { reportRunFailure } from "./reportRunFailure.js";
import { isSecretReferenceValue } from "./resolveReferences.js";
import type { RunSecrets } from "./runSecrets.js";

export const resolveReferenceCommand = "opBridge.resolveReference";

/** The variable name the value is known by in messages: the configuration field it fills is not known here. */
const inputVariable = "${input:…}";

/**
 * Answers the value of the reference in `args` (`"op://…"` or `{ "reference": "op://…" }`), after the
 * same trust and consent checks as a launch. Never logs or shows the value; a failure shows its reason
 * and answers undefined, which makes VS Code stop the launch or task.
 */
export async function resolveReferenceForInput(
  run: RunSecrets,
  log: Log,
  args: unknown,
): Promise<string | undefined> {
  const reference = referenceIn(args);
  try {
    if (!isSecretReferenceValue(reference)) {
      throw new Error(
        `${resolveReferenceCommand} needs a secret reference in its args, e.g. "args": "op://vault/item/field" or { "reference": "op://vault/item/field" }.`,
      );
    }
    const prepared = await run.prepare({
      title: `The \${input:} value ${reference.trim()}`,
      consentKey: `input|${reference.trim()}`,
      env: { [inputVariable]: reference },
    });
    return prepared.env[inputVariable];
  } catch (error) {
    // Not awaited: VS Code waits for this answer before it goes on, and the message may stay open.
    void reportRunFailure(error, { log });
    return undefined;
  }
}

function referenceIn(args: unknown): unknown {
  if (Array.isArray(args)) return referenceIn(args[0]);
  if (args && typeof args === "object" && "reference" in args)
    return (args as { reference: unknown }).reference;
  return args;
}
