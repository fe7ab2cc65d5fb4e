// The `opBridge` task type: runs a command with the secrets of its env, envFile and Environment, output masked.
import * as vscode from "vscode";
import type { Log } from "../log.js";
import { envFilesOf } from "./envFiles.js";
import { reportRunFailure } from "./reportRunFailure.js";
import type { RunSecrets } from "./runSecrets.js";
import { SecretsPseudoterminal } from "./secretsTerminal.js";

export const secretsTaskType = "opBridge";

/** A task as tasks.json writes it (see the taskDefinitions contribution). */
export interface SecretsTaskDefinition extends vscode.TaskDefinition {
  command: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  envFile?: string | string[];
  /** A 1Password Environment ID whose variables are added. */
  environment?: string;
}

export class SecretsTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly run: RunSecrets,
    private readonly log: Log,
  ) {}

  /** Offers no tasks of its own: they are written in tasks.json. */
  provideTasks(): vscode.Task[] {
    return [];
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as SecretsTaskDefinition;
    if (typeof definition.command !== "string" || definition.command.trim() === "") return undefined;
    const scope = task.scope ?? vscode.TaskScope.Workspace;
    const folder = typeof scope === "object" ? scope : undefined;
    const execution = new vscode.CustomExecution(async (resolved) =>
      this.terminalFor(resolved as SecretsTaskDefinition, task.name, folder),
    );
    return new vscode.Task(definition, scope, task.name, "1Password", execution);
  }

  /** The terminal for one run of the task; `definition` has its `${…}` variables substituted. */
  terminalFor(
    definition: SecretsTaskDefinition,
    name: string,
    folder: vscode.WorkspaceFolder | undefined,
  ): SecretsPseudoterminal {
    return new SecretsPseudoterminal({
      process: {
        command: definition.command,
        args: Array.isArray(definition.args) ? definition.args.map(String) : undefined,
        cwd: definition.cwd ?? folder?.uri.fsPath,
      },
      prepare: (token) =>
        this.run.prepare(
          {
            title: `The task "${name}"`,
            consentKey: `task|${folder?.uri.toString() ?? ""}|${name}`,
            env: definition.env,
            envFiles: envFilesOf(definition.envFile, definition.cwd ?? folder?.uri.fsPath),
            environmentId:
              typeof definition.environment === "string" && definition.environment.trim()
                ? definition.environment.trim()
                : undefined,
          },
          token,
        ),
      onFailure: (error) =>
        void reportRunFailure(error, {
          configFile: folder && vscode.Uri.joinPath(folder.uri, ".vscode", "tasks.json"),
          log: this.log,
        }),
    });
  }
}
