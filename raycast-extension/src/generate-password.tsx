// "Generate Password": a crypto-random password with a chosen length and character sets, copied or pasted
// concealed, or saved as a new item through Connect when a server is configured.
import { useMemo, useState } from "react";
import { Action, ActionPanel, Clipboard, Icon, List, Toast, showToast, Keyboard } from "@raycast/api";
import { generatePassword } from "@op-bridge/shared";
import { clearNote, copySecret } from "./api/clipboardClear";
import { createConnectFromPreferences } from "./api/connect";
import { readPreferences } from "./api/preferences";
import { SavePasswordForm } from "./components/SavePasswordForm";

type CharacterSet = "LETTERS" | "DIGITS" | "SYMBOLS";
const RECIPES: Record<string, CharacterSet[]> = {
  all: ["LETTERS", "DIGITS", "SYMBOLS"],
  "letters-digits": ["LETTERS", "DIGITS"],
  letters: ["LETTERS"],
  digits: ["DIGITS"],
};
const LENGTHS = [12, 16, 20, 24, 32, 40, 64];

export default function GeneratePassword() {
  const connect = useMemo(() => createConnectFromPreferences(readPreferences()), []);
  const [recipe, setRecipe] = useState("32:all");
  const [round, setRound] = useState(0);
  const [length, sets] = recipe.split(":") as [string, string];
  const password = useMemo(
    () => generatePassword({ length: Number(length), characterSets: RECIPES[sets] ?? RECIPES.all }),
    [length, sets, round],
  );
  const copy = async (paste: boolean) => {
    const note = paste ? (await Clipboard.paste(password), "") : clearNote(await copySecret(password));
    await showToast({
      style: Toast.Style.Success,
      title: paste ? "Pasted password" : "Copied password",
      ...(note ? { message: note } : {}),
    });
  };
  return (
    <List
      searchBarAccessory={
        <List.Dropdown tooltip="Length and characters" value={recipe} onChange={setRecipe}>
          {LENGTHS.map((n) => (
            <List.Dropdown.Section key={n} title={`${n} characters`}>
              <List.Dropdown.Item title={`${n} · letters, digits, symbols`} value={`${n}:all`} />
              <List.Dropdown.Item title={`${n} · letters and digits`} value={`${n}:letters-digits`} />
              <List.Dropdown.Item title={`${n} · letters`} value={`${n}:letters`} />
              <List.Dropdown.Item title={`${n} · digits`} value={`${n}:digits`} />
            </List.Dropdown.Section>
          ))}
        </List.Dropdown>
      }
    >
      <List.Item
        icon={Icon.Key}
        title={password}
        subtitle={`${length} characters`}
        actions={
          <ActionPanel>
            <Action title="Copy Password" icon={Icon.Clipboard} onAction={() => void copy(false)} />
            <Action title="Paste Password" icon={Icon.Text} onAction={() => void copy(true)} />
            {connect ? (
              <Action.Push
                title="Save in 1Password"
                icon={Icon.SaveDocument}
                shortcut={Keyboard.Shortcut.Common.Save}
                target={<SavePasswordForm password={password} connect={connect} />}
              />
            ) : null}
            <Action
              title="Generate Another"
              icon={Icon.ArrowClockwise}
              shortcut={Keyboard.Shortcut.Common.Refresh}
              onAction={() => setRound((n) => n + 1)}
            />
          </ActionPanel>
        }
      />
    </List>
  );
}
