// The one way text reaches a non-modal notification: item titles, field labels, vault, file and server names, and error messages can never become a link.

/**
 * VS Code renders `[text](command:id?args)` (and `https:` / `file:` targets) in a notification, a
 * progress notification's title and a hover as a link that runs the command with its arguments
 * (`linkedText.ts`: the brackets and the parenthesis must touch). An item title in a shared vault,
 * or a server name in a repository's settings, could otherwise turn "Copied …" into a one-click
 * `workbench.action.terminal.sendSequence`. A zero-width space between `]` and `(` keeps the text
 * as it reads and breaks every link; applying it twice changes nothing more.
 */
export function inert(text: string): string {
  return text.replace(/\](?=\()/g, "]\u200b");
}

/**
 * A notification's message with each interpolated value made inert: write
 * notice`Copied the value of "${label}" from "${title}".` wherever a message holds a value. The
 * whole message is made inert, so a value cannot pair with the text or another value around it.
 */
export function notice(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings[0] ?? "";
  values.forEach((value, i) => {
    text += String(value) + (strings[i + 1] ?? "");
  });
  return inert(text);
}
