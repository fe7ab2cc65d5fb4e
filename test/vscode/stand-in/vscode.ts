// A stand-in for the `vscode` module in unit tests, typed against @types/vscode: scriptable pickers and
// input boxes (tests queue answers), a real EventEmitter, in-memory SecretStorage, settings, an editor
// with several cursors, a clipboard, and every notification recorded.
import type * as vscode from "vscode";

// ---- values and classes -------------------------------------------------------------------------

export class Disposable implements vscode.Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  constructor(private readonly callOnDispose: () => unknown) {}
  dispose(): void {
    this.callOnDispose();
  }
}

export class EventEmitter<T> implements vscode.EventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  readonly event: vscode.Event<T> = (listener, thisArgs, disposables) => {
    const bound = (e: T) => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const disposable = new Disposable(() => this.listeners.delete(bound));
    if (Array.isArray(disposables)) disposables.push(disposable);
    return disposable;
  };
  fire(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export enum QuickPickItemKind {
  Separator = -1,
  Default = 0,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string;
  contextValue?: string;
  iconPath?: ThemeIcon;
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}
export class Selection extends Range {
  constructor(anchor: Position, active: Position) {
    super(anchor, active);
  }
}

export class Uri {
  private constructor(private readonly text: string) {}
  static parse(value: string): Uri {
    return new Uri(value);
  }
  toString(): string {
    return this.text;
  }
}

// ---- what tests script and read ------------------------------------------------------------------

/** One answer a test queues for the next picker, input box or modal message. */
export type Answer =
  | { quickPick: string | undefined; type?: string }
  | { input: string | undefined }
  | { message: string | undefined };

type Notification = { level: "info" | "warning" | "error"; message: string; items: string[] };

export class MemorySecretStorage implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  private readonly changed = new EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    if (this.values.delete(key)) this.changed.fire({ key });
  }
}

export class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

interface StandInEditor {
  document: { languageId: string; fileName: string; getText(): string };
  selections: Selection[];
  edit(callback: (builder: { replace(range: Range, text: string): void }) => void): Promise<boolean>;
}

const state = {
  answers: [] as Answer[],
  notifications: [] as Notification[],
  /** validateInput's messages for each value typed into input boxes. */
  validations: [] as { value: string; message: string | undefined }[],
  /** Titles of the pickers shown, in order, with the labels they offered (and each row's description · detail). */
  pickers: [] as { title?: string; labels: string[]; rows?: string[] }[],
  clipboard: "",
  opened: [] as string[],
  openExternalAnswer: true,
  settings: new Map<string, unknown>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  activeTextEditor: undefined as StandInEditor | undefined,
  statusBarItems: [] as { text: string; tooltip: string; command?: string; visible: boolean }[],
  logLines: [] as string[],
};
const configurationChanged = new EventEmitter<vscode.ConfigurationChangeEvent>();

/** The test's handle on the stand-in. */
export const standIn = {
  state,
  reset(): void {
    state.answers = [];
    state.notifications = [];
    state.validations = [];
    state.pickers = [];
    state.clipboard = "";
    state.opened = [];
    state.openExternalAnswer = true;
    state.settings.clear();
    state.commands.clear();
    state.activeTextEditor = undefined;
    state.statusBarItems = [];
    state.logLines = [];
  },
  answer(...answers: Answer[]): void {
    state.answers.push(...answers);
  },
  setSetting(key: string, value: unknown): void {
    state.settings.set(key, value);
    configurationChanged.fire({ affectsConfiguration: (section) => key.startsWith(section) });
  },
  /** Opens an editor; `|` marks each cursor in `text`. */
  openEditor(text: string, languageId: string, fileName: string): StandInEditor {
    const cursors: number[] = [];
    let plain = "";
    for (const char of text) {
      if (char === "|") cursors.push(plain.length);
      else plain += char;
    }
    let content = plain;
    const positionAt = (offset: number) => {
      const before = content.slice(0, offset).split("\n");
      return new Position(before.length - 1, before[before.length - 1]!.length);
    };
    const offsetAt = (position: Position) => {
      const lines = content.split("\n");
      return (
        lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character
      );
    };
    const editor: StandInEditor = {
      document: { languageId, fileName, getText: () => content },
      selections: cursors.map((c) => new Selection(positionAt(c), positionAt(c))),
      async edit(callback) {
        const edits: { start: number; end: number; text: string }[] = [];
        callback({
          replace: (range, text) =>
            edits.push({ start: offsetAt(range.start), end: offsetAt(range.end), text }),
        });
        for (const e of edits.sort((a, b) => b.start - a.start)) {
          content = content.slice(0, e.start) + e.text + content.slice(e.end);
        }
        return true;
      },
    };
    state.activeTextEditor = editor;
    return editor;
  },
  messages(level?: Notification["level"]): string[] {
    return state.notifications.filter((n) => !level || n.level === level).map((n) => n.message);
  },
};

function nextAnswer<K extends "quickPick" | "input" | "message">(
  kind: K,
  what: string,
): Extract<Answer, Record<K, unknown>> {
  const answer = state.answers.shift();
  if (!answer || !(kind in answer)) {
    throw new Error(
      `stand-in: ${what} was shown but the test queued ${answer ? JSON.stringify(answer) : "no answer"}`,
    );
  }
  return answer as Extract<Answer, Record<K, unknown>>;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

// ---- window ----------------------------------------------------------------------------------------

function labelOf(item: string | vscode.QuickPickItem): string {
  return typeof item === "string" ? item : item.label;
}

/** A row as a person reads it: label, description and detail. */
function rowOf(item: string | vscode.QuickPickItem): string {
  return typeof item === "string"
    ? item
    : [item.label, item.description, item.detail].filter(Boolean).join(" · ");
}

function choose<T extends string | vscode.QuickPickItem>(
  items: readonly T[],
  wanted: string | undefined,
): T | undefined {
  if (wanted === undefined) return undefined;
  const selectable = items.filter(
    (item) => typeof item === "string" || item.kind !== QuickPickItemKind.Separator,
  );
  const found =
    selectable.find((item) => labelOf(item) === wanted) ??
    selectable.find((item) => labelOf(item).includes(wanted));
  if (!found) throw new Error(`stand-in: no pick "${wanted}" among ${selectable.map(labelOf).join(" | ")}`);
  return found;
}

async function showQuickPick<T extends vscode.QuickPickItem | string>(
  items: readonly T[] | Thenable<readonly T[]>,
  options?: vscode.QuickPickOptions,
): Promise<T | undefined> {
  const list = await items;
  state.pickers.push({ title: options?.title, labels: list.map(labelOf), rows: list.map(rowOf) });
  return choose(list, nextAnswer("quickPick", `the quick pick "${options?.title ?? ""}"`).quickPick);
}

async function showInputBox(options?: vscode.InputBoxOptions): Promise<string | undefined> {
  const { input } = nextAnswer("input", `the input box "${options?.title ?? options?.prompt ?? ""}"`);
  if (input === undefined) return undefined;
  const validation = await options?.validateInput?.(input);
  const message = typeof validation === "string" ? validation : (validation?.message ?? undefined);
  state.validations.push({ value: input, message: message || undefined });
  // A person cannot accept a value the box marks invalid: the test's next answer is tried instead.
  if (message) return showInputBox(options);
  return input;
}

function notify(level: Notification["level"]) {
  return async (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const modal = typeof rest[0] === "object" && rest[0] !== null && (rest[0] as vscode.MessageOptions).modal;
    const items = rest.filter((r): r is string => typeof r === "string");
    state.notifications.push({ level, message, items });
    if (modal) return nextAnswer("message", `the modal "${message}"`).message;
    return undefined;
  };
}

function createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
  const changeValue = new EventEmitter<string>();
  const accept = new EventEmitter<void>();
  const hide = new EventEmitter<void>();
  const changeSelection = new EventEmitter<readonly T[]>();
  let hidden = false;
  const picker = {
    value: "",
    title: undefined as string | undefined,
    placeholder: undefined as string | undefined,
    items: [] as readonly T[],
    selectedItems: [] as readonly T[],
    activeItems: [] as readonly T[],
    busy: false,
    enabled: true,
    ignoreFocusOut: false,
    matchOnDescription: true,
    matchOnDetail: true,
    canSelectMany: false,
    onDidChangeValue: changeValue.event,
    onDidAccept: accept.event,
    onDidHide: hide.event,
    onDidChangeSelection: changeSelection.event,
    show() {
      const { quickPick: wanted, type } = nextAnswer("quickPick", "a searchable quick pick");
      void (async () => {
        // Waits as a person would for the list to finish loading.
        for (let i = 0; i < 5000 && picker.busy && !hidden; i++) await tick();
        if (hidden) return;
        if (type !== undefined) {
          picker.value = type;
          changeValue.fire(type);
          await tick();
        }
        state.pickers.push({
          title: picker.title,
          labels: picker.items.map(labelOf),
          rows: picker.items.map(rowOf),
        });
        if (wanted === undefined) return picker.hide();
        try {
          picker.selectedItems = [choose(picker.items, wanted)!];
        } catch (error) {
          state.notifications.push({ level: "error", message: String(error), items: [] });
          return picker.hide();
        }
        accept.fire();
      })();
    },
    hide() {
      if (hidden) return;
      hidden = true;
      hide.fire();
    },
    dispose() {
      picker.hide();
    },
  };
  return picker as unknown as vscode.QuickPick<T>;
}

function createOutputChannel(name: string): vscode.LogOutputChannel {
  const line = (level: string) => (message: string | Error) =>
    state.logLines.push(`${level} ${message instanceof Error ? message.message : message}`);
  return {
    name,
    logLevel: 2,
    onDidChangeLogLevel: new EventEmitter<number>().event,
    trace: line("trace"),
    debug: line("debug"),
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    append: (v: string) => state.logLines.push(v),
    appendLine: (v: string) => state.logLines.push(v),
    replace: () => undefined,
    clear: () => undefined,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  } as unknown as vscode.LogOutputChannel;
}

export const window = {
  showQuickPick: showQuickPick as typeof vscode.window.showQuickPick,
  showInputBox: showInputBox as typeof vscode.window.showInputBox,
  showInformationMessage: notify("info") as typeof vscode.window.showInformationMessage,
  showWarningMessage: notify("warning") as typeof vscode.window.showWarningMessage,
  showErrorMessage: notify("error") as typeof vscode.window.showErrorMessage,
  createQuickPick: createQuickPick as typeof vscode.window.createQuickPick,
  createOutputChannel: createOutputChannel as unknown as typeof vscode.window.createOutputChannel,
  withProgress: (async (_options, task) => {
    const cancel = new EventEmitter<void>();
    const token: vscode.CancellationToken = {
      isCancellationRequested: false,
      onCancellationRequested: cancel.event,
    };
    return task({ report: () => undefined }, token);
  }) as typeof vscode.window.withProgress,
  createStatusBarItem: (() => {
    const item = {
      text: "",
      tooltip: "",
      name: "",
      command: undefined as string | undefined,
      visible: false,
      show() {
        item.visible = true;
      },
      hide() {
        item.visible = false;
      },
      dispose() {
        item.visible = false;
      },
    };
    state.statusBarItems.push(item);
    return item;
  }) as unknown as typeof vscode.window.createStatusBarItem,
  createTreeView: ((_id: string, options: { treeDataProvider: unknown }) => ({
    provider: options.treeDataProvider,
    revealed: [] as unknown[],
    async reveal(element: unknown) {
      (this.revealed as unknown[]).push(element);
    },
    dispose() {},
  })) as unknown as typeof vscode.window.createTreeView,
  get activeTextEditor(): vscode.TextEditor | undefined {
    return state.activeTextEditor as unknown as vscode.TextEditor | undefined;
  },
} satisfies Partial<Record<keyof typeof vscode.window, unknown>>;

// ---- workspace, env, commands ----------------------------------------------------------------------

function getConfiguration(section?: string): vscode.WorkspaceConfiguration {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  return {
    get: <T>(key: string, defaultValue?: T) =>
      (state.settings.has(full(key)) ? state.settings.get(full(key)) : defaultValue) as T,
    has: (key: string) => state.settings.has(full(key)),
    inspect: (key: string) =>
      state.settings.has(full(key))
        ? { key: full(key), globalValue: state.settings.get(full(key)) }
        : undefined,
    update: async (key: string, value: unknown) => {
      if (value === undefined) state.settings.delete(full(key));
      else state.settings.set(full(key), value);
      configurationChanged.fire({ affectsConfiguration: (s: string) => full(key).startsWith(s) });
    },
  } as unknown as vscode.WorkspaceConfiguration;
}

export const workspace = {
  getConfiguration: getConfiguration as typeof vscode.workspace.getConfiguration,
  onDidChangeConfiguration: configurationChanged.event,
} satisfies Partial<Record<keyof typeof vscode.workspace, unknown>>;

export const env = {
  clipboard: {
    readText: async () => state.clipboard,
    writeText: async (value: string) => {
      state.clipboard = value;
    },
  },
  openExternal: async (uri: Uri) => {
    state.opened.push(uri.toString());
    return state.openExternalAnswer;
  },
} satisfies Partial<Record<keyof typeof vscode.env, unknown>>;

export const commands = {
  registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
    state.commands.set(id, handler);
    return new Disposable(() => state.commands.delete(id));
  },
  executeCommand: async (id: string, ...args: unknown[]) => {
    const handler = state.commands.get(id);
    if (!handler) throw new Error(`stand-in: command ${id} is not registered`);
    return handler(...args);
  },
} satisfies Partial<Record<keyof typeof vscode.commands, unknown>>;
