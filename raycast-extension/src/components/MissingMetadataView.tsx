// What to show when the metadata folder does not exist: how to turn it on, never just an empty list.
import { Action, ActionPanel, Detail, Icon, List, openExtensionPreferences } from "@raycast/api";
import { MetadataRootMissingError } from "@op-bridge/shared";

/**
 * The guide names the path looked at and the switch (1Password 7) or tool (1Password 8) that writes it.
 * 1Password 7 for Windows never wrote metadata: there, only the tool and Connect are offered.
 */
export function describeMissingMetadata(root: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== "win32") return new MetadataRootMissingError(root).message;
  return (
    `No 1Password metadata folder at ${root}. 1Password 7 metadata exists only on macOS: on Windows, ` +
    "list items through Connect, or through the opbookmarks folder of 1Password 8."
  );
}

function SetupActions({ root }: { root: string }) {
  return (
    <ActionPanel>
      <Action.Push
        title="Show Setup Guide"
        icon={Icon.QuestionMarkCircle}
        target={<Detail navigationTitle="Set Up 1Password Metadata" markdown={buildGuideMarkdown(root)} />}
      />
      <Action title="Open Extension Preferences" icon={Icon.Gear} onAction={openExtensionPreferences} />
    </ActionPanel>
  );
}

function buildGuideMarkdown(root: string): string {
  return [
    "# Set up 1Password metadata",
    "",
    `Nothing was found at \`${root}\`.`,
    "",
    "**1Password 7 (macOS only):** choose 1Password → Preferences → Advanced and turn on",
    "**Enable Spotlight and 3rd party app integrations**. The folder appears within a minute.",
    "",
    "**1Password 8:** install the 1Password CLI, turn on its integration in Settings → Developer, run",
    "`opbookmarks --watch`, and set the **Metadata Folder** preference to `~/.config/op/bookmarks`.",
    "",
    "**Connect only:** set Connect Server URL and Connect Token in the preferences; the list then shows Connect items.",
  ].join("\n");
}

/** The whole view, when there is nothing else to list. */
export function MissingMetadataView({ root, platform }: { root: string; platform?: NodeJS.Platform }) {
  return (
    <List actions={<SetupActions root={root} />}>
      <List.EmptyView
        icon={Icon.Folder}
        title="1Password metadata folder not found"
        description={describeMissingMetadata(root, platform)}
        actions={<SetupActions root={root} />}
      />
    </List>
  );
}

/** One row above other items (from Connect), so the missing folder is said without hiding what works. */
export function MissingMetadataRow({ root }: { root: string }) {
  return (
    <List.Item
      icon={Icon.Folder}
      title="1Password metadata folder not found"
      subtitle="Press Enter for the setup guide"
      actions={<SetupActions root={root} />}
    />
  );
}
