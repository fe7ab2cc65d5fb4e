// Runs a command's work: errors become one clear notification, cancellation stays silent.
import * as vscode from "vscode";
import { errorMessage, isCancellation, type Log } from "../log.js";
import { inert } from "../notice.js";

/** Thrown by a step the user backed out of (Escape in a picker): ends the command quietly. */
export class CancelledError extends Error {
  override readonly name = "CancellationError";
  constructor() {
    super("Cancelled");
  }
}

/** Wraps a command handler so no failure escapes unreported and no cancellation is reported. */
export function guard<A extends unknown[]>(
  log: Log,
  name: string,
  work: (...args: A) => Promise<unknown>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await work(...args);
    } catch (error) {
      if (isCancellation(error)) {
        log.debug(`${name}: cancelled`);
        return;
      }
      const message = errorMessage(error);
      log.error(`${name}: ${message}`);
      // An error can hold a server's words or an item title: never a link.
      void vscode.window.showErrorMessage(inert(message));
    }
  };
}

/** Runs `task` under a notification with a Cancel button; cancelling aborts its signal. */
export function withNotificationProgress<T>(
  title: string,
  task: (signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: inert(title), cancellable: true },
    (_progress, token) => task(signalFor(token)),
  );
}

/** An AbortSignal that aborts when the cancellation token is cancelled. */
export function signalFor(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort(new CancelledError());
  else token.onCancellationRequested(() => controller.abort(new CancelledError()));
  return controller.signal;
}
