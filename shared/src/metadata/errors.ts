// The error a user sees when there is no metadata folder, with what to turn on to get one.
import { isBookmarksRoot } from "./paths.js";

/** The metadata folder does not exist: 1Password 7's integration is off, or opbookmarks never ran. */
export class MetadataRootMissingError extends Error {
  override readonly name = "MetadataRootMissingError" as const;
  readonly root: string;

  constructor(root: string, options?: { cause?: unknown }) {
    const howTo = isBookmarksRoot(root)
      ? "For 1Password 8, install the 1Password CLI, turn on its integration in 1Password > Settings > Developer, " +
        "and run `opbookmarks` (add --watch to keep the files up to date)."
      : "In 1Password 7, choose 1Password > Preferences > Advanced and turn on " +
        '"Enable Spotlight and 3rd party app integrations". ' +
        "With 1Password 8, run `opbookmarks` to write the same files to ~/.config/op/bookmarks.";
    super(`No 1Password metadata folder at ${root}. ${howTo}`, options);
    this.root = root;
  }
}
