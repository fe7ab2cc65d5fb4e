// The name of the application a paste goes to ("Paste Password into Safari"): the one in front of Raycast.
import { useEffect, useState } from "react";
import { getFrontmostApplication } from "@raycast/api";

// It does not change while Raycast's window is open, and every row's action panel asks: one request per command.
let asked: Promise<string | undefined> | undefined;

function frontmostAppName(): Promise<string | undefined> {
  asked ??= getFrontmostApplication().then(
    (app) => app.localizedName || app.name || undefined,
    // Unknown (an older Raycast, no permission): the titles say "Paste Password" without a name.
    () => undefined,
  );
  return asked;
}

/** Forgets the name, for the next command (tests render many). */
export function forgetFrontmostApp(): void {
  asked = undefined;
}

export function useFrontmostAppName(): string | undefined {
  const [name, setName] = useState<string>();
  useEffect(() => {
    let live = true;
    void frontmostAppName().then((found) => live && setName(found));
    return () => {
      live = false;
    };
  }, []);
  return name;
}

/** "Paste Password into Safari", or "Paste Password" when the app is unknown. */
export const pasteTitle = (what: string, app: string | undefined) =>
  app ? `Paste ${what} into ${app}` : `Paste ${what}`;
