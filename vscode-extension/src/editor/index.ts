// Editor features (hover, completion, diagnostics, links, CodeLens): owned by the editor helper; this stub keeps the wiring typed.
import type * as vscode from "vscode";
import type { Log } from "../log.js";
import type { SourceRegistry } from "../sources/SourceRegistry.js";

export function registerEditorFeatures(
  _context: vscode.ExtensionContext,
  _registry: SourceRegistry,
  _log: Log,
): void {}
