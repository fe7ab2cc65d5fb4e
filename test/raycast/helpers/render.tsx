// Renders a command with the @raycast/api stand-in and finds what a user would see: items, sections, actions.
import type React from "react";
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { forgetFrontmostApp } from "../../../raycast-extension/src/components/useFrontmostApp";
import { recorder, type ComponentName } from "../stand-in/raycast-api";
import { findComponents, isAction } from "./components";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Renders an element with the given preferences; the recorder starts empty. */
export async function renderCommand(
  element: React.ReactElement,
  preferences: Record<string, unknown> = {},
): Promise<ReactTestRenderer> {
  recorder.reset(preferences);
  forgetFrontmostApp();
  let renderer: ReactTestRenderer | undefined;
  await act(async () => {
    renderer = create(element);
  });
  return renderer as ReactTestRenderer;
}

/** Renders a part (an ActionPanel, a dropdown, a pushed view) on its own. */
export function renderPart(element: unknown): ReactTestRenderer {
  let part: ReactTestRenderer | undefined;
  act(() => {
    part = create(element as React.ReactElement);
  });
  return part as ReactTestRenderer;
}

export async function until(check: () => boolean, what: string | (() => string), tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await act(async () => sleep(25));
  }
  throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
}

export const byType = (r: ReactTestRenderer, type: ComponentName) => findComponents(r.root, type);
export const itemTitles = (r: ReactTestRenderer) =>
  byType(r, "List.Item").map((n) => n.props.title as string);
export const listOf = (r: ReactTestRenderer) => byType(r, "List")[0] as ReactTestInstance;

export function itemNamed(r: ReactTestRenderer, title: string): ReactTestInstance {
  const item = byType(r, "List.Item").find((n) => n.props.title === title);
  if (!item) throw new Error(`no item "${title}" among ${JSON.stringify(itemTitles(r))}`);
  return item;
}

/** Every action of an item's panel, in order (sections flattened). */
export function actionsOf(r: ReactTestRenderer, title: string): ReactTestInstance[] {
  return renderPart(itemNamed(r, title).props.actions).root.findAll(isAction);
}

export function actionNamed(r: ReactTestRenderer, item: string, action: string): ReactTestInstance {
  const found = actionsOf(r, item).find((a) => a.props.title === action);
  if (!found) {
    const titles = actionsOf(r, item).map((a) => a.props.title);
    throw new Error(`no action "${action}" on "${item}" among ${JSON.stringify(titles)}`);
  }
  return found;
}

export async function runAction(action: ReactTestInstance): Promise<void> {
  await act(async () => {
    await (action.props.onAction as () => unknown)();
  });
}

/** Types into the search bar and waits past the throttle. */
export async function typeText(r: ReactTestRenderer, text: string, waitMs = 80): Promise<void> {
  await act(async () => (listOf(r).props.onSearchTextChange as (t: string) => void)(text));
  if (waitMs > 0) await act(async () => sleep(waitMs));
}

export async function unmount(r: ReactTestRenderer | undefined): Promise<void> {
  if (r) await act(async () => r.unmount());
}
