// A value that a pushed view follows. Raycast shows a pushed view from the element it was given, so
// props passed at push time never change afterwards; the view subscribes to this instead.
export interface LatestValue<T> {
  get(): T;
  set(value: T): void;
  /** Calls the listener after each change; answers the unsubscribe (useSyncExternalStore's shape). */
  subscribe(listener: () => void): () => void;
}

export function createLatestValue<T>(initial: T): LatestValue<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(value) {
      if (value === current) return;
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
