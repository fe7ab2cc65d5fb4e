// The command palette hides a command only where it cannot work: Insert and Generate work with no file open
// (they ask where the reference goes); Save and Preview need a file; Open in 1Password asks for an item.
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";

const manifest = JSON.parse(
  await readFile(new URL("../../vscode-extension/package.json", import.meta.url), "utf8"),
) as { contributes: { menus: { commandPalette: { command: string; when: string }[] } } };

test("the palette's when clauses", () => {
  const when = Object.fromEntries(manifest.contributes.menus.commandPalette.map((e) => [e.command, e.when]));
  // A read-only editor cannot take the insert; no editor at all can (the reference goes elsewhere).
  expect(when["opBridge.insertReference"]).toBe("!editorReadonly");
  expect(when["opBridge.generatePassword"]).toBe("!editorReadonly");
  expect(when["opBridge.saveInOnePassword"]).toBe("editorIsOpen && !editorReadonly");
  expect(when["opBridge.previewWithSecrets"]).toBe("editorIsOpen");
  expect(when["opBridge.openInApp"]).toBeUndefined();
  // Commands that need an argument only a link or a tree row gives stay hidden.
  for (const id of ["opBridge.copyValue", "opBridge.chooseReferenceItem", "opBridge.openReference"]) {
    expect(when[id], id).toBe("false");
  }
});
