// Shows why a launch, task or terminal did not start, once, with the action that fixes it.
import * as vscode from "vscode";
import { inert } from "../notice.js";
import { errorMessage, isCancellation, tagLog, type Log } from "../log.js";
import { noEnvironmentSource } from "./environments.js";
import {
  EnvFileError,
  EnvironmentReadError,
  SecretVariableError,
  UntrustedWorkspaceError,
  shortName,
} from "./errors.js";

interface FixAction {
  title: string;
  run(): Thenable<unknown>;
}

/** Where the failed configuration is written: launch.json or tasks.json, for "Open …". */
export interface FailureContext {
  configFile?: vscode.Uri;
  log: Log;
}

/** The message and its action; resolves when the user has answered (or dismissed) it. Cancellation shows nothing. */
export async function reportRunFailure(error: unknown, context: FailureContext): Promise<void> {
  if (isCancellation(error)) return;
  const message = errorMessage(error);
  tagLog(context.log, "run").error(message);
  const actions = fixesFor(error, context);
  const chosen = await vscode.window.showErrorMessage(inert(message), ...actions.map((a) => a.title));
  await actions.find((a) => a.title === chosen)?.run();
}

function fixesFor(error: unknown, { configFile }: FailureContext): FixAction[] {
  const command = (title: string, id: string): FixAction => ({
    title,
    run: () => vscode.commands.executeCommand(id),
  });
  const open = (file: vscode.Uri, line?: number): FixAction => ({
    title: `Open ${shortName(file.fsPath)}`,
    run: async () => {
      const document = await vscode.workspace.openTextDocument(file);
      const at = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
    },
  });
  const openConfig = configFile ? [open(configFile)] : [];
  if (error instanceof UntrustedWorkspaceError)
    return [command("Manage Workspace Trust", "workbench.trust.manage")];
  if (error instanceof EnvFileError) return [open(vscode.Uri.file(error.file), error.line)];
  if (error instanceof SecretVariableError) {
    const { origin } = error;
    return origin.kind === "envFile" ? [open(vscode.Uri.file(origin.file), origin.line)] : openConfig;
  }
  if (error instanceof EnvironmentReadError) {
    return error.message.endsWith(noEnvironmentSource)
      ? [command("Sign In…", "opBridge.signIn")]
      : openConfig;
  }
  if (/No 1Password source (is configured|can be used)/.test(errorMessage(error))) {
    return [command("Connect to Server…", "opBridge.connect"), command("Sign In…", "opBridge.signIn")];
  }
  // A server that is down or refused the token: the status says which and offers to reconnect.
  return [command("Show Connection Status", "opBridge.showStatus")];
}
