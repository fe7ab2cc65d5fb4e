// The password generator's recipe from settings, with a floor a workspace cannot lower.
import type { PasswordCharacterSet } from "@op-bridge/shared";
import * as vscode from "vscode";
import { notice } from "../notice.js";

/** Connect's generator recipe, as the settings give it. */
export interface PasswordRecipe {
  length: number;
  characterSets: PasswordCharacterSet[];
}

const characterSetNames: readonly PasswordCharacterSet[] = ["LETTERS", "DIGITS", "SYMBOLS"];
const defaultLength = 32;
const lengthKey = "passwordGenerator.length";
const setsKey = "passwordGenerator.characterSets";

/** Each workspace is told once per session that its weaker recipe was not used. */
const noticed = new Set<string>();

/**
 * The recipe in opBridge.passwordGenerator.length and .characterSets, read at each run so edits take
 * effect without a reload. The user's own settings (or the defaults) are a floor: a repository's
 * `.vscode/settings.json` may ask for longer passwords or more character sets, never for shorter or
 * fewer (a cloned repository could otherwise make every generated password a single digit). A
 * weaker workspace value is raised to the floor, with a one-time notice. A user value that cannot
 * work (settings.json is not checked against the schema) is an error that names the setting.
 */
export function readPasswordRecipe(): PasswordRecipe {
  const configuration = vscode.workspace.getConfiguration("opBridge");
  const lengthSetting = configuration.inspect<unknown>(lengthKey);
  const setsSetting = configuration.inspect<unknown>(setsKey);
  const floor = checkedRecipe(
    lengthSetting?.globalValue ?? defaultLength,
    setsSetting?.globalValue ?? characterSetNames,
  );
  const asked = {
    length: lengthSetting?.workspaceFolderValue ?? lengthSetting?.workspaceValue,
    sets: setsSetting?.workspaceFolderValue ?? setsSetting?.workspaceValue,
  };
  if (asked.length === undefined && asked.sets === undefined) return floor;

  const length = isLength(asked.length) ? Math.max(floor.length, asked.length) : floor.length;
  const askedSets = isSets(asked.sets) ? asked.sets : [];
  const characterSets = characterSetNames.filter(
    (set) => floor.characterSets.includes(set) || askedSets.includes(set),
  );
  const weaker =
    (asked.length !== undefined && length !== asked.length) ||
    (asked.sets !== undefined && characterSets.some((set) => !askedSets.includes(set)));
  const key = vscode.workspace.name ?? "";
  if (weaker && !noticed.has(key)) {
    noticed.add(key);
    const whose = key ? `The settings of the workspace "${key}"` : "This workspace's settings";
    const sets = characterSets.map((set) => set.toLowerCase()).join(", ");
    void vscode.window.showInformationMessage(
      notice`${whose} ask for weaker generated passwords than yours: they are generated with ${length} characters of ${sets}, as your own settings ask.`,
    );
  }
  return { length, characterSets };
}

function checkedRecipe(length: unknown, sets: unknown): PasswordRecipe {
  if (!isLength(length)) {
    throw new Error(
      `The setting opBridge.passwordGenerator.length must be a whole number from 1 to 64 (it is ${JSON.stringify(length)}).`,
    );
  }
  if (!Array.isArray(sets) || !isSets(sets)) {
    throw new Error(
      `The setting opBridge.passwordGenerator.characterSets may hold only "LETTERS", "DIGITS" and "SYMBOLS" (it is ${JSON.stringify(sets)}).`,
    );
  }
  const characterSets = characterSetNames.filter((set) => sets.includes(set));
  if (characterSets.length === 0) {
    throw new Error(
      'The setting opBridge.passwordGenerator.characterSets is empty: choose at least one of "LETTERS", "DIGITS" and "SYMBOLS".',
    );
  }
  if (length < characterSets.length) {
    throw new Error(
      `A password of ${length} character${length === 1 ? "" : "s"} cannot hold one character of each of ${characterSets.length} character sets: raise opBridge.passwordGenerator.length.`,
    );
  }
  return { length, characterSets };
}

function isLength(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 64;
}

function isSets(value: unknown): value is PasswordCharacterSet[] {
  return (
    Array.isArray(value) && value.every((set) => characterSetNames.includes(set as PasswordCharacterSet))
  );
}
