// Registers running and debugging with secrets: the debug configuration provider for every type, the task type,
// and the Debug Console masking of the values launches read.
import * as vscode from "vscode";
import type { Log } from "../log.js";
import { SecretsDebugConfigurationProvider } from "./debugConfigurationProvider.js";
import type { RunSecrets } from "./runSecrets.js";
import { SecretsTaskProvider, secretsTaskType } from "./taskProvider.js";

export function registerRunFeatures(context: vscode.ExtensionContext, run: RunSecrets, log: Log): void {
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider("*", new SecretsDebugConfigurationProvider(run, log)),
    vscode.tasks.registerTaskProvider(secretsTaskType, new SecretsTaskProvider(run, log)),
    vscode.debug.registerDebugAdapterTrackerFactory("*", run.debugOutput),
    vscode.debug.onDidTerminateDebugSession((session) => run.debugOutput.forget(session)),
  );
}
