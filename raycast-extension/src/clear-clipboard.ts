// "Clear Copied Secret": Raycast runs it every minute in the background, where it clears the clipboard once a
// secret this extension copied is due and the clipboard still holds it, and otherwise does nothing. Run by hand,
// it clears such a secret at once.
import { LaunchType, showHUD, type LaunchProps } from "@raycast/api";
import { clearCopiedSecret } from "./api/clipboardClear";

export default async function ClearClipboard(props: LaunchProps): Promise<void> {
  const byHand = props.launchType === LaunchType.UserInitiated;
  const outcome = await clearCopiedSecret(byHand ? Number.POSITIVE_INFINITY : Date.now());
  if (byHand) await showHUD(outcome === "cleared" ? "Copied secret cleared" : "No copied secret to clear");
}
