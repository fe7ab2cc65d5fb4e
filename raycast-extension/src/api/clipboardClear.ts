// Copies a secret concealed and takes it off the clipboard after the preference's time, only if the clipboard
// still holds it. Nothing keeps the value: LocalStorage holds a salted hash and the time it is due, which the
// command's own timer checks while it stays loaded and the background command (clear-clipboard, run every
// minute by Raycast) checks once Raycast has unloaded it.
import { createHash, randomBytes } from "node:crypto";
import { Clipboard, LocalStorage } from "@raycast/api";
import { clipboardClearSecondsOf, readPreferences } from "./preferences";

const STORAGE_KEY = "clipboard-clear-v1";

interface PendingClear {
  salt: string;
  hash: string;
  /** Epoch milliseconds. */
  clearAt: number;
}

const digest = (salt: string, text: string) => createHash("sha256").update(salt).update(text).digest("hex");

function parsePending(text: unknown): PendingClear | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<PendingClear>;
    const { salt, hash, clearAt } = parsed;
    if (typeof salt === "string" && typeof hash === "string" && typeof clearAt === "number") {
      return { salt, hash, clearAt };
    }
  } catch {
    // A damaged record clears nothing; the next copy writes a new one.
  }
  return undefined;
}

/**
 * Copies `value` concealed (out of Raycast's clipboard history) and, unless the preference says never,
 * arranges for it to be cleared. Answers the seconds after which it will be, or 0.
 */
export async function copySecret(value: string, now = Date.now()): Promise<number> {
  await Clipboard.copy(value, { concealed: true });
  const seconds = clipboardClearSecondsOf(readPreferences());
  if (seconds === 0) return 0;
  const salt = randomBytes(16).toString("hex");
  const pending: PendingClear = { salt, hash: digest(salt, value), clearAt: now + seconds * 1000 };
  await LocalStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  // While Raycast keeps the command loaded, clear on time; unref'd so it never keeps anything alive.
  const timer = setTimeout(() => void clearCopiedSecret(), seconds * 1000);
  (timer as { unref?: () => void }).unref?.();
  return seconds;
}

export type ClearOutcome = "nothing-pending" | "not-yet" | "cleared" | "clipboard-changed";

/** Clears the clipboard if a copied secret is due and the clipboard still holds it (compared by hash). */
export async function clearCopiedSecret(now = Date.now()): Promise<ClearOutcome> {
  const pending = parsePending(await LocalStorage.getItem(STORAGE_KEY));
  if (!pending) return "nothing-pending";
  if (now < pending.clearAt) return "not-yet";
  await LocalStorage.removeItem(STORAGE_KEY);
  const current = await Clipboard.readText();
  if (current === undefined || digest(pending.salt, current) !== pending.hash) return "clipboard-changed";
  await Clipboard.clear();
  return "cleared";
}

/** "Cleared in 90 s" for a copy's toast, or nothing when copies are kept. */
export const clearNote = (seconds: number) =>
  seconds > 0 ? `Cleared from the clipboard in ${seconds} s.` : "";
