// What a watch knows of a metadata folder, by path: items and problems, updated one changed path
// at a time and turned into an answer (duplicates reported as a full load reports them).
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { performance } from "node:perf_hooks";
import type { ItemSummary } from "../types.js";
import { METADATA_CATEGORIES } from "./categories.js";
import { parseMetadataText } from "./parseMetadataText.js";
import { METADATA_FILE_SUFFIX } from "./paths.js";
import { describeIgnored } from "./readMetadataFile.js";
import { SLICE_MS, yieldToLoop } from "./slices.js";
import type { LoadMetadataResult, MetadataProblem } from "./types.js";

/** Items put in the maps between two looks at the clock (a fraction of a millisecond). */
const FILL_CHUNK = 1024;

export class MetadataState {
  private readonly items = new Map<string, ItemSummary>();
  private readonly problems = new Map<string, string>();
  /**
   * The last whole answer, not yet put in the maps: 50,000 items keyed by path and answered again
   * at once stalled the host for ~100 ms, and nothing needs the maps until a path is read again.
   */
  private whole: LoadMetadataResult | undefined;

  constructor(
    private readonly root: string,
    private readonly maxFileBytes: number,
    /** A folder found while reading changes (Linux watches each folder). */
    private readonly onFolder: (dir: string) => void,
    /** A path that is gone: its folder watchers go too. */
    private readonly onGone: (path: string) => void,
  ) {}

  /**
   * Replaces everything known with a whole answer (a load's, or the check after a stale one).
   * It is taken into the maps when first needed: in slices by readPath, at once by answer.
   */
  replaceAll(result: LoadMetadataResult): void {
    this.items.clear();
    this.problems.clear();
    this.whole = result;
  }

  /** Takes the whole answer into the maps, FILL_CHUNK items at a time; done when it answers true. */
  private fill(whole: LoadMetadataResult, from: number): number {
    const end = Math.min(from + FILL_CHUNK, whole.items.length);
    for (let i = from; i < end; i++) {
      const item = whole.items[i] as ItemSummary;
      if (item.path) this.items.set(item.path, item);
    }
    if (end === whole.items.length) {
      for (const problem of whole.problems) this.problems.set(problem.path, problem.reason);
      this.whole = undefined;
    }
    return end;
  }

  private fillAtOnce(): void {
    const whole = this.whole;
    for (let at = 0; this.whole === whole && whole !== undefined;) at = this.fill(whole, at);
  }

  /** Takes the whole answer into the maps in slices of SLICE_MS, letting the host run between them. */
  private async fillInSlices(signal: AbortSignal): Promise<void> {
    const whole = this.whole;
    let at = 0;
    // Until filled, or replaced meanwhile (the new answer is taken in when next needed).
    while (whole !== undefined && this.whole === whole) {
      const end = performance.now() + SLICE_MS;
      // At least one chunk a slice: a thread starved for longer than a slice still moves on.
      do at = this.fill(whole, at);
      while (this.whole === whole && performance.now() < end);
      if (this.whole !== whole) return;
      await yieldToLoop();
      signal.throwIfAborted();
    }
  }

  /** The answer: items in the order known, a second file for the same item reported instead. */
  answer(): LoadMetadataResult {
    this.fillAtOnce();
    const seen = new Map<string, string>();
    const list: ItemSummary[] = [];
    const problemList: MetadataProblem[] = [];
    for (const [path, reason] of this.problems) problemList.push({ path, reason });
    for (const [path, item] of this.items) {
      const key = item.vaultId.toLowerCase() + "/" + item.id.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) {
        problemList.push({
          path,
          reason: `Skipped: item ${item.id} of vault ${item.vaultId} is already read from ${other}.`,
        });
        continue;
      }
      seen.set(key, path);
      list.push(item);
    }
    return { items: list, problems: problemList };
  }

  /** Reads one changed path again: a file, a folder (everything in it), or nothing any more. */
  async readPath(path: string, signal: AbortSignal): Promise<void> {
    const name = basename(path);
    if (name.startsWith(".")) return;
    await this.fillInSlices(signal);
    let info;
    try {
      info = await stat(path);
    } catch {
      this.forget(path);
      return;
    }
    this.forget(path);
    if (info.isDirectory()) await this.readFolder(path, name, signal);
    else await this.readFile(path, name, info.size, signal);
  }

  private async readFolder(path: string, name: string, signal: AbortSignal): Promise<void> {
    if (name.endsWith(METADATA_FILE_SUFFIX)) {
      this.problems.set(path, "A folder named like an item file; only files hold items.");
      return;
    }
    if (relative(this.root, path).split(sep).length > 3) return;
    this.onFolder(path);
    for (const entry of await readdir(path)) await this.readPath(join(path, entry), signal);
  }

  private async readFile(path: string, name: string, size: number, signal: AbortSignal): Promise<void> {
    if (!name.endsWith(METADATA_FILE_SUFFIX)) {
      this.problems.set(
        path,
        `Not a 1Password item file (their names end in ${METADATA_FILE_SUFFIX}); skipped.`,
      );
      return;
    }
    const max = this.maxFileBytes;
    if (size > max) {
      this.problems.set(
        path,
        `The file is ${(size / 1048576).toFixed(1)} MiB, over the ${max / 1048576} MiB a metadata file can be; it was not read.`,
      );
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path, { signal });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT") return;
      if (code === "ABORT_ERR") throw error;
      this.problems.set(
        path,
        `The file could not be read: ${code === "EACCES" ? "permission denied" : code}.`,
      );
      return;
    }
    const text =
      bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe
        ? bytes.toString("utf16le", 2)
        : bytes.toString("utf8");
    const parsed = parseMetadataText(text, path, METADATA_CATEGORIES);
    if ("reason" in parsed) this.problems.set(path, parsed.reason);
    else {
      this.items.set(path, parsed.item);
      if (parsed.ignored.length) this.problems.set(path, describeIgnored(parsed.ignored));
    }
  }

  /**
   * Forgets a path and everything under it. A path that held an item is a file, with nothing under it, so only a
   * folder or an unknown path walks the keys: an edit at 50k items costs a lookup, not a scan.
   */
  private forget(path: string): void {
    const wasItemFile = this.items.delete(path);
    this.problems.delete(path);
    if (!wasItemFile) {
      const prefix = path + sep;
      for (const map of [this.items, this.problems] as const) {
        for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
      }
    }
    this.onGone(path);
  }
}
