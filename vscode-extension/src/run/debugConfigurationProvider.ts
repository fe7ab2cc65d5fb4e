// Launch configurations of every debug type get their op:// references resolved at launch, handed to the adapter in memory.
import * as vscode from "vscode";
import type { Log } from "../log.js";
import { environmentIdOf, environmentProperty } from "./environments.js";
import { envFilesOf } from "./envFiles.js";
import { reportRunFailure } from "./reportRunFailure.js";
import type { RunSecrets } from "./runSecrets.js";

export class SecretsDebugConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(
    private readonly run: RunSecrets,
    private readonly log: Log,
  ) {}

  /**
   * Sees the configuration before `${…}` variables are substituted: notes which `${input:}` references
   * it will ask opBridge.resolveReference for, so those calls come under this launch's consent.
   */
  resolveDebugConfiguration(
    folder: vscode.WorkspaceFolder | undefined,
    configuration: vscode.DebugConfiguration,
  ): vscode.DebugConfiguration {
    this.run.launchInputs.expect(folder, configuration);
    return configuration;
  }

  /**
   * Sees the configuration after `${…}` variables are substituted. When `env`, an `envFile` or an
   * Environment names secrets, answers the configuration with every variable in `env` and no
   * `envFile` (adapters read it themselves, and would read the references); nothing is written to
   * disk. A failure shows one message and answers undefined, which stops the launch.
   */
  async resolveDebugConfigurationWithSubstitutedVariables(
    folder: vscode.WorkspaceFolder | undefined,
    configuration: vscode.DebugConfiguration,
    token?: vscode.CancellationToken,
  ): Promise<vscode.DebugConfiguration | undefined> {
    const name = configuration.name || configuration.type;
    this.run.launchInputs.forget(configuration);
    try {
      const prepared = await this.run.prepare(
        {
          title: `The launch configuration "${name}"`,
          consentKey: `launch|${folder?.uri.toString() ?? ""}|${configuration.type}|${name}`,
          env: configuration.env,
          envFiles: envFilesOf(configuration.envFile, folder?.uri.fsPath),
          environmentId: environmentIdOf(configuration),
        },
        token,
      );
      if (!prepared.readSecrets) return configuration;
      this.run.debugOutput.remember(prepared.secrets);
      const { envFile: _envFile, [environmentProperty]: _environment, ...rest } = configuration;
      // Values other than strings (null unsets a variable in js-debug) stay as written, and win.
      const kept = Object.entries((configuration.env ?? {}) as Record<string, unknown>).filter(
        ([, value]) => typeof value !== "string",
      );
      return {
        ...rest,
        name: configuration.name,
        type: configuration.type,
        request: configuration.request,
        env: { ...prepared.env, ...Object.fromEntries(kept) },
      };
    } catch (error) {
      void reportRunFailure(error, { configFile: folder && launchJson(folder), log: this.log });
      return undefined;
    }
  }
}

function launchJson(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ".vscode", "launch.json");
}
