// File system watchers over a metadata folder: macOS and Windows watch a whole tree with one
// watcher; Linux needs one per folder, added as vault folders appear and closed as they go.
import { watch, type FSWatcher } from "node:fs";
import { join, sep } from "node:path";

export const RECURSIVE_WATCH = process.platform === "darwin" || process.platform === "win32";

export class FolderWatchers {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly root: string,
    /** A path changed (a file or folder named by the event, or the watched folder itself). */
    private readonly onPath: (path: string) => void,
    /** The root's watcher failed: worth telling. */
    private readonly onRootError: (error: unknown) => void,
  ) {}

  /** Watches a folder (once); a failure to start is reported as the root's. */
  watch(dir: string): void {
    if (this.closed || this.watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { recursive: RECURSIVE_WATCH, persistent: false }, (_event, name) => {
        this.onPath(name ? join(dir, name.toString()) : dir);
      });
      watcher.on("error", (error) => {
        watcher.close();
        this.watchers.delete(dir);
        // A vault folder going away is an ordinary change; the root going away is worth telling.
        if (dir === this.root) this.onRootError(error);
        else this.onPath(dir);
      });
      this.watchers.set(dir, watcher);
    } catch (error) {
      this.onRootError(error);
    }
  }

  /** Stops watching a folder that is gone and every folder under it (never the root). */
  forget(path: string): void {
    const prefix = path + sep;
    for (const [dir, watcher] of this.watchers) {
      if (dir !== this.root && (dir === path || dir.startsWith(prefix))) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
