// Stand-in for @raycast/api in tests: renders the UI as plain elements and records what the command did.
import { createElement, type ReactNode } from "react";
import type * as Raycast from "@raycast/api";

type Props = Record<string, unknown> & { children?: ReactNode };

/** What the command did that a user would notice: toasts, clipboard writes, opened URLs. */
export const recorder = {
  toasts: [] as Raycast.Toast.Options[],
  /** The titles of toasts the command hid again (Toast.hide). */
  hiddenToasts: [] as (string | undefined)[],
  clipboard: [] as { content: string; concealed: boolean }[],
  pasted: [] as string[],
  opened: [] as string[],
  /** How many times a view popped itself (useNavigation().pop). */
  popped: 0,
  /** What the system clipboard holds now (Clipboard.readText), after copies and clears. */
  clipboardNow: undefined as string | undefined,
  cleared: 0,
  huds: [] as string[],
  /** The application in front of Raycast; undefined makes getFrontmostApplication fail, as where it is unknown. */
  frontmostApp: undefined as Raycast.Application | undefined,
  preferences: {} as Record<string, unknown>,
  storage: new Map<string, string>(),
  reset(preferences: Record<string, unknown> = {}): void {
    this.toasts = [];
    this.hiddenToasts = [];
    this.clipboard = [];
    this.pasted = [];
    this.opened = [];
    this.popped = 0;
    this.clipboardNow = undefined;
    this.cleared = 0;
    this.huds = [];
    this.frontmostApp = undefined;
    this.preferences = preferences;
    this.storage.clear();
    for (const store of cacheStores.values()) store.clear();
  },
};

/** Every Raycast component the stand-in renders, by the host element name tests find it by. */
export type ComponentName =
  | "List"
  | "List.Item"
  | "List.Item.Detail"
  | "List.Item.Detail.Metadata"
  | "List.Item.Detail.Metadata.Label"
  | "List.Item.Detail.Metadata.Separator"
  | "List.Item.Detail.Metadata.Link"
  | "List.Item.Detail.Metadata.TagList"
  | "List.Section"
  | "List.EmptyView"
  | "List.Dropdown"
  | "List.Dropdown.Item"
  | "List.Dropdown.Section"
  | "Detail"
  | "Form"
  | "Form.TextField"
  | "Form.PasswordField"
  | "Form.Checkbox"
  | "Form.Description"
  | "Form.Separator"
  | "Form.Dropdown"
  | "Form.Dropdown.Item"
  | "Form.Dropdown.Section"
  | "ActionPanel"
  | "ActionPanel.Section"
  | "ActionPanel.Submenu"
  | "Action"
  | "Action.OpenInBrowser"
  | "Action.CopyToClipboard"
  | "Action.Paste"
  | "Action.Push"
  | "Action.SubmitForm";

const element = (type: ComponentName) => {
  const component = (props: Props) => createElement(type, props, props.children);
  component.displayName = type;
  return component;
};

const ListItem = Object.assign(element("List.Item"), {
  Detail: Object.assign(element("List.Item.Detail"), {
    Metadata: Object.assign(element("List.Item.Detail.Metadata"), {
      Label: element("List.Item.Detail.Metadata.Label"),
      Separator: element("List.Item.Detail.Metadata.Separator"),
      Link: element("List.Item.Detail.Metadata.Link"),
      TagList: element("List.Item.Detail.Metadata.TagList"),
    }),
  }),
});

export const List = Object.assign(element("List"), {
  Item: ListItem,
  Section: element("List.Section"),
  EmptyView: element("List.EmptyView"),
  Dropdown: Object.assign(element("List.Dropdown"), {
    Item: element("List.Dropdown.Item"),
    Section: element("List.Dropdown.Section"),
  }),
}) as unknown as typeof Raycast.List;

export const Detail = element("Detail") as unknown as typeof Raycast.Detail;

export const Form = Object.assign(element("Form"), {
  TextField: element("Form.TextField"),
  PasswordField: element("Form.PasswordField"),
  Checkbox: element("Form.Checkbox"),
  Description: element("Form.Description"),
  Separator: element("Form.Separator"),
  Dropdown: Object.assign(element("Form.Dropdown"), {
    Item: element("Form.Dropdown.Item"),
    Section: element("Form.Dropdown.Section"),
  }),
}) as unknown as typeof Raycast.Form;

/** Pushed views are rendered by the tests themselves; pop is only counted. */
export const useNavigation: typeof Raycast.useNavigation = () => ({
  push: () => undefined,
  pop: () => {
    recorder.popped += 1;
  },
});

export const ActionPanel = Object.assign(element("ActionPanel"), {
  Section: element("ActionPanel.Section"),
  Submenu: element("ActionPanel.Submenu"),
}) as unknown as typeof Raycast.ActionPanel;

export const Action = Object.assign(element("Action"), {
  OpenInBrowser: element("Action.OpenInBrowser"),
  CopyToClipboard: element("Action.CopyToClipboard"),
  Paste: element("Action.Paste"),
  Push: element("Action.Push"),
  SubmitForm: element("Action.SubmitForm"),
}) as unknown as typeof Raycast.Action;

export const Icon = new Proxy({}, { get: (_t, key) => String(key) }) as typeof Raycast.Icon;
export const Color = new Proxy({}, { get: (_t, key) => String(key) }) as typeof Raycast.Color;

export const Toast = {
  Style: { Success: "SUCCESS", Failure: "FAILURE", Animated: "ANIMATED" },
} as unknown as typeof Raycast.Toast;

export const showToast: typeof Raycast.showToast = (async (options: Raycast.Toast.Options) => {
  recorder.toasts.push(options);
  return { hide: async () => void recorder.hiddenToasts.push(options.title) } as unknown as Raycast.Toast;
}) as typeof Raycast.showToast;

export const Clipboard: Pick<typeof Raycast.Clipboard, "copy" | "paste" | "readText" | "clear"> = {
  async copy(content, options) {
    recorder.clipboard.push({ content: String(content), concealed: options?.concealed === true });
    recorder.clipboardNow = String(content);
  },
  async paste(content) {
    recorder.pasted.push(String(content));
  },
  async readText() {
    return recorder.clipboardNow;
  },
  async clear() {
    recorder.clipboardNow = undefined;
    recorder.cleared += 1;
  },
};

export const showInFinder: typeof Raycast.showInFinder = async (path) => {
  recorder.opened.push(`finder:${String(path)}`);
};

export const showHUD: typeof Raycast.showHUD = async (title) => {
  recorder.huds.push(title);
};

export const LaunchType = {
  UserInitiated: "userInitiated",
  Background: "background",
} as unknown as typeof Raycast.LaunchType;

export const getFrontmostApplication: typeof Raycast.getFrontmostApplication = async () => {
  if (!recorder.frontmostApp) throw new Error("no frontmost application in this test");
  return recorder.frontmostApp;
};

export const open: typeof Raycast.open = async (target) => {
  recorder.opened.push(target);
};

export const openExtensionPreferences: typeof Raycast.openExtensionPreferences = async () => {
  recorder.opened.push("raycast://extension-preferences");
};

export const getPreferenceValues: typeof Raycast.getPreferenceValues = <T,>() => recorder.preferences as T;

export const LocalStorage: Pick<typeof Raycast.LocalStorage, "getItem" | "setItem" | "removeItem"> = {
  async getItem<T extends Raycast.LocalStorage.Value>(key: string) {
    return recorder.storage.get(key) as T | undefined;
  },
  async setItem(key, value) {
    recorder.storage.set(key, String(value));
  },
  async removeItem(key) {
    recorder.storage.delete(key);
  },
};

const both = (
  macOS: Raycast.Keyboard.KeyModifier[],
  Windows: Raycast.Keyboard.KeyModifier[],
  key: Raycast.Keyboard.KeyEquivalent,
) => ({
  macOS: { modifiers: macOS, key },
  Windows: { modifiers: Windows, key },
});

/**
 * Raycast's common shortcuts with the keys Raycast gives them on each platform, so tests can check what a user
 * presses and that no two actions collide. The @raycast/api package declares only their names; the keys are
 * copied from the table of @raycast/eslint-plugin's prefer-common-shortcut rule (MIT, in node_modules).
 */
export const commonShortcuts = {
  Copy: both(["cmd", "shift"], ["ctrl", "shift"], "c"),
  CopyDeeplink: both(["cmd", "shift"], ["ctrl", "shift"], "c"),
  CopyName: both(["cmd", "opt"], ["ctrl", "alt"], "c"),
  CopyPath: both(["cmd", "ctrl"], ["alt", "shift"], "c"),
  Save: both(["cmd"], ["ctrl"], "s"),
  Duplicate: both(["cmd", "shift"], ["ctrl", "shift"], "s"),
  Edit: both(["cmd"], ["ctrl"], "e"),
  MoveDown: both(["cmd", "shift"], ["ctrl", "shift"], "arrowDown"),
  MoveUp: both(["cmd", "shift"], ["ctrl", "shift"], "arrowUp"),
  New: both(["cmd"], ["ctrl"], "n"),
  Open: both(["cmd"], ["ctrl"], "o"),
  OpenWith: both(["cmd", "shift"], ["ctrl", "shift"], "o"),
  Pin: both(["cmd"], ["ctrl"], "."),
  Refresh: both(["cmd"], ["ctrl"], "r"),
  Remove: both(["ctrl"], ["ctrl"], "d"),
  RemoveAll: both(["ctrl", "shift"], ["ctrl", "shift"], "d"),
  ToggleQuickLook: both(["cmd"], ["ctrl"], "y"),
} satisfies typeof Raycast.Keyboard.Shortcut.Common;

export const Keyboard = { Shortcut: { Common: commonShortcuts } } as unknown as typeof Raycast.Keyboard;

/** Writable, so a test that loads a built bundle can point assetsPath at the bundle's assets/. */
export const environment: Pick<
  typeof Raycast.environment,
  | "supportPath"
  | "assetsPath"
  | "launchType"
  | "commandMode"
  | "isDevelopment"
  | "extensionName"
  | "commandName"
> = {
  supportPath: "/nonexistent-support-path",
  assetsPath: "/nonexistent-assets-path",
  launchType: "userInitiated" as Raycast.LaunchType,
  commandMode: "view",
  isDevelopment: true,
  extensionName: "op-bridge",
  commandName: "search-items",
};

/** Each namespace's entries, shared by every Cache of it as Raycast's files on disk are; emptied by recorder.reset. */
const cacheStores = new Map<string, Map<string, string>>();

/** Raycast's Cache in memory: what @raycast/utils' useCachedPromise keeps between renders and launches. */
export class Cache implements Pick<
  Raycast.Cache,
  "get" | "has" | "isEmpty" | "set" | "remove" | "clear" | "subscribe"
> {
  private readonly store: Map<string, string>;
  private readonly subscribers = new Set<Raycast.Cache.Subscriber>();

  constructor(options: Raycast.Cache.Options = {}) {
    const namespace = options.namespace ?? "";
    this.store = cacheStores.get(namespace) ?? new Map();
    cacheStores.set(namespace, this.store);
  }

  get(key: string): string | undefined {
    return this.store.get(key);
  }

  has(key: string): boolean {
    return this.store.has(key);
  }

  get isEmpty(): boolean {
    return this.store.size === 0;
  }

  set(key: string, data: string): void {
    this.store.set(key, data);
    for (const subscriber of this.subscribers) subscriber(key, data);
  }

  remove(key: string): boolean {
    const removed = this.store.delete(key);
    for (const subscriber of this.subscribers) subscriber(key, undefined);
    return removed;
  }

  clear(options?: { notifySubscribers: boolean }): void {
    this.store.clear();
    if (options?.notifySubscribers !== false)
      for (const subscriber of this.subscribers) subscriber(undefined, undefined);
  }

  /** Bound, as Raycast's is: useCachedState hands it to useSyncExternalStore on its own. */
  subscribe = (subscriber: Raycast.Cache.Subscriber): Raycast.Cache.Subscription => {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  };
}

// Imported by @raycast/utils for hooks this extension does not use; present so bundles of it link.
export const AI = {} as typeof Raycast.AI;
export const MenuBarExtra = {} as typeof Raycast.MenuBarExtra;
export const OAuth = {} as typeof Raycast.OAuth;
