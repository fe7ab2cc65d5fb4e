// Copies a secret (a field's value, a share link) and clears it from the clipboard after a while, as 1Password does.
import * as vscode from "vscode";

export const clearAfterSetting = "opBridge.clipboard.clearAfterSeconds";
/** 1Password's own default. */
export const DEFAULT_CLEAR_SECONDS = 90;
/** Below this a value could vanish before it is pasted; above it, it lingers for clipboard managers. */
export const MIN_CLEAR_SECONDS = 10;
export const MAX_CLEAR_SECONDS = 600;

/** The copy that is still to be cleared, if any: one at a time, since a new copy replaces the last. */
let pending: { value: string; timer: ReturnType<typeof setTimeout> } | undefined;

/** Seconds a copied secret stays on the clipboard: the user's setting, kept within its floor and ceiling. */
export function clearAfterSeconds(): number {
  // Application scope: a workspace's settings cannot change it (VS Code ignores a workspace value).
  const value = vscode.workspace.getConfiguration().get<unknown>(clearAfterSetting);
  if (typeof value !== "number" || !Number.isFinite(value)) return DEFAULT_CLEAR_SECONDS;
  return Math.min(MAX_CLEAR_SECONDS, Math.max(MIN_CLEAR_SECONDS, Math.round(value)));
}

/**
 * Copies a secret. VS Code's clipboard cannot be concealed from clipboard managers, so the copy is
 * cleared after `clearAfterSeconds()` if the clipboard still holds it (something copied since is
 * left alone). Answers the seconds, for the message that says so.
 */
export async function copySecret(value: string): Promise<number> {
  await vscode.env.clipboard.writeText(value);
  if (pending) clearTimeout(pending.timer);
  const seconds = clearAfterSeconds();
  const timer = setTimeout(() => void clearCopiedSecret(), seconds * 1000);
  // A pending clear must not keep a test runner or the extension host's shutdown waiting.
  timer.unref?.();
  pending = { value, timer };
  return seconds;
}

/** Clears the clipboard now if it still holds the secret copied last; on deactivation, too. */
export async function clearCopiedSecret(): Promise<boolean> {
  const copied = pending;
  if (!copied) return false;
  clearTimeout(copied.timer);
  pending = undefined;
  if ((await vscode.env.clipboard.readText()) !== copied.value) return false;
  await vscode.env.clipboard.writeText("");
  return true;
}

/** True while a copied secret waits to be cleared. */
export function hasPendingClear(): boolean {
  return pending !== undefined;
}
