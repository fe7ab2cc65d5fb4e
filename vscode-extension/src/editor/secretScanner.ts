// Finds secret-looking values in a document off the hot path: once per version, after a pause in typing,
// in slices (detectSecrets with a signal), the scan of an older version cancelled by the next edit.
// The user's own patterns (opBridge.secretDetection.customPatterns) join the built-in formats once checked.
import { compileCustomPatterns, detectSecrets, type CustomPattern, type Finding } from "@op-bridge/shared";
import * as vscode from "vscode";
import { abortable } from "../sources/SourceRegistry.js";
import { fileOptions } from "./selector.js";

interface Scan {
  version: number;
  controller: AbortController;
  findings: Promise<Finding[]>;
}

export const customPatternsSetting = "opBridge.secretDetection.customPatterns";

export class SecretScanner {
  private readonly scans = new Map<string, Scan>();
  private patterns: { source: string; compiled: CustomPattern[] } | undefined;

  constructor(
    private readonly delayMs = 250,
    /** Told, once per change of the setting, why some of the user's patterns were refused. */
    private readonly onPatternErrors: (errors: string[]) => void = () => {},
  ) {}

  /** The custom patterns that passed their checks, compiled once per value of the setting. */
  customPatterns(): CustomPattern[] {
    const setting = vscode.workspace
      .getConfiguration("opBridge")
      .get<unknown>("secretDetection.customPatterns");
    const source = JSON.stringify(setting ?? []);
    if (this.patterns?.source !== source) {
      const { patterns, errors } = compileCustomPatterns(setting);
      this.patterns = { source, compiled: patterns };
      if (errors.length) this.onPatternErrors(errors);
    }
    return this.patterns.compiled;
  }

  /** Forgets every scan, so the next request reads each document with the current settings. */
  clear(): void {
    for (const scan of this.scans.values())
      scan.controller.abort(new DOMException("Settings changed", "AbortError"));
    this.scans.clear();
  }

  /**
   * The findings of the document's current version. A first look scans at once; a later version waits
   * for a pause in typing, and the scan of any older version is cancelled. `signal` stops only this wait.
   */
  findings(document: vscode.TextDocument, signal?: AbortSignal): Promise<Finding[]> {
    const key = document.uri.toString();
    const known = this.scans.get(key);
    if (known && known.version === document.version) return abortable(known.findings, signal);
    known?.controller.abort(new DOMException("The document changed", "AbortError"));
    const controller = new AbortController();
    const delay = known ? this.delayMs : 0;
    const findings = waitFor(delay, controller.signal).then(() =>
      detectSecrets(document.getText(), {
        ...fileOptions(document),
        customPatterns: this.customPatterns(),
        // More lenses than this help no one, and keeping every finding of a huge log fills the heap.
        limit: 2_000,
        signal: controller.signal,
      }),
    );
    const scan: Scan = { version: document.version, controller, findings };
    this.scans.set(key, scan);
    findings.catch(() => {
      // A cancelled or failed scan is not kept: the next request scans again.
      if (this.scans.get(key) === scan) this.scans.delete(key);
    });
    return abortable(findings, signal);
  }

  forget(document: Pick<vscode.TextDocument, "uri">): void {
    const key = document.uri.toString();
    this.scans.get(key)?.controller.abort(new DOMException("The document was closed", "AbortError"));
    this.scans.delete(key);
  }

  dispose(): void {
    for (const scan of this.scans.values()) scan.controller.abort(new DOMException("Disposed", "AbortError"));
    this.scans.clear();
  }
}

/** Waits `ms` (at least one turn of the event loop, so the scan never runs inside the caller's turn). */
function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
