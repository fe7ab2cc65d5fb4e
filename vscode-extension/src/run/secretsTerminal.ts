// A terminal that runs one process with secrets in its environment and masks their values in what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { createSecretMasker } from "@op-bridge/shared";
import * as vscode from "vscode";
import { errorMessage, isCancellation } from "../log.js";
import type { PreparedRun } from "./runSecrets.js";

/** What to run: a command line through the shell, or a program with its arguments. */
export interface ProcessSpec {
  command: string;
  /** Given: the program runs without a shell, each argument as is. Absent: `command` is a shell command line. */
  args?: readonly string[];
  cwd?: string;
}

export interface SecretsTerminalOptions {
  process: ProcessSpec;
  /** Resolves the environment when the terminal opens (trust, consent, references). */
  prepare(token: vscode.CancellationToken): Promise<PreparedRun>;
  /** Told why the process did not start (shown as a notification with its fix). */
  onFailure(error: unknown): void;
}

const red = (text: string) => `\u001b[31m${text}\u001b[0m`;
const dim = (text: string) => `\u001b[2m${text}\u001b[0m`;
const toTerminal = (text: string) => text.replace(/\r?\n/g, "\r\n");

/**
 * A pseudoterminal: its environment exists only in this process's memory (no EnvironmentVariableCollection,
 * nothing VS Code could persist). Output goes through a masker per stream, so resolved values print as
 * `<concealed by 1Password>`; the process is told to keep its colours, since it writes to a pipe.
 */
export class SecretsPseudoterminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private readonly cancellation = new vscode.CancellationTokenSource();
  private child: ChildProcess | undefined;
  /** Closed by the user or finished: nothing more starts. */
  private ended = false;
  private exitReported = false;

  constructor(private readonly options: SecretsTerminalOptions) {}

  open(): void {
    const { command, args } = this.options.process;
    this.write(dim(`> ${[command, ...(args ?? [])].join(" ")}\n`));
    this.options.prepare(this.cancellation.token).then(
      (prepared) => this.start(prepared),
      (error: unknown) => {
        if (!isCancellation(error)) {
          this.write(red(`${errorMessage(error)}\n`));
          this.options.onFailure(error);
        }
        this.end(1);
      },
    );
  }

  handleInput(data: string): void {
    if (!this.child) return;
    if (data === "\u0003") {
      this.child.kill("SIGINT");
      return;
    }
    // A pipe has no line discipline: echo what is typed and hand Enter on as a newline.
    this.write(data.replace(/\r/g, "\n"));
    this.child.stdin?.write(data.replace(/\r/g, "\n"));
  }

  close(): void {
    this.cancellation.cancel();
    this.child?.kill();
    this.ended = true;
  }

  private start(prepared: PreparedRun): void {
    if (this.ended) return;
    const { command, args, cwd } = this.options.process;
    const env: NodeJS.ProcessEnv = { ...process.env, ...prepared.env };
    if (env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = "1";
    const child = spawn(command, [...(args ?? [])], { cwd, env, shell: args === undefined, stdio: "pipe" });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      const masker = createSecretMasker(prepared.secrets);
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => this.write(masker.write(chunk)));
      stream.on("end", () => this.write(masker.flush()));
    }
    child.on("error", (error) => {
      this.write(red(`${command} could not be started: ${errorMessage(error)}\n`));
      this.end(1);
    });
    child.on("close", (code, signal) => {
      this.write(dim(`\n${signal ? `Stopped by ${signal}` : `Exited with code ${code ?? 0}`}\n`));
      this.end(code ?? 1);
    });
  }

  private write(text: string): void {
    if (text) this.written.fire(toTerminal(text));
  }

  private end(code: number): void {
    if (this.exitReported) return;
    this.exitReported = true;
    this.ended = true;
    this.child = undefined;
    this.closed.fire(code);
  }
}
