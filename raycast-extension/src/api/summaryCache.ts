// Remembers the item summaries each Connect and SDK source gave last time, so the next launch lists them at
// once and the source's answer then updates the rows in place. A summary is what a row shows and what its
// actions route by (title, vault, account, category, URLs, IDs): never a field value, a username or a token.
// One file per source configuration, 0600, in the extension's support folder.
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ItemSummary, Source, SourceResult } from "@op-bridge/shared";

const FILE_PREFIX = "summaries-";
const FORMAT = 1;
let writes = 0;

/** The fields a remembered row keeps; everything else an item carries (its description, its file) is left out. */
const KEPT_FIELDS = [
  "id",
  "vaultId",
  "vaultName",
  "accountName",
  "accountId",
  "title",
  "categoryId",
  "category",
  "categoryPlural",
  "urls",
  "createdAt",
  "modifiedAt",
  "source",
  "tags",
  "favorite",
  "app",
] as const satisfies readonly (keyof ItemSummary)[];

interface SummaryFile {
  format: typeof FORMAT;
  key: string;
  items: ItemSummary[];
}

export interface SummaryCacheOptions {
  /** The extension's support folder. */
  folder: string;
  /** summaryCacheKey of the source's configuration: another server, account or token reads another file. */
  key: string;
}

/**
 * The configuration's cache key: a hash of what identifies it (kind, server URL, account, token), so a file
 * name tells nothing about the token and a changed setting never shows the old setting's items.
 */
export function summaryCacheKey(configuration: readonly string[]): string {
  return createHash("sha256").update(configuration.join("\0")).digest("hex").slice(0, 32);
}

const fileOf = ({ folder, key }: SummaryCacheOptions) => join(folder, `${FILE_PREFIX}${key}.json`);

/**
 * The source, watched: its remembered summaries first (stale, so it still counts as loading), then each read's
 * answer, which is remembered in turn. A failed read drops the remembered rows and shows the source's problem:
 * rows whose actions cannot work until the source answers again would promise what they cannot do.
 */
export function withSummaryCache(source: Source, options: SummaryCacheOptions): Source {
  return {
    ...source,
    watch(listener) {
      const controller = new AbortController();
      let answered = false;
      void readSummaries(options).then((items) => {
        if (items && !answered && !controller.signal.aborted) listener.onResult({ items, stale: true });
      });
      source.load(controller.signal).then(
        (result: SourceResult) => {
          answered = true;
          listener.onResult(result);
          void writeSummaries(options, result.items);
        },
        (error: unknown) => {
          answered = true;
          listener.onError(error);
        },
      );
      return { close: () => controller.abort() };
    },
  };
}

/** The remembered summaries of this configuration, or undefined when there are none (or they are unreadable). */
export async function readSummaries(options: SummaryCacheOptions): Promise<ItemSummary[] | undefined> {
  try {
    const parsed = JSON.parse(await readFile(fileOf(options), "utf8")) as Partial<SummaryFile>;
    if (parsed.format !== FORMAT || parsed.key !== options.key || !Array.isArray(parsed.items))
      return undefined;
    return parsed.items;
  } catch {
    return undefined;
  }
}

async function writeSummaries(options: SummaryCacheOptions, items: readonly ItemSummary[]): Promise<void> {
  const file: SummaryFile = { format: FORMAT, key: options.key, items: items.map(keptFieldsOf) };
  const target = fileOf(options);
  // Unique per write: two answers of one source written at once never share a temporary file.
  const temporary = `${target}.${process.pid}.${++writes}.tmp`;
  try {
    await mkdir(options.folder, { recursive: true, mode: 0o700 });
    // Written whole, then renamed: a command opened meanwhile reads the old list or the new, never half.
    await writeFile(temporary, JSON.stringify(file), { mode: 0o600 });
    await rename(temporary, target);
  } catch {
    // A cache that cannot be written only costs the next launch its head start.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

function keptFieldsOf(item: ItemSummary): ItemSummary {
  const kept: Record<string, unknown> = {};
  for (const field of KEPT_FIELDS) if (item[field] !== undefined) kept[field] = item[field];
  return kept as unknown as ItemSummary;
}

/** Removes the files of configurations no longer set (a removed token's items must not stay on disk). */
export async function forgetOtherSummaries(folder: string, keep: readonly string[]): Promise<void> {
  const kept = new Set(keep.map((key) => `${FILE_PREFIX}${key}.json`));
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(FILE_PREFIX) && name.endsWith(".json") && !kept.has(name))
      .map((name) => rm(join(folder, name), { force: true }).catch(() => undefined)),
  );
}
