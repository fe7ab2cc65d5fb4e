// The status bar item: how many sources are connected, and a click that offers what to do next.
import * as vscode from "vscode";
import type { SourceRegistry } from "../sources/SourceRegistry.js";

export const showStatusCommand = "opBridge.showStatus";

export function createStatusBar(registry: SourceRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("opBridge.status", vscode.StatusBarAlignment.Left, 10);
  item.name = "1Password";
  item.command = showStatusCommand;
  const update = async () => {
    const sources = await registry.sources().catch(() => []);
    if (sources.length === 0) {
      item.text = "$(lock) 1Password";
      item.tooltip = "1Password: not connected. Click to connect a server or sign in.";
    } else {
      item.text = `$(unlock) 1Password${sources.length > 1 ? ` (${sources.length})` : ""}`;
      item.tooltip = `1Password: ${sources.map((s) => s.label).join(", ")}`;
    }
    item.show();
  };
  void update();
  const subscription = registry.onDidChange(() => void update());
  return vscode.Disposable.from(item, subscription);
}

interface ActionPick extends vscode.QuickPickItem {
  command: string;
}

/** What the status bar click offers: the next useful steps for the current state. */
export async function showStatus(registry: SourceRegistry): Promise<void> {
  const sources = await registry.sources();
  const picks: ActionPick[] = sources.length
    ? [
        { label: "$(insert) Insert Secret Reference", command: "opBridge.insertReference" },
        { label: "$(search) Browse Items", command: "opBridge.browseItems" },
        { label: "$(refresh) Refresh Items", command: "opBridge.refresh" },
        { label: "$(plug) Connect to Server…", command: "opBridge.connect" },
        { label: "$(account) Sign In with Service Account or Desktop App…", command: "opBridge.signIn" },
        { label: "$(sign-out) Sign Out", command: "opBridge.signOut" },
      ]
    : [
        { label: "$(plug) Connect to Server…", command: "opBridge.connect" },
        { label: "$(account) Sign In with Service Account or Desktop App…", command: "opBridge.signIn" },
      ];
  const chosen = await vscode.window.showQuickPick(picks, {
    title: sources.length
      ? `1Password: ${sources.map((s) => s.label).join(", ")}`
      : "1Password: not connected",
  });
  if (chosen) await vscode.commands.executeCommand(chosen.command);
}
