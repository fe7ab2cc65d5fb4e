// "Save in 1Password" and "Ignore" above each value that looks like a secret, while
// opBridge.secretDetection.enabled is on; ignored findings (by fingerprint, never by value) get no lens.
import type { Finding } from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";
import { signalFor } from "../commands/run.js";
import { errorMessage, isCancellation, type Log } from "../log.js";
import type { IgnoredFindings } from "./ignoredFindings.js";
import { customPatternsSetting, type SecretScanner } from "./secretScanner.js";

export const saveInOnePasswordCommand = "opBridge.saveInOnePassword";
export const ignoreSecretFindingCommand = "opBridge.ignoreSecretFinding";
export const forgetIgnoredFindingsCommand = "opBridge.forgetIgnoredSecretFindings";
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
    private readonly ignored: IgnoredFindings,
    private readonly log: Log,
  ) {
    // The settings take effect at once: VS Code asks for the lenses again.
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(customPatternsSetting)) this.scanner.clear();
      if (
        event.affectsConfiguration(secretDetectionSetting) ||
        event.affectsConfiguration(customPatternsSetting)
      )
        this.changed.fire();
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
      // Most workspaces ignore nothing: then no value is read back to be fingerprinted.
      const shown =
        this.ignored.count === 0
          ? findings
          : findings.filter((finding) => !this.ignored.isIgnored(finding.kind, valueOf(document, finding)));
      return shown.flatMap((finding) => lensesFor(document, finding));
    } catch (error) {
      if (!isCancellation(error)) this.log.error(`secret detection: ${errorMessage(error)}`);
      return [];
    }
  }

  /** Ignores the finding a lens points at (its value's fingerprint is stored, not the value). */
  async ignore(target: unknown): Promise<void> {
    const saveTarget = target as SaveTarget | undefined;
    if (!saveTarget?.finding || !(saveTarget.uri instanceof vscode.Uri)) {
      throw new Error('Use "Ignore" above a value marked "Save in 1Password".');
    }
    const document = await vscode.workspace.openTextDocument(saveTarget.uri);
    if (document.version !== saveTarget.version)
      throw new Error("The file changed: use the lens above the value again.");
    await this.ignored.ignore(saveTarget.finding.kind, valueOf(document, saveTarget.finding));
    this.changed.fire();
  }

  async forgetIgnored(): Promise<void> {
    const count = this.ignored.count;
    await this.ignored.forgetAll();
    this.changed.fire();
    void vscode.window.showInformationMessage(
      count
        ? notice`${count} ignored secret finding(s) will be shown again.`
        : "No secret finding was ignored.",
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function valueOf(document: vscode.TextDocument, finding: Finding): string {
  return document.getText(
    new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end)),
  );
}

function lensesFor(document: vscode.TextDocument, finding: Finding): vscode.CodeLens[] {
  const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
  const target: SaveTarget = { uri: document.uri, version: document.version, finding };
  const what = finding.description ?? finding.kind.replace(/-/g, " ");
  return [
    new vscode.CodeLens(range, {
      command: saveInOnePasswordCommand,
      title: "Save in 1Password",
      tooltip: `This looks like a ${what}: save it in 1Password and replace it with its op:// reference`,
      arguments: [target],
    }),
    new vscode.CodeLens(range, {
      command: ignoreSecretFindingCommand,
      title: "Ignore",
      tooltip: `Not a secret: stop marking this ${what} in this workspace (only a fingerprint is stored, never the value)`,
      arguments: [target],
    }),
  ];
}
