// Work on the caller's thread runs in slices of a couple of milliseconds, letting the host's
// other work run between them.
import { performance } from "node:perf_hooks";

/** The longest the caller's thread works before it lets its other work run. */
export const SLICE_MS = 2;

/** Lets everything queued on the event loop run (I/O callbacks and timers included). */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Ends a slice after SLICE_MS: `due()` says when, `pause()` yields and starts the next. */
export class SliceClock {
  private end = performance.now() + SLICE_MS;

  due(): boolean {
    return performance.now() >= this.end;
  }

  /** Yields if the slice is used up (checking the signal after); otherwise goes straight on. */
  async pauseIfDue(signal?: AbortSignal): Promise<void> {
    if (!this.due()) return;
    await yieldToLoop();
    signal?.throwIfAborted();
    this.end = performance.now() + SLICE_MS;
  }
}
