// Renders a Raycast command with the @raycast/api stand-in (test/raycast/stand-in) and drives its List as a user does.
// The unit tests' helpers (test/raycast/helpers/render.tsx) do the same outside this type-checked project.
import type { ReactElement } from "react";
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { findComponents } from "../../raycast/helpers/components.js";
import { recorder } from "../../raycast/stand-in/raycast-api.js";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Renders a command with the given preferences; what it did before is forgotten. */
export async function renderCommand(
  element: ReactElement,
  preferences: Record<string, unknown>,
): Promise<ReactTestRenderer> {
  recorder.reset(preferences);
  let renderer: ReactTestRenderer | undefined;
  await act(async () => {
    renderer = create(element);
  });
  if (!renderer) throw new Error("the command did not render");
  return renderer;
}

/** Renders a part a command hands to Raycast (an ActionPanel, a search bar dropdown) on its own. */
export function renderPart(element: unknown): ReactTestRenderer {
  let part: ReactTestRenderer | undefined;
  act(() => {
    part = create(element as ReactElement);
  });
  if (!part) throw new Error("the part did not render");
  return part;
}

export function listOf(renderer: ReactTestRenderer): ReactTestInstance {
  const list = findComponents(renderer.root, "List")[0];
  if (!list) throw new Error("the command rendered no List");
  return list;
}

export const itemTitles = (renderer: ReactTestRenderer): string[] =>
  findComponents(renderer.root, "List.Item").map((item) => String(item.props.title));

/** Waits, letting React run, until `check` holds. */
export async function until(check: () => boolean, what: string | (() => string), tries = 400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await act(async () => {
      await sleep(25);
    });
  }
  throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
}

/** Puts `text` in the search bar, as a keystroke does, and lets `waitMs` pass. */
export async function typeText(renderer: ReactTestRenderer, text: string, waitMs: number): Promise<void> {
  const onChange = listOf(renderer).props.onSearchTextChange as (text: string) => void;
  await act(async () => onChange(text));
  await act(async () => {
    await sleep(waitMs);
  });
}

export async function unmount(renderer: ReactTestRenderer | undefined): Promise<void> {
  if (renderer)
    await act(async () => {
      renderer.unmount();
    });
}
