// Reads and parses one metadata file with synchronous calls and a reused buffer, on whichever
// thread claims it (the caller's, in short slices, or the reader's worker, as source text), and
// packs an item into the compact row that both the worker's messages and the index cache use.
// Each function here refers only to its arguments, so it can be embedded as source text.
import type * as Fs from "node:fs";
import type { ItemSummary } from "../types.js";
import type { CategoryTable, ParsedMetadata, parseMetadataText } from "./parseMetadataText.js";

/** What one file gave: the parse result, or why it could not be read (then not cached). */
export type FileOutcome = ParsedMetadata | { unreadable: string };

export interface MetadataFileReader {
  /** Size and modification time of the last file read with `withStat` (NaN otherwise). */
  size: number;
  mtime: number;
  load(path: string, withStat: boolean): FileOutcome;
  /** A person's words for a file system error ("permission denied", …). */
  describeError(error: unknown): string;
}

/** A string table: the same text gets the same number (-1 for none). */
export interface RowStrings {
  index(value: string | undefined): number;
}

/** Fields of a packed item (see encodeMetadataRow). */
export const ITEM_ROW_LENGTH = 15;

/**
 * A reader of metadata files. Without `withStat` it opens, reads once into a 64 KiB buffer and
 * closes: on a regular file a read shorter than asked is its end, and a file that still fails
 * to parse is read again the careful way (fstat, read to the size) before it is reported.
 */
export function createMetadataFileReader(
  fs: typeof Fs,
  parse: typeof parseMetadataText,
  categories: CategoryTable,
  maxFileBytes: number,
  shapes?: unknown[],
): MetadataFileReader {
  const r = {
    size: NaN,
    mtime: NaN,
    buffer: Buffer.allocUnsafe(64 * 1024),
    tooLarge(size: number): string {
      return `The file is ${(size / 1048576).toFixed(1)} MiB, over the ${maxFileBytes / 1048576} MiB a metadata file can be; it was not read.`;
    },
    describeError(error: unknown): string {
      const e = error as { code?: string; message?: string };
      if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
      if (e.code === "ENOENT") return "it was removed while being read";
      return e.code ?? e.message ?? String(error);
    },
    /** The file's text, or a reason it was not read (too large). */
    readText(path: string, withStat: boolean): string | { reason: string } {
      const fd = fs.openSync(path, "r");
      try {
        let size = -1;
        if (withStat) {
          const stat = fs.fstatSync(fd);
          r.size = stat.size;
          r.mtime = stat.mtimeMs;
          size = stat.size;
          if (size > maxFileBytes) return { reason: r.tooLarge(size) };
          if (r.buffer.length <= size) r.buffer = Buffer.allocUnsafe(size + 1);
        } else {
          r.size = NaN;
          r.mtime = NaN;
        }
        let length = 0;
        for (;;) {
          if (length === r.buffer.length) {
            if (length > maxFileBytes) return { reason: r.tooLarge(fs.fstatSync(fd).size) };
            const bigger = Buffer.allocUnsafe(r.buffer.length * 2);
            r.buffer.copy(bigger, 0, 0, length);
            r.buffer = bigger;
          }
          const n = fs.readSync(fd, r.buffer, length, r.buffer.length - length, null);
          if (n === 0) break;
          length += n;
          if (size === -1 ? length < r.buffer.length : length >= size) break;
        }
        const b = r.buffer;
        return length >= 2 && b[0] === 0xff && b[1] === 0xfe
          ? b.toString("utf16le", 2, length)
          : b.toString("utf8", 0, length);
      } finally {
        fs.closeSync(fd);
      }
    },
    load(path: string, withStat: boolean): FileOutcome {
      try {
        let text = r.readText(path, withStat);
        if (typeof text !== "string") return text;
        let parsed = parse(text, path, categories, shapes);
        if ("reason" in parsed && !withStat) {
          // Bad files are rare: read this one again to its fstat size before blaming it.
          text = r.readText(path, true);
          if (typeof text !== "string") return text;
          parsed = parse(text, path, categories, shapes);
        }
        return parsed;
      } catch (error) {
        return { unreadable: `The file could not be read: ${r.describeError(error)}.` };
      }
    },
  };
  return r;
}

/**
 * Appends an item's 15 packed fields to `out` (repeating strings as table numbers):
 * id, title, vaultId#, vaultName#, accountName#, description#, categoryId#, category#,
 * categoryPlural#, urls, createdAt|null, modifiedAt|null, app#, accountId#, ignored|0.
 */
export function encodeMetadataRow(
  out: unknown[],
  item: ItemSummary,
  ignored: string[] | undefined,
  strings: RowStrings,
): void {
  out.push(
    item.id,
    item.title,
    strings.index(item.vaultId),
    strings.index(item.vaultName),
    strings.index(item.accountName),
    strings.index(item.description),
    strings.index(item.categoryId),
    strings.index(item.category),
    strings.index(item.categoryPlural),
    item.urls,
    item.createdAt ?? null,
    item.modifiedAt ?? null,
    strings.index(item.app ?? "1password7"),
    strings.index(item.accountId),
    ignored && ignored.length > 0 ? ignored : 0,
  );
}

/** The item of packed fields starting at `at` (checked beforehand where they come from a file). */
export function decodeMetadataRow(row: unknown[], at: number, strings: string[], path: string): ItemSummary {
  // No helper closures here: this runs once per item, and bundlers may wrap each closure.
  const accountName = row[at + 4] as number;
  const description = row[at + 5] as number;
  const plural = row[at + 8] as number;
  const accountId = row[at + 13] as number;
  return {
    id: row[at] as string,
    vaultId: strings[row[at + 2] as number] as string,
    vaultName: strings[row[at + 3] as number] as string,
    accountName: accountName === -1 ? undefined : strings[accountName],
    title: row[at + 1] as string,
    description: description === -1 ? undefined : strings[description],
    categoryId: strings[row[at + 6] as number] as string,
    category: strings[row[at + 7] as number] as string,
    categoryPlural: plural === -1 ? undefined : strings[plural],
    urls: row[at + 9] as string[],
    createdAt: (row[at + 10] as number | null) ?? undefined,
    modifiedAt: (row[at + 11] as number | null) ?? undefined,
    source: "metadata",
    path,
    app: strings[row[at + 12] as number] as "1password7" | "1password8",
    accountId: accountId === -1 ? undefined : strings[accountId],
  };
}

/** The ignored values of packed fields starting at `at`, if any. */
export function decodeMetadataIgnored(row: unknown[], at: number): string[] | undefined {
  const x = row[at + 14];
  return x === 0 ? undefined : (x as string[]);
}

/** The problem text for an item read with some values left out. */
export function describeIgnored(ignored: string[]): string {
  return `Read, but these values were ignored: ${ignored.join("; ")}.`;
}
