// Where the metadata lives (1Password 7 itself, or opbookmarks for 1Password 8) and where our index cache goes.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, sep } from "node:path";

/** The folder 1Password 7 for Mac writes when "Enable Spotlight and 3rd party app integrations" is on. */
export const ONEPASSWORD7_METADATA_PATH =
  "Library/Containers/com.agilebits.onepassword7/Data/Library/Caches/Metadata/1Password";

/** The folder the opbookmarks tool writes for 1Password 8 by default. */
export const OPBOOKMARKS_METADATA_PATH = ".config/op/bookmarks";

/** The file name ending of every item metadata file. */
export const METADATA_FILE_SUFFIX = ".onepassword-item-metadata";

/**
 * The metadata folder to read: the 1Password 7 one or the opbookmarks one, whichever exists
 * (1Password 7 first), else the 1Password 7 path so the "missing" error names the usual place.
 */
export function defaultMetadataRoot(homeDir: string = homedir()): string {
  const onePassword7 = join(homeDir, ONEPASSWORD7_METADATA_PATH);
  if (existsSync(onePassword7)) return onePassword7;
  const bookmarks = join(homeDir, OPBOOKMARKS_METADATA_PATH);
  if (existsSync(bookmarks)) return bookmarks;
  return onePassword7;
}

/** True when a root is (or lies inside) an opbookmarks folder rather than 1Password 7's own. */
export function isBookmarksRoot(root: string): boolean {
  return root.replaceAll("\\", "/").includes("/.config/op/bookmarks");
}

/**
 * The index cache file in the user's cache folder (macOS ~/Library/Caches, Windows
 * %LOCALAPPDATA%, elsewhere $XDG_CACHE_HOME or ~/.cache). An explicit homeDir ignores the
 * environment, so tests never touch the real one.
 */
export function defaultMetadataCacheFile(homeDir?: string): string {
  const home = homeDir ?? homedir();
  let base: string;
  if (process.platform === "darwin") base = join(home, "Library", "Caches");
  else if (process.platform === "win32")
    base = (homeDir === undefined ? process.env.LOCALAPPDATA : undefined) ?? join(home, "AppData", "Local");
  else base = (homeDir === undefined ? process.env.XDG_CACHE_HOME : undefined) || join(home, ".cache");
  return join(base, "op-bridge", "metadata-index.json");
}

/** The path of a folder given relative to root with "/" (as the index cache records it). */
export function folderPath(root: string, rel: string): string {
  return rel === "" ? root : root + sep + (sep === "/" ? rel : rel.split("/").join(sep));
}
