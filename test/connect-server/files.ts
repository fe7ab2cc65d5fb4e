// File answers: metadata with the content path, base64 inline content up to the inline limit, and the download.
import { ApiError, notFound } from "./errors.js";
import { contentDisposition, type Reply } from "./http.js";
import { describeFile } from "./items.js";
import type { StoredFile, StoredItem } from "./types.js";

export const DEFAULT_MAX_INLINE_KB = 100;

const TOO_LARGE =
  "File is too large to inline in request. Use the /v1/vaults/{vaultUUID}/items/{itemUUID}/files/{fileUUID}/content endpoint instead.";

/** `inline_files=true` (the spec) or `inline_content=true` (the docs page): both are taken. */
export function wantsInline(query: URLSearchParams): boolean {
  return ["inline_files", "inline_content"].some((name) => query.get(name)?.toLowerCase() === "true");
}

export function findFile(item: StoredItem, fileId: string): StoredFile {
  const file = item.files.find((f) => f.id === fileId);
  if (!file) throw notFound(`file ${fileId} not found`);
  return file;
}

/** Metadata of one file; a file over the limit answers 413 when its content is asked for inline. */
export function describeFileFor(item: StoredItem, file: StoredFile, inline: boolean, maxInlineBytes: number) {
  if (inline && file.content.length > maxInlineBytes) throw new ApiError(413, TOO_LARGE);
  return describeFile(item, file, inline);
}

export function fileContentReply(file: StoredFile): Reply {
  return {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": contentDisposition(file.name),
    },
    body: file.content,
  };
}
