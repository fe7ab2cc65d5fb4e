// Runs cancellable work and shows a progress notification only when it takes longer than a moment.
import * as vscode from "vscode";
import { inert } from "../notice.js";
import { CancelledError } from "../commands/run.js";

/** How long work runs before its notification appears: most launches read their secrets faster. */
export const progressDelayMs = 500;

/**
 * Runs `work` with a signal that aborts when `token` (the launch's) is cancelled or the notification's
 * Cancel button is pressed. The notification appears after `delayMs` if the work is still running.
 */
export async function withDelayedProgress<T>(
  title: string,
  work: (signal: AbortSignal) => Promise<T>,
  options: { token?: vscode.CancellationToken; delayMs?: number } = {},
): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort(new CancelledError());
  const subscription = options.token?.onCancellationRequested(cancel);
  if (options.token?.isCancellationRequested) cancel();
  let finished = false;
  const running = work(controller.signal).finally(() => (finished = true));
  const timer = setTimeout(() => {
    if (finished) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: inert(title), cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(cancel);
        return running.catch(() => undefined);
      },
    );
  }, options.delayMs ?? progressDelayMs);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
    subscription?.dispose();
  }
}
