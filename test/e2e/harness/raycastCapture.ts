// Reads what a Raycast command rendered through the @raycast/api stand-in into plain data a picture can show.
import type { Keyboard } from "@raycast/api";
import type { ReactTestInstance, ReactTestRenderer } from "react-test-renderer";
import { findComponents, isComponent } from "../../raycast/helpers/components.js";
import type { ComponentName } from "../../raycast/stand-in/raycast-api.js";
import { listOf, renderPart } from "./raycastRender.js";

export interface AccessoryPicture {
  text?: string;
  tag?: string;
  icon?: string;
}

export interface RowPicture {
  title: string;
  subtitle?: string;
  icon?: string;
  accessories: AccessoryPicture[];
}

export interface SectionPicture {
  title?: string;
  subtitle?: string;
  rows: RowPicture[];
}

export interface ActionPicture {
  title: string;
  icon?: string;
  /** Keycaps as Raycast shows them on macOS, e.g. ["⌘", "⇧", "C"]; empty when the action has none. */
  keys: string[];
}

export interface ActionPanelPicture {
  title?: string;
  sections: { title?: string; actions: ActionPicture[] }[];
}

export interface DropdownPicture {
  tooltip?: string;
  /** The title of the chosen entry: the first one, as a dropdown without a stored value opens. */
  selected: string;
  sections: { title?: string; items: string[] }[];
}

export interface ListPicture {
  /** What the user typed; the stand-in's List does not hold it, so the test passes it along. */
  searchText: string;
  placeholder?: string;
  isLoading: boolean;
  dropdown?: DropdownPicture;
  sections: SectionPicture[];
  /** Shown only when there is no row, as Raycast does. */
  emptyView?: { icon?: string; title?: string; description?: string };
  /** The actions of the selected (first) row, or of the empty view when there is no row. */
  actions?: ActionPanelPicture;
}

/** Raycast's macOS keys for Keyboard.Shortcut.Common (developers.raycast.com/api-reference/keyboard). */
const COMMON_SHORTCUTS: Record<string, string[]> = {
  Copy: ["⌘", "⇧", "C"],
  CopyDeeplink: ["⌘", "⇧", "C"],
  CopyName: ["⌘", "⇧", "."],
  CopyPath: ["⌘", "⇧", ","],
  Save: ["⌘", "S"],
  Duplicate: ["⌘", "D"],
  Edit: ["⌘", "E"],
  MoveDown: ["⌘", "⇧", "↓"],
  MoveUp: ["⌘", "⇧", "↑"],
  New: ["⌘", "N"],
  Open: ["⌘", "O"],
  OpenWith: ["⌘", "⇧", "O"],
  Pin: ["⌘", "⇧", "P"],
  Refresh: ["⌘", "R"],
  Remove: ["⌃", "X"],
  RemoveAll: ["⌃", "⇧", "X"],
  ToggleQuickLook: ["⌘", "Y"],
};

const MODIFIERS: Record<Keyboard.KeyModifier, string> = {
  cmd: "⌘",
  shift: "⇧",
  opt: "⌥",
  alt: "⌥",
  ctrl: "⌃",
  windows: "⊞",
};

const KEYS: Record<string, string> = {
  return: "↵",
  enter: "⌅",
  delete: "⌫",
  backspace: "⌫",
  deleteForward: "⌦",
  tab: "⇥",
  escape: "⎋",
  space: "␣",
  arrowUp: "↑",
  arrowDown: "↓",
  arrowLeft: "←",
  arrowRight: "→",
  pageUp: "⇞",
  pageDown: "⇟",
  home: "↖",
  end: "↘",
};

/** The keycaps of a shortcut; the stand-in renders Keyboard.Shortcut.Common.X as { common: "X" }. */
export function formatShortcut(shortcut: unknown): string[] {
  if (!shortcut || typeof shortcut !== "object") return [];
  if ("common" in shortcut) {
    const keys = COMMON_SHORTCUTS[String(shortcut.common)];
    if (!keys) throw new Error(`unknown common shortcut ${String(shortcut.common)}`);
    return keys;
  }
  // Raycast's cross-platform form { macOS, windows }: the pictures are of the Mac.
  if ("macOS" in shortcut) return formatShortcut(shortcut.macOS);
  const { modifiers = [], key } = shortcut as { modifiers?: Keyboard.KeyModifier[]; key: string };
  // In the order the extension gives them, as Raycast's own docs write ⌘ + ⇧ + C.
  const held = modifiers.map((name) => MODIFIERS[name]);
  return [...new Set(held), KEYS[key] ?? key.toUpperCase()];
}

const textOf = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : value && typeof value === "object" && "value" in value
      ? String(value.value)
      : undefined;

const iconOf = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : value && typeof value === "object" && "source" in value
      ? iconOf(value.source)
      : undefined;

function describeRow(item: ReactTestInstance): RowPicture {
  const accessories = ((item.props.accessories ?? []) as Record<string, unknown>[]).map((a) => ({
    ...(textOf(a.text) !== undefined ? { text: textOf(a.text) } : {}),
    ...(textOf(a.tag) !== undefined ? { tag: textOf(a.tag) } : {}),
    ...(iconOf(a.icon) !== undefined ? { icon: iconOf(a.icon) } : {}),
  }));
  return {
    title: String(item.props.title),
    ...(item.props.subtitle ? { subtitle: String(item.props.subtitle) } : {}),
    ...(iconOf(item.props.icon) ? { icon: iconOf(item.props.icon) } : {}),
    accessories,
  };
}

const isAction = (node: ReactTestInstance) => {
  const type: unknown = node.type;
  return typeof type === "string" && type.startsWith("Action") && !type.startsWith("ActionPanel");
};

/** Renders an `actions` element on its own and lists its sections and actions in order. */
export function captureActionPanel(actions: unknown): ActionPanelPicture | undefined {
  if (!actions) return undefined;
  const root = renderPart(actions).root;
  const panel = findComponents(root, "ActionPanel")[0];
  const sections: ActionPanelPicture["sections"] = [];
  const visit = (node: ReactTestInstance, inSection: boolean) => {
    if (isComponent(node, "ActionPanel.Section")) {
      sections.push({ ...(node.props.title ? { title: String(node.props.title) } : {}), actions: [] });
      for (const child of node.children) if (typeof child !== "string") visit(child, true);
      return;
    }
    if (isAction(node)) {
      // Actions outside any section form an untitled one, as Raycast groups them.
      if (!inSection || sections.length === 0) sections.push({ actions: [] });
      sections.at(-1)?.actions.push({
        title: String(node.props.title),
        ...(iconOf(node.props.icon) ? { icon: iconOf(node.props.icon) } : {}),
        keys: formatShortcut(node.props.shortcut),
      });
      return;
    }
    for (const child of node.children) if (typeof child !== "string") visit(child, inSection);
  };
  visit(panel ?? root, false);
  return { ...(panel?.props.title ? { title: String(panel.props.title) } : {}), sections };
}

function captureDropdown(accessory: unknown): DropdownPicture | undefined {
  if (!accessory) return undefined;
  const root = renderPart(accessory).root;
  const dropdown = findComponents(root, "List.Dropdown")[0];
  if (!dropdown) return undefined;
  const sections: DropdownPicture["sections"] = [];
  for (const item of findComponents(dropdown, "List.Dropdown.Item")) {
    const section = findAncestor(item, "List.Dropdown.Section");
    const title = section?.props.title as string | undefined;
    if (sections.at(-1)?.title !== title || sections.length === 0)
      sections.push({ ...(title ? { title } : {}), items: [] });
    sections.at(-1)?.items.push(String(item.props.title));
  }
  return {
    ...(dropdown.props.tooltip ? { tooltip: String(dropdown.props.tooltip) } : {}),
    selected: sections[0]?.items[0] ?? "",
    sections,
  };
}

function findAncestor(node: ReactTestInstance, type: ComponentName): ReactTestInstance | undefined {
  for (let at = node.parent; at; at = at.parent) if (isComponent(at, type)) return at;
  return undefined;
}

/** Everything the list shows right now, with the first row selected as Raycast does on open. */
export function captureList(renderer: ReactTestRenderer, searchText: string): ListPicture {
  const list = listOf(renderer);
  const items = findComponents(list, "List.Item");
  const sections: SectionPicture[] = findComponents(list, "List.Section")
    .map((section) => ({
      ...(section.props.title ? { title: String(section.props.title) } : {}),
      ...(section.props.subtitle ? { subtitle: String(section.props.subtitle) } : {}),
      rows: findComponents(section, "List.Item").map(describeRow),
    }))
    .filter((section) => section.rows.length > 0);
  const loose = items.filter((item) => !findAncestor(item, "List.Section"));
  if (loose.length > 0) sections.unshift({ rows: loose.map(describeRow) });
  const empty = findComponents(list, "List.EmptyView")[0];
  const firstItem = items[0];
  const dropdown = captureDropdown(list.props.searchBarAccessory);
  const actions = captureActionPanel(
    firstItem ? firstItem.props.actions : (empty?.props.actions ?? list.props.actions),
  );
  return {
    searchText,
    ...(list.props.searchBarPlaceholder ? { placeholder: String(list.props.searchBarPlaceholder) } : {}),
    isLoading: list.props.isLoading === true,
    ...(dropdown ? { dropdown } : {}),
    sections,
    ...(items.length === 0 && empty
      ? {
          emptyView: {
            ...(iconOf(empty.props.icon) ? { icon: iconOf(empty.props.icon) } : {}),
            ...(empty.props.title ? { title: String(empty.props.title) } : {}),
            ...(empty.props.description ? { description: String(empty.props.description) } : {}),
          },
        }
      : {}),
    ...(actions ? { actions } : {}),
  };
}
