// A stand-in for the `vscode` module in unit tests, typed against @types/vscode: scriptable pickers and
// input boxes (tests queue answers), a real EventEmitter, in-memory SecretStorage, settings, an editor
// with several cursors, a clipboard, and every notification recorded.
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
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
export enum UIKind {
  Desktop = 1,
  Web = 2,
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
export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
  Two = 2,
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
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}
export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }
  contains(position: Position): boolean {
    return !position.isBefore(this.start) && !this.end.isBefore(position);
  }
}
export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }
}

export class Uri {
  private constructor(private readonly text: string) {}
  static parse(value: string): Uri {
    return new Uri(value);
  }
  static file(path: string): Uri {
    return new Uri(`file://${path}`);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri([base.text.replace(/\/+$/, ""), ...parts].join("/"));
  }
  /** As VS Code's: the parts are percent-encoded in toString(), so spaces in a path stay one URI. */
  static from(parts: { scheme: string; authority?: string; path?: string; query?: string }): Uri {
    const authority = parts.authority ? `//${encodeURIComponent(parts.authority)}` : "";
    const path = (parts.path ?? "").split("/").map(encodeURIComponent).join("/");
    const query = parts.query ? `?${encodeURIComponent(parts.query)}` : "";
    return new Uri(`${parts.scheme}:${authority}${path}${query}`);
  }
  get scheme(): string {
    return this.text.slice(0, Math.max(0, this.text.indexOf(":")));
  }
  get fsPath(): string {
    return this.text.replace(/^file:\/\//, "");
  }
  /** The decoded path, without scheme, authority or query. */
  get path(): string {
    const rest = this.text.slice(this.scheme.length + 1).replace(/^\/\/[^/?#]*/, "");
    return decodeURIComponent(rest.replace(/[?#].*$/, ""));
  }
  /** The decoded query, without "?". */
  get query(): string {
    const match = /\?([^#]*)/.exec(this.text);
    return match ? decodeURIComponent(match[1]!) : "";
  }
  toString(): string {
    return this.text;
  }
}

export enum FileType {
  Unknown = 0,
  File = 1,
  Directory = 2,
  SymbolicLink = 64,
}

// ---- what tests script and read ------------------------------------------------------------------

/** One answer a test queues for the next picker, input box or modal message. */
export type Answer =
  | { quickPick: string | undefined; type?: string }
  | { input: string | undefined }
  | { message: string | undefined };

type Notification = {
  level: "info" | "warning" | "error";
  message: string;
  items: string[];
  /** A modal's detail text. */
  detail?: string;
};

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
  /** vscode.env.uiKind and remoteName: a desktop window on this machine unless a test says otherwise. */
  uiKind: 1 as UIKind,
  remoteName: undefined as string | undefined,
  settings: new Map<string, unknown>(),
  /** Values a workspace's .vscode/settings.json gives (inspect()'s workspaceValue). */
  workspaceSettings: new Map<string, unknown>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  activeTextEditor: undefined as StandInEditor | undefined,
  statusBarItems: [] as { text: string; tooltip: string; command?: string; visible: boolean }[],
  logLines: [] as string[],
  /** Progress shown, in order, with what it reported; `cancel()` is the notification's Cancel button. */
  progress: [] as { title?: string; reports: string[]; cancel(): void }[],
  /** Documents shown with showTextDocument, and where. */
  shownDocuments: [] as { document: vscode.TextDocument; viewColumn?: number; selection?: vscode.Range }[],
};
const configurationChanged = new EventEmitter<vscode.ConfigurationChangeEvent>();
const selectionChanged = new EventEmitter<vscode.TextEditorSelectionChangeEvent>();

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
    state.uiKind = UIKind.Desktop;
    state.remoteName = undefined;
    state.settings.clear();
    state.workspaceSettings.clear();
    state.commands.clear();
    state.activeTextEditor = undefined;
    state.statusBarItems = [];
    state.logLines = [];
    state.progress = [];
    state.shownDocuments = [];
    resetEditorState();
    resetRunState();
  },
  answer(...answers: Answer[]): void {
    state.answers.push(...answers);
  },
  /**
   * A value from the workspace's .vscode/settings.json (the repository's, not the user's): get() prefers it, as
   * VS Code does, except for a machine- or application-scoped setting, whose workspace value VS Code drops unseen.
   */
  setWorkspaceSetting(key: string, value: unknown): void {
    state.workspaceSettings.set(key, value);
    configurationChanged.fire({ affectsConfiguration: (section) => key.startsWith(section) });
  },
  setSetting(key: string, value: unknown): void {
    state.settings.set(key, value);
    configurationChanged.fire({ affectsConfiguration: (section) => key.startsWith(section) });
  },
  /** Opens the window in Restricted Mode (false), or grants trust (true) as the user's click would. */
  setTrusted(trusted: boolean): void {
    const granted = trusted && !runState.trusted;
    runState.trusted = trusted;
    if (granted) trustGranted.fire();
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
  editorState.inputBoxes.push({ title: options?.title, prompt: options?.prompt, value: options?.value });
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
    const options = typeof rest[0] === "object" && rest[0] !== null ? (rest[0] as vscode.MessageOptions) : {};
    const modal = options.modal;
    const items = rest.filter((r): r is string => typeof r === "string");
    state.notifications.push({
      level,
      message,
      items,
      ...(options.detail ? { detail: options.detail } : {}),
    });
    if (modal) return nextAnswer("message", `the modal "${message}"`).message;
    // A notification's button is clicked only when the test queued a message answer for it.
    if (items.length > 0 && state.answers[0] && "message" in state.answers[0]) {
      return nextAnswer("message", `the notification "${message}"`).message;
    }
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
  withProgress: (async (options, task) => {
    const cancel = new EventEmitter<void>();
    const token: vscode.CancellationToken = {
      isCancellationRequested: false,
      onCancellationRequested: cancel.event,
    };
    const shown = {
      title: options.title,
      reports: [] as string[],
      cancel() {
        if (token.isCancellationRequested) return;
        (token as { isCancellationRequested: boolean }).isCancellationRequested = true;
        cancel.fire();
      },
    };
    state.progress.push(shown);
    return task({ report: (value) => void (value.message && shown.reports.push(value.message)) }, token);
  }) as typeof vscode.window.withProgress,
  createTerminal: createTerminal as typeof vscode.window.createTerminal,
  showTextDocument: (async (document: vscode.TextDocument, options?: vscode.TextDocumentShowOptions) => {
    state.shownDocuments.push({ document, viewColumn: options?.viewColumn, selection: options?.selection });
    return { document };
  }) as unknown as typeof vscode.window.showTextDocument,
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
  onDidChangeTextEditorSelection: selectionChanged.event,
  get activeTextEditor(): vscode.TextEditor | undefined {
    return state.activeTextEditor as unknown as vscode.TextEditor | undefined;
  },
} satisfies Partial<Record<keyof typeof vscode.window, unknown>>;

// ---- documents, edits and language features (editor helper) ------------------------------------

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}
export enum CompletionItemKind {
  Text = 0,
  Field = 4,
  Folder = 18,
  Reference = 17,
  Value = 11,
}
export enum EndOfLine {
  LF = 1,
  CRLF = 2,
}

export class CancellationTokenSource {
  private readonly cancelled = new EventEmitter<void>();
  readonly token: vscode.CancellationToken = {
    isCancellationRequested: false,
    onCancellationRequested: this.cancelled.event,
  };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    (this.token as { isCancellationRequested: boolean }).isCancellationRequested = true;
    this.cancelled.fire();
  }
  dispose(): void {
    this.cancelled.dispose();
  }
}

export class MarkdownString {
  isTrusted?: boolean | { enabledCommands: readonly string[] };
  supportThemeIcons?: boolean;
  constructor(public value = "") {}
  appendMarkdown(value: string): MarkdownString {
    this.value += value;
    return this;
  }
  appendText(value: string): MarkdownString {
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, "\\$&");
    return this;
  }
}

export class Hover {
  readonly contents: MarkdownString[];
  constructor(
    contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

export class CompletionItem {
  insertText?: string;
  range?: Range;
  detail?: string;
  documentation?: string | MarkdownString;
  sortText?: string;
  filterText?: string;
  command?: vscode.Command;
  constructor(
    public label: string | { label: string; description?: string; detail?: string },
    public kind?: CompletionItemKind,
  ) {}
}
export class CompletionList {
  constructor(
    public items: CompletionItem[] = [],
    public isIncomplete = false,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    public range: Range,
    public message: string,
    public severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind("");
  static readonly QuickFix = new CodeActionKind("quickfix");
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === "" || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
}
export class CodeAction {
  command?: vscode.Command;
  edit?: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    public title: string,
    public kind?: CodeActionKind,
  ) {}
}
export class CodeLens {
  constructor(
    public range: Range,
    public command?: vscode.Command,
  ) {}
  get isResolved(): boolean {
    return this.command !== undefined;
  }
}
export class DocumentLink {
  tooltip?: string;
  constructor(
    public range: Range,
    public target?: Uri,
  ) {}
}

/** Edits to apply together, as one step the user can undo. */
export class WorkspaceEdit {
  private readonly edits: { uri: Uri; range: Range; newText: string }[] = [];
  get size(): number {
    return new Set(this.edits.map((e) => e.uri.toString())).size;
  }
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
  insert(uri: Uri, position: Position, newText: string): void {
    this.edits.push({ uri, range: new Range(position, position), newText });
  }
  entries(): [Uri, { range: Range; newText: string }[]][] {
    const byUri = new Map<string, [Uri, { range: Range; newText: string }[]]>();
    for (const edit of this.edits) {
      const entry = byUri.get(edit.uri.toString()) ?? [edit.uri, []];
      entry[1].push({ range: edit.range, newText: edit.newText });
      byUri.set(edit.uri.toString(), entry);
    }
    return [...byUri.values()];
  }
}

/** A text document: positions come from a line index (as in VS Code), so 10 MB texts stay quick. */
export class StandInDocument {
  version = 1;
  isClosed = false;
  readonly isDirty = false;
  readonly isUntitled = false;
  readonly eol = EndOfLine.LF;
  /** Texts before each applied WorkspaceEdit, for undo. */
  readonly undoStack: string[] = [];
  private lineStarts: number[] | undefined;
  constructor(
    readonly uri: Uri,
    readonly fileName: string,
    readonly languageId: string,
    private content: string,
  ) {}
  get lineCount(): number {
    return this.starts().length;
  }
  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.content.length));
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return new Position(low, clamped - starts[low]!);
  }
  offsetAt(position: Position): number {
    const starts = this.starts();
    const line = Math.max(0, Math.min(position.line, starts.length - 1));
    const lineEnd = line + 1 < starts.length ? starts[line + 1]! - 1 : this.content.length;
    return Math.min(starts[line]! + position.character, lineEnd);
  }
  lineAt(lineOrPosition: number | Position): { lineNumber: number; text: string; range: Range } {
    const line = typeof lineOrPosition === "number" ? lineOrPosition : lineOrPosition.line;
    const starts = this.starts();
    const start = starts[line]!;
    const end = line + 1 < starts.length ? starts[line + 1]! - 1 : this.content.length;
    return {
      lineNumber: line,
      text: this.content.slice(start, end),
      range: new Range(new Position(line, 0), new Position(line, end - start)),
    };
  }
  /** Replaces the text (a keystroke or an applied edit): a new version, and listeners are told. */
  setText(text: string): void {
    this.content = text;
    this.lineStarts = undefined;
    this.version++;
    documentChanged.fire({
      document: this as unknown as vscode.TextDocument,
      contentChanges: [],
      reason: undefined,
    });
  }
  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let at = this.content.indexOf("\n"); at !== -1; at = this.content.indexOf("\n", at + 1)) {
        starts.push(at + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

type ProviderKind = "hover" | "completion" | "codeAction" | "documentLink" | "codeLens";
const editorState = {
  documents: [] as StandInDocument[],
  providers: new Map<ProviderKind, { selector: vscode.DocumentSelector; provider: unknown }[]>(),
  diagnostics: [] as StandInDiagnostics[],
  appliedEdits: 0,
  /** Input boxes shown, with the value each offered before the user typed. */
  inputBoxes: [] as { title?: string; prompt?: string; value?: string }[],
  /** registerTextDocumentContentProvider's providers by scheme: openTextDocument asks them for text. */
  contentProviders: new Map<string, vscode.TextDocumentContentProvider>(),
};
const documentOpened = new EventEmitter<vscode.TextDocument>();
const documentClosed = new EventEmitter<vscode.TextDocument>();
const documentChanged = new EventEmitter<vscode.TextDocumentChangeEvent>();

function resetEditorState(): void {
  editorState.documents = [];
  editorState.providers.clear();
  editorState.diagnostics = [];
  editorState.appliedEdits = 0;
  editorState.inputBoxes = [];
  editorState.contentProviders.clear();
}

class StandInDiagnostics {
  readonly entries = new Map<string, readonly Diagnostic[]>();
  constructor(readonly name: string | undefined) {}
  set(uri: Uri, diagnostics: readonly Diagnostic[] | undefined): void {
    if (diagnostics && diagnostics.length > 0) this.entries.set(uri.toString(), [...diagnostics]);
    else this.entries.delete(uri.toString());
  }
  get(uri: Uri): readonly Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  forEach(callback: (uri: Uri, diagnostics: readonly Diagnostic[]) => unknown): void {
    for (const [uri, diagnostics] of this.entries) callback(Uri.parse(uri), diagnostics);
  }
  has(uri: Uri): boolean {
    return this.entries.has(uri.toString());
  }
  dispose(): void {
    this.entries.clear();
  }
}

function registerProvider(kind: ProviderKind) {
  return (selector: vscode.DocumentSelector, provider: unknown): Disposable => {
    const list = editorState.providers.get(kind) ?? [];
    const entry = { selector, provider };
    list.push(entry);
    editorState.providers.set(kind, list);
    return new Disposable(() => list.splice(list.indexOf(entry), 1));
  };
}

export const languages = {
  registerHoverProvider: registerProvider("hover") as typeof vscode.languages.registerHoverProvider,
  registerCompletionItemProvider: registerProvider(
    "completion",
  ) as typeof vscode.languages.registerCompletionItemProvider,
  registerCodeActionsProvider: registerProvider(
    "codeAction",
  ) as typeof vscode.languages.registerCodeActionsProvider,
  registerDocumentLinkProvider: registerProvider(
    "documentLink",
  ) as typeof vscode.languages.registerDocumentLinkProvider,
  registerCodeLensProvider: registerProvider("codeLens") as typeof vscode.languages.registerCodeLensProvider,
  createDiagnosticCollection: ((name?: string) => {
    const collection = new StandInDiagnostics(name);
    editorState.diagnostics.push(collection);
    return collection;
  }) as unknown as typeof vscode.languages.createDiagnosticCollection,
  /** As VS Code: the same document, closed and opened again for listeners, now in the new language. */
  setTextDocumentLanguage: (async (document: StandInDocument, languageId: string) => {
    documentClosed.fire(document as unknown as vscode.TextDocument);
    (document as { languageId: string }).languageId = languageId;
    documentOpened.fire(document as unknown as vscode.TextDocument);
    return document;
  }) as unknown as typeof vscode.languages.setTextDocumentLanguage,
} satisfies Partial<Record<keyof typeof vscode.languages, unknown>>;

async function applyEdit(edit: WorkspaceEdit): Promise<boolean> {
  const entries = edit.entries();
  for (const [uri, edits] of entries) {
    const document = editorState.documents.find((d) => d.uri.toString() === uri.toString());
    if (!document) return false;
    const before = document.getText();
    let text = before;
    const offsets = edits
      .map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), e }))
      .sort((a, b) => b.start - a.start);
    for (const { start, end, e } of offsets) text = text.slice(0, start) + e.newText + text.slice(end);
    // One WorkspaceEdit is one undo step.
    document.undoStack.push(before);
    document.setText(text);
  }
  editorState.appliedEdits++;
  return true;
}

const documentWorkspace = {
  get textDocuments(): readonly vscode.TextDocument[] {
    return editorState.documents as unknown as vscode.TextDocument[];
  },
  onDidOpenTextDocument: documentOpened.event,
  onDidCloseTextDocument: documentClosed.event,
  onDidChangeTextDocument: documentChanged.event,
  applyEdit: applyEdit as unknown as typeof vscode.workspace.applyEdit,
  openTextDocument: (async (uri: Uri | { content?: string; language?: string }) => {
    if (!(uri instanceof Uri)) {
      // An untitled document, as VS Code makes it: never on disk.
      const name = `Untitled-${editorState.documents.length + 1}`;
      const untitled = new StandInDocument(
        Uri.parse(`untitled:${name}`),
        name,
        uri.language ?? "plaintext",
        uri.content ?? "",
      );
      Object.defineProperty(untitled, "isUntitled", { value: true });
      editorState.documents.push(untitled);
      documentOpened.fire(untitled as unknown as vscode.TextDocument);
      return untitled;
    }
    const document = editorState.documents.find((d) => d.uri.toString() === uri.toString());
    if (document) return document;
    // A virtual document, as VS Code makes it: its text comes from the provider of its scheme.
    const provider = editorState.contentProviders.get(uri.scheme);
    if (!provider) throw new Error(`stand-in: ${uri.toString()} is not open`);
    const text = await provider.provideTextDocumentContent(
      uri as unknown as vscode.Uri,
      new CancellationTokenSource().token,
    );
    if (text === undefined || text === null) throw new Error(`stand-in: no text for ${uri.toString()}`);
    const virtual = new StandInDocument(uri, uri.path, "plaintext", text);
    editorState.documents.push(virtual);
    documentOpened.fire(virtual as unknown as vscode.TextDocument);
    return virtual;
  }) as unknown as typeof vscode.workspace.openTextDocument,
  registerTextDocumentContentProvider: ((scheme: string, provider: vscode.TextDocumentContentProvider) => {
    editorState.contentProviders.set(scheme, provider);
    return new Disposable(() => {
      if (editorState.contentProviders.get(scheme) === provider) editorState.contentProviders.delete(scheme);
    });
  }) as typeof vscode.workspace.registerTextDocumentContentProvider,
};

/** The test's handle on documents and language features. */
export const editorStandIn = {
  state: editorState,
  /** Opens a document (VS Code tells listeners) at version 1. */
  openDocument(text: string, languageId: string, fileName: string): StandInDocument {
    const document = new StandInDocument(Uri.file(fileName), fileName, languageId, text);
    editorState.documents.push(document);
    documentOpened.fire(document as unknown as vscode.TextDocument);
    return document;
  },
  closeDocument(document: StandInDocument): void {
    editorState.documents = editorState.documents.filter((d) => d !== document);
    document.isClosed = true;
    documentClosed.fire(document as unknown as vscode.TextDocument);
  },
  /** Types: replaces the whole text as one keystroke would change it. */
  type(document: StandInDocument, text: string): void {
    document.setText(text);
  },
  /** Shows the document in the active editor with the cursor at `offset`; VS Code tells listeners. */
  moveCursor(document: StandInDocument, offset: number): void {
    const at = document.positionAt(offset);
    const selection = new Selection(at, at);
    const editor = { document, selection, selections: [selection] };
    state.activeTextEditor = editor as never;
    selectionChanged.fire({ textEditor: editor, selections: [selection] } as never);
  },
  /** Undoes the last applied WorkspaceEdit of the document (Ctrl+Z once). */
  undo(document: StandInDocument): void {
    const before = document.undoStack.pop();
    if (before === undefined) throw new Error("stand-in: nothing to undo");
    document.setText(before);
  },
  /** The provider of that kind registered last (the extension registers one of each). */
  provider<T>(kind: ProviderKind): T {
    const list = editorState.providers.get(kind) ?? [];
    if (list.length === 0) throw new Error(`stand-in: no ${kind} provider is registered`);
    return list[list.length - 1]!.provider as T;
  },
  /** Every diagnostic the extension set for the document, across its collections. */
  diagnostics(document: StandInDocument): Diagnostic[] {
    return editorState.diagnostics.flatMap((c) => [...(c.get(document.uri) ?? [])]);
  },
  token(): vscode.CancellationToken {
    return new CancellationTokenSource().token;
  },
};

// ---- run and debug: trust, workspace folders, debug and task providers, terminals -------------------

export enum TaskScope {
  Global = 1,
  Workspace = 2,
}

export class CustomExecution {
  constructor(
    readonly callback: (resolvedDefinition: vscode.TaskDefinition) => Thenable<vscode.Pseudoterminal>,
  ) {}
}

export class Task {
  constructor(
    public definition: vscode.TaskDefinition,
    public scope: vscode.WorkspaceFolder | TaskScope,
    public name: string,
    public source: string,
    public execution?: CustomExecution,
  ) {}
}

/** A terminal the extension created: what its pseudoterminal wrote (as VS Code shows it) and how it ended. */
export interface StandInTerminal {
  name: string;
  pty: vscode.Pseudoterminal;
  output(): string;
  /** Resolves with the exit code the pseudoterminal reported when it closed. */
  exited: Promise<number | void>;
  /** Types into the terminal. */
  type(text: string): void;
}

const runState = {
  /** vscode.workspace.isTrusted: false is Restricted Mode. */
  trusted: true,
  workspaceFolders: [] as vscode.WorkspaceFolder[],
  /** vscode.workspace.workspaceFile: the .code-workspace file of a multi-root window. */
  workspaceFile: undefined as Uri | undefined,
  /** What workspace.findFiles answers. */
  files: [] as Uri[],
  debugProviders: [] as { type: string; provider: vscode.DebugConfigurationProvider }[],
  debugTrackerFactories: [] as { type: string; factory: vscode.DebugAdapterTrackerFactory }[],
  taskProviders: [] as { type: string; provider: vscode.TaskProvider }[],
  terminals: [] as StandInTerminal[],
};

function resetRunState(): void {
  runState.trusted = true;
  runState.workspaceFolders = [];
  runState.workspaceFile = undefined;
  runState.files = [];
  runState.debugProviders = [];
  runState.debugTrackerFactories = [];
  runState.taskProviders = [];
  runState.terminals = [];
}

/** The test's handle on trust, folders, providers and terminals. */
export const runStandIn = {
  state: runState,
  /** Makes `folder` the workspace's one folder. */
  openFolder(folder: string): vscode.WorkspaceFolder {
    const workspaceFolder = { uri: Uri.file(folder), name: folder.split("/").pop() ?? folder, index: 0 };
    runState.workspaceFolders = [workspaceFolder as unknown as vscode.WorkspaceFolder];
    return runState.workspaceFolders[0]!;
  },
  /** Ends a debug session as VS Code does when it stops: onDidTerminateDebugSession fires. */
  endDebugSession(session: vscode.DebugSession): void {
    debugSessionEnded.fire(session);
  },
};

/** Opens the pseudoterminal at once, as VS Code does when the terminal is created. */
function createTerminal(options: vscode.ExtensionTerminalOptions): vscode.Terminal {
  const chunks: string[] = [];
  const { pty } = options;
  pty.onDidWrite((text) => chunks.push(text));
  const exited = new Promise<number | void>((resolve) => pty.onDidClose?.((code) => resolve(code)));
  runState.terminals.push({
    name: options.name,
    pty,
    output: () => chunks.join(""),
    exited,
    type: (text) => pty.handleInput?.(text),
  });
  pty.open(undefined);
  return {
    name: options.name,
    show: () => undefined,
    dispose: () => pty.close(),
  } as unknown as vscode.Terminal;
}

const runWorkspace = {
  findFiles: (async () => [...runState.files]) as unknown as typeof vscode.workspace.findFiles,
  getWorkspaceFolder: ((uri: Uri) =>
    runState.workspaceFolders.find((f) =>
      uri.fsPath.startsWith(`${f.uri.fsPath}/`),
    )) as unknown as typeof vscode.workspace.getWorkspaceFolder,
  asRelativePath: ((uri: Uri | string) => {
    const path = typeof uri === "string" ? uri : uri.fsPath;
    const folder = runState.workspaceFolders.find((f) => path.startsWith(`${f.uri.fsPath}/`));
    return folder ? path.slice(folder.uri.fsPath.length + 1) : path;
  }) as typeof vscode.workspace.asRelativePath,
};

const debugSessionEnded = new EventEmitter<vscode.DebugSession>();

export const debug = {
  registerDebugConfigurationProvider: (type: string, provider: vscode.DebugConfigurationProvider) => {
    const entry = { type, provider };
    runState.debugProviders.push(entry);
    return new Disposable(() => runState.debugProviders.splice(runState.debugProviders.indexOf(entry), 1));
  },
  registerDebugAdapterTrackerFactory: (type: string, factory: vscode.DebugAdapterTrackerFactory) => {
    const entry = { type, factory };
    runState.debugTrackerFactories.push(entry);
    return new Disposable(() =>
      runState.debugTrackerFactories.splice(runState.debugTrackerFactories.indexOf(entry), 1),
    );
  },
  onDidTerminateDebugSession: debugSessionEnded.event,
} satisfies Partial<Record<keyof typeof vscode.debug, unknown>>;

export const tasks = {
  registerTaskProvider: (type: string, provider: vscode.TaskProvider) => {
    const entry = { type, provider };
    runState.taskProviders.push(entry);
    return new Disposable(() => runState.taskProviders.splice(runState.taskProviders.indexOf(entry), 1));
  },
} satisfies Partial<Record<keyof typeof vscode.tasks, unknown>>;

// ---- workspace, env, commands ----------------------------------------------------------------------

/** Settings the manifest scopes to the machine or the application: VS Code never reads them from a workspace. */
const userOnlyScopes = new Set(["machine", "application"]);
const userOnlyKeys = new Set(
  Object.entries(
    (
      JSON.parse(
        readFileSync(new URL("../../../vscode-extension/package.json", import.meta.url), "utf8"),
      ) as {
        contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      }
    ).contributes.configuration.properties,
  )
    .filter(([, property]) => userOnlyScopes.has(property.scope ?? ""))
    .map(([key]) => key),
);

function getConfiguration(section?: string): vscode.WorkspaceConfiguration {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  const workspaceValues = (key: string) =>
    userOnlyKeys.has(key) ? new Map<string, unknown>() : state.workspaceSettings;
  const layers = (key: string) => [workspaceValues(key), state.settings];
  return {
    get: <T>(key: string, defaultValue?: T) => {
      const layer = layers(full(key)).find((values) => values.has(full(key)));
      return (layer ? layer.get(full(key)) : defaultValue) as T;
    },
    has: (key: string) => layers(full(key)).some((values) => values.has(full(key))),
    inspect: <T>(key: string): ReturnType<vscode.WorkspaceConfiguration["inspect"]> =>
      layers(full(key)).some((values) => values.has(full(key)))
        ? {
            key: full(key),
            globalValue: state.settings.get(full(key)) as T | undefined,
            workspaceValue: workspaceValues(full(key)).get(full(key)) as T | undefined,
          }
        : undefined,
    update: async (key: string, value: unknown) => {
      if (value === undefined) state.settings.delete(full(key));
      else state.settings.set(full(key), value);
      configurationChanged.fire({ affectsConfiguration: (s: string) => full(key).startsWith(s) });
    },
  } as unknown as vscode.WorkspaceConfiguration;
}

/** workspace.fs over the disk, for file: URIs (what the extension reads of a workspace's own files). */
const workspaceFs = {
  stat: async (uri: Uri) => {
    const info = await stat(uri.fsPath);
    return {
      type: info.isFile() ? FileType.File : info.isDirectory() ? FileType.Directory : FileType.Unknown,
      size: info.size,
      ctime: info.ctimeMs,
      mtime: info.mtimeMs,
    };
  },
  readFile: async (uri: Uri) => new Uint8Array(await readFile(uri.fsPath)),
};

const trustGranted = new EventEmitter<void>();

export const workspace = {
  getConfiguration: getConfiguration as typeof vscode.workspace.getConfiguration,
  onDidChangeConfiguration: configurationChanged.event,
  onDidGrantWorkspaceTrust: trustGranted.event as vscode.Event<void>,
  ...documentWorkspace,
  ...runWorkspace,
  // Getters here, not in a spread object (spreading reads them once).
  get isTrusted(): boolean {
    return runState.trusted;
  },
  get workspaceFolders(): readonly vscode.WorkspaceFolder[] | undefined {
    return runState.workspaceFolders.length > 0 ? runState.workspaceFolders : undefined;
  },
  get workspaceFile(): vscode.Uri | undefined {
    return runState.workspaceFile as vscode.Uri | undefined;
  },
  fs: workspaceFs as unknown as typeof vscode.workspace.fs,
} satisfies Partial<Record<keyof typeof vscode.workspace, unknown>>;

export const env = {
  clipboard: {
    readText: async () => state.clipboard,
    writeText: async (value: string) => {
      state.clipboard = value;
    },
  },
  get uiKind() {
    return state.uiKind;
  },
  get remoteName() {
    return state.remoteName;
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
