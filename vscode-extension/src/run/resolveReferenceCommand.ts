// The command launch.json and tasks.json call through `inputs` ("type": "command") to put a secret anywhere.
import type { Log } from "../log.js";
import { referenceInArgs, resolveReferenceCommand } from "./launchInputs.js";
import { reportRunFailure } from "./reportRunFailure.js";
import { isSecretReferenceValue } from "./resolveReferences.js";
import type { RunSecrets } from "./runSecrets.js";

export { resolveReferenceCommand };

/** The variable name the value is known by in messages: the configuration field it fills is not known here. */
const inputVariable = "${input:…}";

/**
 * Answers the value of the reference in `args` (`"op://…"` or `{ "reference": "op://…" }`), after the
 * same trust checks as a launch. Called while a launch the user started substitutes its inputs, the
 * launch's consent applies (asked once per reference, remembered); called by anyone else (another
 * extension, a task's input) the user is asked every time, naming the reference. Never logs or shows
 * the value; a failure shows its reason and answers undefined, which makes VS Code stop the launch or task.
 */
export async function resolveReferenceForInput(
  run: RunSecrets,
  log: Log,
  args: unknown,
): Promise<string | undefined> {
  const reference = referenceInArgs(args);
  try {
    if (!isSecretReferenceValue(reference)) {
      throw new Error(
        `${resolveReferenceCommand} needs a secret reference in its args, e.g. "args": "op://vault/item/field" or { "reference": "op://vault/item/field" }.`,
      );
    }
    const launch = run.launchInputs.take(reference);
    const prepared = await run.prepare({
      title: `The \${input:} value ${reference.trim()}`,
      consentKey: launch === undefined ? undefined : `input|${reference.trim()}`,
      env: { [inputVariable]: reference },
    });
    return prepared.env[inputVariable];
  } catch (error) {
    // Not awaited: VS Code waits for this answer before it goes on, and the message may stay open.
    void reportRunFailure(error, { log });
    return undefined;
  }
}
