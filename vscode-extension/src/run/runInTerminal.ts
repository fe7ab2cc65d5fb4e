// "Run in Terminal with Secrets…": an ad-hoc command line with the references of a chosen .env resolved.
import * as vscode from "vscode";
import { CancelledError } from "../commands/run.js";
import type { Log } from "../log.js";
import { reportRunFailure } from "./reportRunFailure.js";
import type { RunSecrets } from "./runSecrets.js";
import { SecretsPseudoterminal } from "./secretsTerminal.js";

const envFilePattern = "**/{.env,.env.*,*.env}";

/** Asks for an env file of the workspace and a command line, then runs it in a new terminal. Answers the terminal. */
export async function runInTerminalWithSecrets(run: RunSecrets, log: Log): Promise<vscode.Terminal> {
  const files = await vscode.workspace.findFiles(envFilePattern, "**/node_modules/**", 500);
  if (files.length === 0) {
    throw new Error(
      "This workspace has no .env file: write one with op:// references (1Password: Insert Secret Reference), then run this again.",
    );
  }
  const picked = await vscode.window.showQuickPick(
    files
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    { title: "Run in Terminal with Secrets", placeHolder: "The .env file whose variables the command gets" },
  );
  if (!picked) throw new CancelledError();
  const command = await vscode.window.showInputBox({
    title: "Run in Terminal with Secrets",
    prompt: `The command to run with the variables of ${picked.label}; secret values are masked in its output.`,
    placeHolder: "npm start",
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : "Type the command to run."),
  });
  if (!command) throw new CancelledError();
  const folder = vscode.workspace.getWorkspaceFolder(picked.uri);
  const pty = new SecretsPseudoterminal({
    process: { command: command.trim(), cwd: folder?.uri.fsPath },
    prepare: (token) =>
      run.prepare(
        {
          title: `Running "${command.trim()}" with ${picked.label}`,
          consentKey: `terminal|${picked.uri.toString()}`,
          envFiles: [picked.uri.fsPath],
        },
        token,
      ),
    onFailure: (error) => void reportRunFailure(error, { log }),
  });
  const terminal = vscode.window.createTerminal({ name: `1Password: ${command.trim()}`, pty });
  terminal.show();
  return terminal;
}
