// Keyboard shortcuts that follow each platform's convention: ⌘ on macOS, Ctrl on Windows (Option becomes Alt).
import type { Keyboard } from "@raycast/api";

type Extra = "shift" | "opt";

/** ⌘ + key on macOS and Ctrl + key on Windows, with the same extra modifiers on both. */
export function commandShortcut(key: Keyboard.KeyEquivalent, ...extra: Extra[]): Keyboard.Shortcut {
  return {
    macOS: { modifiers: ["cmd", ...extra], key },
    Windows: { modifiers: ["ctrl", ...extra.map((m) => (m === "opt" ? "alt" : m))], key },
  };
}

/** The shortcuts of the item actions that Raycast's common shortcuts do not cover. */
export const ItemShortcuts = {
  /** The second way to open an item: open in 1Password, or open and fill, whichever Enter does not. */
  secondaryOpen: commandShortcut("return", "shift"),
  /** As in 1Password itself. */
  copyUsername: commandShortcut("c"),
  copySecretReference: commandShortcut("r", "shift"),
  pastePassword: commandShortcut("v", "shift"),
  toggleDetails: commandShortcut("d"),
  showAllFields: commandShortcut("i"),
} satisfies Record<string, Keyboard.Shortcut>;
