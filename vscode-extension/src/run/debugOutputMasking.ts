// Masks the values a launch read from 1Password in what its debug session prints to the Debug Console.
// Debug adapter trackers are documented as observers, but VS Code's extension host calls a tracker's
// onDidSendMessage with the adapter's message object itself and only then copies it to the Debug Console
// (extHostDebugService: tracker.onDidSendMessage(message), then convertToVSCPaths(message) deep-clones it,
// then $acceptDAMessage). So rewriting an `output` event's text here is what the console shows. Sessions a
// launch spawns (js-debug's child sessions) find the values through their parent session.
import type * as vscodeTypes from "vscode";
import { createSecretMasker, type SecretMasker } from "@op-bridge/shared";

interface OutputEvent {
  type: "event";
  event: "output";
  body: { output: string; category?: string };
}

function isOutputEvent(message: unknown): message is OutputEvent {
  const m = message as Partial<OutputEvent> | undefined;
  return m?.type === "event" && m.event === "output" && typeof m.body?.output === "string";
}

export class DebugOutputMasking implements vscodeTypes.DebugAdapterTrackerFactory {
  /** Values launches read, held in memory while their sessions run; never written anywhere. */
  private readonly secrets = new Set<string>();

  /** Keeps a launch's values until its session ends (see forget). */
  remember(values: readonly string[]): void {
    for (const value of values) this.secrets.add(value);
  }

  /** The launch's session ended (not one it spawned): its values are no longer kept. */
  forget(session: vscodeTypes.DebugSession): void {
    if (session.parentSession) return;
    for (const value of this.valuesOf(session)) this.secrets.delete(value);
  }

  createDebugAdapterTracker(session: vscodeTypes.DebugSession): vscodeTypes.DebugAdapterTracker | undefined {
    const values = this.valuesOf(session);
    if (values.length === 0) return undefined;
    /** One masker per category (stdout, stderr, console): a value split across events is still caught. */
    const maskers = new Map<string, SecretMasker>();
    return {
      onDidSendMessage: (message: unknown) => {
        if (!isOutputEvent(message)) return;
        const category = message.body.category ?? "console";
        let masker = maskers.get(category);
        if (!masker) maskers.set(category, (masker = createSecretMasker(values)));
        message.body.output = masker.write(message.body.output);
      },
    };
  }

  /** The remembered values in the env of the session's configuration, or of the session that started it. */
  private valuesOf(session: vscodeTypes.DebugSession | undefined): string[] {
    for (let current = session; current; current = current.parentSession) {
      const env = (current.configuration?.env ?? {}) as Record<string, unknown>;
      const values = Object.values(env).filter(
        (value): value is string => typeof value === "string" && this.secrets.has(value),
      );
      if (values.length > 0) return values;
    }
    return [];
  }
}
