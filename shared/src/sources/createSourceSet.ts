// The merge, the snapshot and the problems list of every source, once for both extensions: each source is
// read (or watched) on its own, so one that fails or hangs never empties or holds up the others.
import { abortable, isAbortError } from "./abortable.js";
import { buildSnapshot, type SourceState } from "./buildSnapshot.js";
import { describeSourceFailure } from "./describeSourceFailure.js";
import type { Source, SourceProblem, SourceResult, SourcesSnapshot } from "./types.js";

export interface SourceSetOptions {
  /** Configured sources that could not be built (no token stored, a URL that cannot be used). */
  setupProblems?: readonly SourceProblem[];
  /** Watch the sources that can be watched (a list kept open); default: read once, again on refresh. */
  live?: boolean;
  /** Each new failure, with its error, for the host's log or toast. Cancellation is never one. */
  onProblem?: (problem: SourceProblem, error: unknown) => void;
}

export interface SourceSet {
  readonly sources: readonly Source[];
  readonly setupProblems: readonly SourceProblem[];
  /** What is known now; the same object until something changes. Does not start reading. */
  snapshot(): SourcesSnapshot;
  /** Starts reading (once) and answers when every source has answered or failed. */
  settled(signal?: AbortSignal): Promise<SourcesSnapshot>;
  /** Calls `listener` after every change; starts reading. Answers the unsubscribe (useSyncExternalStore's shape). */
  subscribe(listener: () => void): () => void;
  /** Reads one source again, or every source; their last items stay until the new answer. */
  refresh(sourceId?: string): void;
  /** Stops every read and watch and closes the sources' connections. */
  close(): Promise<void>;
}

interface Run {
  state: SourceState;
  controller?: AbortController;
  watch?: { close(): void };
}

export function createSourceSet(sources: readonly Source[], options: SourceSetOptions = {}): SourceSet {
  const setupProblems = [...(options.setupProblems ?? [])];
  const runs: Run[] = sources.map((source) => ({
    state: { source, items: [], fileProblems: [], loading: true },
  }));
  const listeners = new Set<() => void>();
  let waiters: ((snapshot: SourcesSnapshot) => void)[] = [];
  let current: SourcesSnapshot | undefined;
  let started = false;
  let closed = false;

  const snapshot = () =>
    (current ??= buildSnapshot(
      runs.map((run) => run.state),
      setupProblems,
    ));

  function update(run: Run, next: Partial<SourceState>): void {
    run.state = { ...run.state, ...next };
    current = undefined;
    for (const listener of [...listeners]) listener();
    if (waiters.length > 0 && runs.every((r) => !r.state.loading)) {
      const settledWaiters = waiters;
      waiters = [];
      const value = snapshot();
      for (const resolve of settledWaiters) resolve(value);
    }
  }

  function start(run: Run): void {
    run.controller?.abort();
    run.watch?.close();
    const controller = new AbortController();
    run.controller = controller;
    run.watch = undefined;
    if (!run.state.loading) update(run, { loading: true });
    const { source } = run.state;
    let answered = false;
    const accept = (result: SourceResult) => {
      if (controller.signal.aborted) return;
      // A stale answer is shown at once, but only a read of the source ends its loading.
      if (!result.stale) answered = true;
      update(run, {
        items: result.items,
        fileProblems: result.fileProblems ?? [],
        problem: undefined,
        loading: !answered,
      });
    };
    const fail = (error: unknown) => {
      if (controller.signal.aborted) return;
      // A watched source that already answered keeps its items through a failed re-read.
      if (answered) return;
      if (isAbortError(error)) return update(run, { loading: false });
      const problem = describeSourceFailure(source, error);
      options.onProblem?.(problem, error);
      update(run, { items: [], fileProblems: [], problem, loading: false });
    };
    if (options.live && source.watch) {
      run.watch = source.watch({ onResult: accept, onError: fail });
    } else {
      source.load(controller.signal).then(accept, fail);
    }
  }

  function ensureStarted(): void {
    if (started || closed) return;
    started = true;
    for (const run of runs) start(run);
  }

  return {
    sources,
    setupProblems,
    snapshot,
    settled(signal) {
      ensureStarted();
      if (closed || runs.every((run) => !run.state.loading)) return Promise.resolve(snapshot());
      return abortable(new Promise<SourcesSnapshot>((resolve) => waiters.push(resolve)), signal);
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureStarted();
      return () => listeners.delete(listener);
    },
    refresh(sourceId) {
      if (!started || closed) return;
      for (const run of runs) if (sourceId === undefined || run.state.source.id === sourceId) start(run);
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      for (const run of runs) {
        run.controller?.abort();
        run.watch?.close();
      }
      const pending = waiters;
      waiters = [];
      for (const resolve of pending) resolve(snapshot());
      await Promise.all(sources.map((source) => source.close?.()));
    },
  };
}
