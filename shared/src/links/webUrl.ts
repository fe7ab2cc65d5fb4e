// Tells a web page's address from any other URL an item may hold.

/**
 * True only for an absolute http:// or https:// URL. An item's URL comes from whoever edits the
 * item (a shared vault): `file:///…/setup.command`, `javascript:` or an app's scheme would run
 * something when opened, so only web pages are opened from items; the rest are shown as text.
 */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
