// Saves an attachment the user asked for into their Downloads folder, under a name that cannot leave it and
// never over an existing file; readable by the user alone, since attachments are often keys and codes.
import { mkdir, open } from "node:fs/promises";
import { homedir } from "node:os";
import { extname, join } from "node:path";

/** The file name to write: no folder part, no control or reserved characters, not hidden, never empty. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  const visible = [...last].map((c) => (c.charCodeAt(0) < 0x20 || c === "\u007f" ? "_" : c)).join("");
  const clean = visible
    .replace(/[<>:"|?*]/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  return clean.slice(0, 200) || "attachment";
}

export const downloadsFolder = () => join(homedir(), "Downloads");

/** Writes the bytes as a new file ("name (2).ext" when the name is taken) and answers its path. */
export async function saveToDownloads(
  name: string,
  bytes: Uint8Array,
  folder = downloadsFolder(),
): Promise<string> {
  await mkdir(folder, { recursive: true });
  const safe = safeFileName(name);
  const extension = extname(safe);
  const stem = safe.slice(0, safe.length - extension.length);
  for (let copy = 1; copy < 1000; copy++) {
    const path = join(folder, copy === 1 ? safe : `${stem} (${copy})${extension}`);
    try {
      const handle = await open(path, "wx", 0o600);
      try {
        await handle.writeFile(bytes);
      } finally {
        await handle.close();
      }
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`${folder} already holds ${safe} and 998 copies of it.`);
}
