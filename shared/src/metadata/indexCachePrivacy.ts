// The index cache holds every title, URL, vault and account name: only its owner may read it.
// Files are 0600 in a 0700 folder; a cache written before that (0644 in 0755) is tightened
// when next read or written.
import { chmod, mkdir, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The folder name the default cache lives in (see defaultMetadataCacheFile). */
const OWN_FOLDER = "op-bridge";

/** File modes mean nothing on Windows (access there follows the user profile's ACLs). */
const HAS_MODES = process.platform !== "win32";

/**
 * Creates the cache's folder 0700. An existing folder is tightened only when it is ours (named
 * op-bridge, or created here): a cache file placed in a shared folder such as /tmp must not
 * change that folder's access.
 */
export async function preparePrivateFolder(file: string): Promise<void> {
  const dir = dirname(file);
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!HAS_MODES || created !== undefined) return;
  if (basename(dir) === OWN_FOLDER) await tightenMode(dir, PRIVATE_DIR_MODE);
}

/** Removes group and other access from a file or folder that has any; errors are ignored. */
export async function tightenMode(path: string, mode: number, current?: number): Promise<void> {
  if (!HAS_MODES) return;
  try {
    const now = current ?? (await stat(path)).mode;
    if ((now & 0o077) !== 0) await chmod(path, mode);
  } catch {
    // Not ours to change, or gone: the cache still works, as private as it was.
  }
}

/** Tightens an existing cache file and its own folder (a cache from before this was 0644 in 0755). */
export async function tightenExistingCache(file: string, fileMode: number): Promise<void> {
  if (!HAS_MODES) return;
  await tightenMode(file, PRIVATE_FILE_MODE, fileMode);
  const dir = dirname(file);
  if (basename(dir) === OWN_FOLDER) await tightenMode(dir, PRIVATE_DIR_MODE);
}
