// The extension's one log channel; components tag their lines with [component] so one channel stays readable.
import type * as vscode from "vscode";

export type Log = Pick<vscode.LogOutputChannel, "trace" | "debug" | "info" | "warn" | "error">;

/** A logger whose lines start with `[component]`. Callers never pass tokens or secret values. */
export function tagLog(log: Log, component: string): Log {
  const tag = `[${component}]`;
  return {
    trace: (message, ...args) => log.trace(`${tag} ${message}`, ...args),
    debug: (message, ...args) => log.debug(`${tag} ${message}`, ...args),
    info: (message, ...args) => log.info(`${tag} ${message}`, ...args),
    warn: (message, ...args) => log.warn(`${tag} ${message}`, ...args),
    error: (error, ...args) =>
      log.error(typeof error === "string" ? `${tag} ${error}` : `${tag} ${errorMessage(error)}`, ...args),
  };
}

/** A message fit for a person: the error's message, never its stack or cause (which may hold request details). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when the work was cancelled by the user: cancellation is never shown as an error. */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AbortError" || error.name === "Canceled" || error.name === "CancellationError")
  );
}
