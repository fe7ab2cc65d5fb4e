// Which `${input:}` references a launch the user just started is about to ask for. Any extension can run the
// opBridge.resolveReference command; only a call VS Code makes while substituting a starting launch's inputs is
// one the user's launch consent covers. VS Code asks a debug configuration provider's resolveDebugConfiguration
// before it substitutes variables, so the launch's inputs are known just before their commands run.
import * as vscode from "vscode";

export const resolveReferenceCommand = "opBridge.resolveReference";

/** How long a starting launch's inputs are expected: VS Code substitutes them at once, unless a prompt waits. */
const expectedForMs = 120_000;

interface Expected {
  /** Says what starts, e.g. `The launch configuration "API"`. */
  title: string;
  until: number;
}

/** The reference in a command input's args: `"op://…"`, `{ "reference": "op://…" }`, or the first of a list. */
export function referenceInArgs(args: unknown): unknown {
  if (Array.isArray(args)) return referenceInArgs(args[0]);
  if (args && typeof args === "object" && "reference" in args)
    return (args as { reference: unknown }).reference;
  return args;
}

export class LaunchInputs {
  private readonly expected = new Map<string, Expected>();

  /**
   * Notes the references of the inputs the configuration uses (`${input:id}` whose input in launch.json
   * runs opBridge.resolveReference), before VS Code substitutes them.
   */
  expect(
    folder: vscode.WorkspaceFolder | undefined,
    configuration: vscode.DebugConfiguration,
    now = Date.now(),
  ): void {
    const used = new Set(
      [...JSON.stringify(configuration).matchAll(/\$\{input:([^}]+)\}/g)].map((m) => m[1]),
    );
    if (used.size === 0) return;
    const inputs = vscode.workspace.getConfiguration("launch", folder?.uri).get<unknown[]>("inputs") ?? [];
    const title = `The launch configuration "${configuration.name || configuration.type}"`;
    for (const input of inputs) {
      if (!input || typeof input !== "object") continue;
      const { id, command, args } = input as { id?: unknown; command?: unknown; args?: unknown };
      const reference = referenceInArgs(args);
      if (command !== resolveReferenceCommand || typeof id !== "string" || !used.has(id)) continue;
      if (typeof reference === "string")
        this.expected.set(reference.trim(), { title, until: now + expectedForMs });
    }
  }

  /** The launch that expects the reference now, if one does; each expectation answers once. */
  take(reference: string, now = Date.now()): string | undefined {
    const key = reference.trim();
    const found = this.expected.get(key);
    this.expected.delete(key);
    return found && found.until >= now ? found.title : undefined;
  }

  /** The launch's variables are substituted: whatever it did not ask for is no longer expected. */
  forget(configuration: vscode.DebugConfiguration): void {
    const title = `The launch configuration "${configuration.name || configuration.type}"`;
    for (const [reference, expected] of this.expected) {
      if (expected.title === title) this.expected.delete(reference);
    }
  }
}
