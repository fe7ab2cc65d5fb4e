// Work on the caller's thread runs in slices of a couple of milliseconds, letting the host's
// other work run between them.
import { performance } from "node:perf_hooks";

/** The longest the caller's thread works before it lets its other work run. */
export const SLICE_MS = 2;

/** Lets everything queued on the event loop run (I/O callbacks and timers included). */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** …except the first slice of a load, long enough for a small folder (1,000 files) to be read at once. */
const FIRST_SLICE_MS = 10;
/**
 * Past this many files found, the first slice ends as the others do: the folder cannot be read
 * in one slice anyway, and a young-generation GC landing in a 10 ms slice stalls twice as long.
 */
const FIRST_SLICE_MAX_FILES = 1500;

/** A load's slices: a longer first one, then SLICE_MS each (also for writing the cache). */
export class LoadSlices {
  private start = 0;
  private end = performance.now() + SLICE_MS;

  beginFirst(): void {
    this.start = performance.now();
    this.end = this.start + FIRST_SLICE_MS;
  }

  beginNext(): void {
    this.start = performance.now();
    this.end = this.start + SLICE_MS;
  }

  /** A big folder cannot be read in the first slice anyway: it ends as the others do. */
  endFirstEarly(filesFound: number): void {
    if (filesFound > FIRST_SLICE_MAX_FILES) this.end = Math.min(this.end, this.start + SLICE_MS);
  }

  due(): boolean {
    return performance.now() >= this.end;
  }

  /** For the cache writer: yields once the slice is used up, then starts the next. */
  readonly pause = (): Promise<void> | undefined => {
    if (performance.now() < this.end) return undefined;
    return yieldToLoop().then(() => void (this.end = performance.now() + SLICE_MS));
  };
}
