// "Ignore this finding": remembered in the workspace's state as a salted fingerprint of the finding's
// kind and value, never the value itself, so the same secret stays ignored wherever it moves in the file.
import { secretFingerprint } from "@op-bridge/shared";
import { randomBytes } from "node:crypto";
import type * as vscode from "vscode";

const stateKey = "opBridge.ignoredSecretFindings";

interface Stored {
  salt: string;
  fingerprints: string[];
}

export class IgnoredFindings {
  constructor(private readonly state: vscode.Memento) {}

  isIgnored(kind: string, value: string): boolean {
    const stored = this.stored();
    return !!stored && stored.fingerprints.includes(secretFingerprint(stored.salt, kind, value));
  }

  async ignore(kind: string, value: string): Promise<void> {
    const stored = this.stored() ?? { salt: randomBytes(16).toString("base64url"), fingerprints: [] };
    const fingerprint = secretFingerprint(stored.salt, kind, value);
    if (stored.fingerprints.includes(fingerprint)) return;
    await this.state.update(stateKey, { ...stored, fingerprints: [...stored.fingerprints, fingerprint] });
  }

  /** How many findings are ignored; forgetting them all shows their lenses again. */
  get count(): number {
    return this.stored()?.fingerprints.length ?? 0;
  }

  async forgetAll(): Promise<void> {
    await this.state.update(stateKey, undefined);
  }

  private stored(): Stored | undefined {
    const stored = this.state.get<Stored>(stateKey);
    return stored && typeof stored.salt === "string" && Array.isArray(stored.fingerprints)
      ? stored
      : undefined;
  }
}

/** A Memento kept in memory, for hosts that give no workspace state (tests, a window without a folder). */
export function memoryState(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  } as vscode.Memento;
}
