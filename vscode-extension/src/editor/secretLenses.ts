// "Save in 1Password" above each value that looks like a secret, while opBridge.secretDetection.enabled is on.
import type { Finding } from "@op-bridge/shared";
import * as vscode from "vscode";
import { signalFor } from "../commands/run.js";
import { errorMessage, isCancellation, type Log } from "../log.js";
import type { SecretScanner } from "./secretScanner.js";

export const saveInOnePasswordCommand = "opBridge.saveInOnePassword";
export const secretDetectionSetting = "opBridge.secretDetection.enabled";

/** What a lens hands its command: where the value is, never the value itself. */
export interface SaveTarget {
  uri: vscode.Uri;
  version: number;
  finding: Finding;
}

export function isSecretDetectionEnabled(): boolean {
  return (
    vscode.workspace.getConfiguration("opBridge").get<boolean>("secretDetection.enabled", true) !== false
  );
}

export class SecretLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses: vscode.Event<void> = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly scanner: SecretScanner,
    private readonly log: Log,
  ) {
    // The setting takes effect at once: VS Code asks for the lenses again.
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(secretDetectionSetting)) this.changed.fire();
    });
  }

  async provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeLens[]> {
    if (!isSecretDetectionEnabled()) return [];
    try {
      const findings = await this.scanner.findings(document, signalFor(token));
      if (token.isCancellationRequested || !isSecretDetectionEnabled()) return [];
      return findings.map((finding) => lensFor(document, finding));
    } catch (error) {
      if (!isCancellation(error)) this.log.error(`secret detection: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function lensFor(document: vscode.TextDocument, finding: Finding): vscode.CodeLens {
  const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
  const target: SaveTarget = { uri: document.uri, version: document.version, finding };
  const what = finding.kind.replace(/-/g, " ");
  return new vscode.CodeLens(range, {
    command: saveInOnePasswordCommand,
    title: "Save in 1Password",
    tooltip: `This looks like a ${what}: save it in 1Password and replace it with its op:// reference`,
    arguments: [target],
  });
}
