// Create Share Link: item → policy → expiry → views → recipients → link, refusing what the policy forbids before sending.
import {
  allowedExpiries,
  checkShareRequest,
  createShareLink,
  describeExpiry,
  parseRecipients,
  type ItemShareAccountPolicy,
  type ItemShareDuration,
  type ItemSummary,
} from "@op-bridge/shared";
import * as vscode from "vscode";
import { copySecret } from "../clipboard.js";
import { notice } from "../notice.js";
import { pickItem } from "../commands/pickItem.js";
import { CancelledError, withNotificationProgress } from "../commands/run.js";
import type { Source, SourceRegistry } from "../sources/SourceRegistry.js";

interface ExpiryPick extends vscode.QuickPickItem {
  duration: ItemShareDuration;
}

interface ViewsPick extends vscode.QuickPickItem {
  oneTimeOnly: boolean;
}

/** Runs the whole flow; answers the link (already copied) for tests. */
export async function createShareLinkFlow(
  registry: SourceRegistry,
  target?: { item: ItemSummary; source: Source },
): Promise<string> {
  const sources = await registry.sources();
  if (!sources.some((source) => source.sharing)) {
    const choice = await vscode.window.showErrorMessage(
      "Share links are made through a 1Password account: sign in with a service account or the desktop app (Connect servers cannot share items).",
      "Sign In",
    );
    if (choice === "Sign In") await vscode.commands.executeCommand("opBridge.signIn");
    throw new CancelledError();
  }
  const { item, source } =
    target && target.source.sharing
      ? target
      : await pickItem(registry, { title: "Create Share Link", filter: (s) => s.sharing !== undefined });
  const sharing = source.sharing!;

  const policy = await withNotificationProgress("Reading your account's sharing policy…", (signal) =>
    sharing.getAccountPolicy(item.vaultId, item.id, { signal }),
  );
  const expireAfter = await pickExpiry(policy, item.title);
  const oneTimeOnly = await pickViews(policy);
  const recipients = await askRecipients(policy, expireAfter, oneTimeOnly);

  const link = await withNotificationProgress(`Creating a share link for "${item.title}"…`, (signal) =>
    createShareLink(
      sharing,
      { vaultId: item.vaultId, itemId: item.id },
      { expireAfter, oneTimeOnly, recipients },
      {
        signal,
        policy,
      },
    ),
  );
  // A share link opens the item to whoever holds it: it is cleared from the clipboard like a value.
  const seconds = await copySecret(link);
  const who = recipients.length ? recipients.join(", ") : "anyone with the link";
  void vscode.window
    .showInformationMessage(
      notice`Share link for "${item.title}" copied: ${who}, ${oneTimeOnly ? "one view" : "many views"}, expires after ${describeExpiry(expireAfter)}. It will be cleared from the clipboard in ${seconds} s.`,
      "Open",
      "Copy",
    )
    .then(async (action) => {
      if (action === "Open") await vscode.env.openExternal(vscode.Uri.parse(link));
      if (action === "Copy") await copySecret(link);
    });
  return link;
}

/** The durations the policy allows; its default is first and marked. */
export async function pickExpiry(policy: ItemShareAccountPolicy, title: string): Promise<ItemShareDuration> {
  const allowed = allowedExpiries(policy);
  const picks: ExpiryPick[] = allowed.map((duration) => ({
    label: describeExpiry(duration),
    description: duration === policy.defaultExpiry ? "default" : undefined,
    duration,
  }));
  picks.sort(
    (a, b) => Number(b.duration === policy.defaultExpiry) - Number(a.duration === policy.defaultExpiry),
  );
  const chosen = await vscode.window.showQuickPick(picks, {
    title: `Share "${title}": expires after`,
    placeHolder: `Your account allows links for up to ${describeExpiry(policy.maxExpiry)}`,
  });
  if (!chosen) throw new CancelledError();
  return chosen.duration;
}

async function pickViews(policy: ItemShareAccountPolicy): Promise<boolean> {
  const onlyOnce = policy.maxViews !== undefined && policy.maxViews !== null && policy.maxViews <= 1;
  const picks: ViewsPick[] = [
    { label: "Many views", description: "until the link expires", oneTimeOnly: false },
    { label: "One view only", description: "the link works once", oneTimeOnly: true },
  ];
  if (onlyOnce) picks[0]!.detail = "Not allowed: your account allows a shared item to be viewed only once.";
  const chosen = await vscode.window.showQuickPick(picks, { title: "Share: how many views?" });
  if (!chosen) throw new CancelledError();
  const reasons = checkShareRequest(policy, {
    oneTimeOnly: chosen.oneTimeOnly,
    recipients: [],
    expireAfter: undefined,
  }).filter((reason) => reason.includes("viewed only once"));
  if (reasons.length) throw new Error(reasons.join(" "));
  return chosen.oneTimeOnly;
}

async function askRecipients(
  policy: ItemShareAccountPolicy,
  expireAfter: ItemShareDuration,
  oneTimeOnly: boolean,
): Promise<string[]> {
  const allowsPublic = policy.allowedTypes.map(String).includes("Public");
  const text = await vscode.window.showInputBox({
    title: "Share: who can open it?",
    prompt: allowsPublic
      ? "Emails or domains, separated by commas or spaces; leave empty for anyone with the link"
      : "Emails or domains, separated by commas or spaces (your account requires recipients)",
    placeHolder: "ann@example.com, example.org",
    ignoreFocusOut: true,
    validateInput: (value) =>
      checkShareRequest(policy, { expireAfter, oneTimeOnly, recipients: parseRecipients(value) }).join(" ") ||
      undefined,
  });
  if (text === undefined) throw new CancelledError();
  return parseRecipients(text);
}
