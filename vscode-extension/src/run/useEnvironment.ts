// "Use a 1Password Environment in a Launch Configuration…": checks an Environment ID and names it in launch.json.
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { CancelledError, withNotificationProgress } from "../commands/run.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";
import { environmentProperty, readEnvironment } from "./environments.js";

/** Where the ID is found: the SDK can read an Environment but cannot list them. */
const whereToFindId =
  "In 1Password: Developer → View Environments → (an Environment) → Manage environment → Copy environment ID.";

/**
 * Asks for the Environment's ID, reads it once (showing only its variable names), then sets
 * `opBridgeEnvironment` on the chosen launch configuration. Answers the configuration's name.
 */
export async function useEnvironmentInLaunch(registry: SourceRegistry): Promise<string> {
  const id = await vscode.window.showInputBox({
    title: "Use a 1Password Environment",
    prompt: `The Environment's ID. ${whereToFindId}`,
    ignoreFocusOut: true,
    validateInput: (value) =>
      /^[A-Za-z0-9_-]+$/.test(value.trim())
        ? undefined
        : "An Environment ID holds only letters, digits, - and _.",
  });
  if (!id) throw new CancelledError();
  const variables = await withNotificationProgress("Reading the 1Password Environment", (signal) =>
    readEnvironment(registry, id.trim(), signal),
  );
  const names = variables.map((v) => v.name);
  const folder = vscode.workspace.workspaceFolders?.[0];
  const launch = vscode.workspace.getConfiguration("launch", folder?.uri);
  const configurations = launch.get<vscode.DebugConfiguration[]>("configurations") ?? [];
  const summary = `${names.length} variable${names.length === 1 ? "" : "s"}${names.length ? ` (${names.join(", ")})` : ""}`;
  if (configurations.length === 0) {
    throw new Error(
      `The Environment holds ${summary}, but this workspace has no launch configuration: add one (Run → Add Configuration…) and run this again.`,
    );
  }
  const picked = await vscode.window.showQuickPick(
    configurations.map((configuration, index) => ({
      label: String(configuration.name ?? `Configuration ${index + 1}`),
      description: configuration.type,
      index,
    })),
    { title: "Use a 1Password Environment", placeHolder: `Which launch configuration gets its ${summary}?` },
  );
  if (!picked) throw new CancelledError();
  const updated = configurations.map((configuration, index) =>
    index === picked.index ? { ...configuration, [environmentProperty]: id.trim() } : configuration,
  );
  await launch.update("configurations", updated, vscode.ConfigurationTarget.WorkspaceFolder);
  void vscode.window.showInformationMessage(
    notice`"${picked.label}" gets the ${summary} of the 1Password Environment when it starts.`,
  );
  return picked.label;
}
