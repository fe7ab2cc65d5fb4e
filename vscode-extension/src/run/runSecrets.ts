// Prepares the environment of a launch, task or terminal: reads env files, asks trust and consent, resolves references.
import type * as vscodeTypes from "vscode";
import * as vscode from "vscode";
import { CancelledError } from "../commands/run.js";
import { tagLog, type Log } from "../log.js";
import type { StructureCache } from "../sources/structureCache.js";
import { RunConsent } from "./consent.js";
import { withDelayedProgress } from "./delayedProgress.js";
import { envVariablesOf, readEnvFiles, type PlannedVariable } from "./envFiles.js";
import { readEnvironment } from "./environments.js";
import { SecretVariableError, UntrustedWorkspaceError } from "./errors.js";
import { DebugOutputMasking } from "./debugOutputMasking.js";
import { LaunchInputs } from "./launchInputs.js";
import { isSecretReferenceValue, resolveReferences } from "./resolveReferences.js";

/** What is started and what it names: the configuration's `env`, its env files, a 1Password Environment. */
export interface RunRequest {
  /** Says what is started in prompts and messages, e.g. `The launch configuration "API"`. */
  title: string;
  /**
   * Identifies the configuration within the workspace, for the remembered consent; undefined for a caller
   * the user did not start (asked every time, see RunConsent).
   */
  consentKey: string | undefined;
  env?: unknown;
  envFiles?: readonly string[];
  environmentId?: string;
}

export interface PreparedRun {
  /** Every variable to set (Environment, then env files, then `env`: later ones win), references resolved. */
  env: Record<string, string>;
  /** The secret values read from 1Password, for masking output. Held in memory for the run only. */
  secrets: string[];
  /** False when nothing named a secret: the configuration can go on as written. */
  readSecrets: boolean;
}

export interface RunSecretsDeps {
  cache: StructureCache;
  /** Where consent is remembered: the workspace's state. */
  workspaceState: vscodeTypes.Memento;
  log: Log;
  /** How long reading runs before a progress notification appears. */
  progressDelayMs?: number;
}

export class RunSecrets {
  private readonly consent: RunConsent;
  private readonly log: Log;

  constructor(private readonly deps: RunSecretsDeps) {
    this.consent = new RunConsent(deps.workspaceState);
    this.log = tagLog(deps.log, "run");
  }

  /** The `${input:}` references launches being started expect (see LaunchInputs). */
  readonly launchInputs = new LaunchInputs();
  /** The values launches read, masked in their Debug Console output (see DebugOutputMasking). */
  readonly debugOutput = new DebugOutputMasking();

  get cache(): StructureCache {
    return this.deps.cache;
  }

  /**
   * Reads the env files, then, when anything names a secret: refuses in Restricted Mode, asks consent
   * (once per configuration and set of references), and resolves every reference and the Environment
   * at once, with a progress notification if it takes more than a moment. An env file that cannot be
   * read matters only then (otherwise the adapter reads it as before). Throws SecretVariableError
   * (naming the first variable that failed), EnvFileError, EnvironmentReadError, UntrustedWorkspaceError,
   * or CancelledError when the user declines or cancels.
   */
  async prepare(request: RunRequest, token?: vscodeTypes.CancellationToken): Promise<PreparedRun> {
    const files = await readEnvFiles(request.envFiles ?? []);
    const planned = [...files.variables, ...envVariablesOf(request.env)];
    const withReferences = planned.filter((v) => isSecretReferenceValue(v.value));
    const { environmentId } = request;
    if (withReferences.length === 0 && !environmentId) {
      return {
        env: Object.fromEntries(planned.map((v) => [v.name, v.value])),
        secrets: [],
        readSecrets: false,
      };
    }
    // The files are taken over (their references resolved here), so what cannot be read must be said.
    if (files.problems[0]) throw files.problems[0];
    if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError(request.title);
    const references = withReferences.map((v) => v.value.trim());
    if (!(await this.consent.ask(request.title, request.consentKey, { references, environmentId }))) {
      throw new CancelledError();
    }
    const count = new Set(references).size + (environmentId ? 1 : 0);
    const [resolutions, environment] = await withDelayedProgress(
      `Reading ${count} secret${count === 1 ? "" : "s"} from 1Password for ${request.title.replace(/^The /, "the ")}`,
      (signal) =>
        Promise.all([
          resolveReferences(this.deps.cache, references, signal),
          environmentId ? readEnvironment(this.deps.cache.registry, environmentId, signal) : [],
        ]),
      { token, delayMs: this.deps.progressDelayMs },
    );
    const failed = withReferences.flatMap((v) => {
      const resolution = resolutions.get(v.value.trim());
      return resolution && "reason" in resolution ? [{ variable: v, reason: resolution.reason }] : [];
    });
    if (failed.length > 0) {
      const [first] = failed;
      // Names and references only: which variables failed, never a value.
      this.log.warn(`${request.title}: ${failed.map((f) => `${f.variable.name} (${f.reason})`).join("; ")}`);
      throw new SecretVariableError(
        first!.variable.name,
        first!.variable.value.trim(),
        first!.reason,
        first!.variable.origin,
        failed.length - 1,
      );
    }
    const env: Record<string, string> = {};
    const secrets: string[] = [];
    for (const { name, value, masked } of environment) {
      env[name] = value;
      // An Environment marks its secrets; its plain settings ("debug", a port) are left readable in output.
      if (masked) secrets.push(value);
    }
    for (const variable of planned) env[variable.name] = valueOf(variable, resolutions, secrets);
    this.log.info(`${request.title}: ${count} secret(s) read for ${Object.keys(env).length} variable(s)`);
    return { env, secrets, readSecrets: true };
  }
}

function valueOf(
  variable: PlannedVariable,
  resolutions: ReadonlyMap<string, { value: string } | { reason: string }>,
  secrets: string[],
): string {
  if (!isSecretReferenceValue(variable.value)) return variable.value;
  const resolution = resolutions.get(variable.value.trim());
  if (!resolution || !("value" in resolution)) return variable.value;
  secrets.push(resolution.value);
  return resolution.value;
}
