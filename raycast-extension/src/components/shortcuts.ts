// Keyboard shortcuts that follow each platform's convention: ⌘ on macOS, Ctrl on Windows (Option becomes Alt).
import { Keyboard } from "@raycast/api";

type Extra = "shift" | "opt";

/** ⌘ + key on macOS and Ctrl + key on Windows, with the same extra modifiers on both. */
export function commandShortcut(key: Keyboard.KeyEquivalent, ...extra: Extra[]): Keyboard.Shortcut {
  return {
    macOS: { modifiers: ["cmd", ...extra], key },
    Windows: { modifiers: ["ctrl", ...extra.map((m) => (m === "opt" ? "alt" : m))], key },
  };
}

/**
 * One shortcut per item action, wherever it is listed. Enter and ⌘↵ belong to the first two actions (the
 * primary and secondary preferences), so none of these uses them. Raycast's common shortcuts are taken where
 * their meaning fits; the copies follow 1Password itself (⌘C username, ⌘⇧C password, ⌘⌥C one-time code),
 * which are Raycast's Copy and Copy Name keystrokes as well.
 */
export const ItemShortcuts = {
  openAndFill: commandShortcut("return", "shift"),
  /** "Open with" 1Password. */
  openInApp: Keyboard.Shortcut.Common.OpenWith,
  edit: Keyboard.Shortcut.Common.Edit,
  openInBrowser: Keyboard.Shortcut.Common.Open,
  copyUrl: commandShortcut("l", "shift"),
  copyUsername: commandShortcut("c"),
  copyPassword: Keyboard.Shortcut.Common.Copy,
  copyOneTimePassword: Keyboard.Shortcut.Common.CopyName,
  pasteUsername: commandShortcut("v", "shift", "opt"),
  pastePassword: commandShortcut("v", "shift"),
  pasteOneTimePassword: commandShortcut("v", "opt"),
  /** No pinning here, so Raycast's Pin keystroke is free for the reference. */
  copySecretReference: Keyboard.Shortcut.Common.Pin,
  /** Raycast's Duplicate keystroke (⌘⇧S); nothing here duplicates, and S is for share. */
  share: commandShortcut("s", "shift"),
  toggleDetails: commandShortcut("d"),
  showAllFields: commandShortcut("i"),
  /** In the detail view. */
  revealField: commandShortcut("e", "shift"),
  saveAttachment: Keyboard.Shortcut.Common.Save,
} satisfies Record<string, Keyboard.Shortcut>;
