// A 1Password 8 account's sign-in waits while the app is locked or asks the user to allow this extension: the
// list would only spin. After a moment a toast says what 1Password is waiting for; it goes once the account answers.
import { useEffect } from "react";
import { showToast, Toast } from "@raycast/api";

/** Long enough that an unlocked app (which answers at once) never shows it. */
export const approvalHintDelayMs = 2_500;

export function useApprovalHint(waitingAccounts: readonly string[]): void {
  const names = waitingAccounts.join(", ");
  useEffect(() => {
    if (!names) return;
    let shown: Toast | undefined;
    let done = false;
    const timer = setTimeout(async () => {
      const toast = await showToast({
        style: Toast.Style.Animated,
        title: "Waiting for 1Password",
        message: `Unlock 1Password or approve the request for ${names}`,
      });
      if (done) void toast.hide();
      else shown = toast;
    }, approvalHintDelayMs);
    return () => {
      done = true;
      clearTimeout(timer);
      void shown?.hide();
    };
  }, [names]);
}
