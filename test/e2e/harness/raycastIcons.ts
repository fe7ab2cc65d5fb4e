// Line icons drawn in inline SVG for the Raycast pictures, named as @raycast/api's Icon names the command uses.

// 16×16 strokes in currentColor; Raycast's own icons are monochrome line glyphs of this weight.
const PATHS: Record<string, string> = {
  Key: '<circle cx="5" cy="8" r="2.7"/><path d="M7.7 8h6.8M12 8v2.6M14.5 8v2"/>',
  Lock: '<rect x="3" y="7" width="10" height="7" rx="1.6"/><path d="M5.2 7V5a2.8 2.8 0 0 1 5.6 0v2"/>',
  CreditCard: '<rect x="1.5" y="3.5" width="13" height="9" rx="1.6"/><path d="M1.5 6.5h13M4 10h3"/>',
  Terminal: '<rect x="1.5" y="2.5" width="13" height="11" rx="1.6"/><path d="M4.5 6l2 2-2 2M8 10.5h3.5"/>',
  Code: '<path d="M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5"/>',
  Star: '<path class="fill" d="M8 1.8l1.9 4 4.3.5-3.2 2.9.9 4.3L8 11.3l-3.9 2.2.9-4.3-3.2-2.9 4.3-.5z"/>',
  Globe: '<circle cx="8" cy="8" r="6.5"/><ellipse cx="8" cy="8" rx="2.8" ry="6.5"/><path d="M1.5 8h13"/>',
  Pencil: '<path d="M10.5 2.5l3 3L6 13H3v-3zM9 4l3 3"/>',
  Link: '<path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 0 1-3.5-3.5L5.5 8"/>',
  Person: '<circle cx="8" cy="5" r="2.8"/><path d="M2.5 14a5.5 5.5 0 0 1 11 0"/>',
  Clock: '<circle cx="8" cy="8" r="6.5"/><path d="M8 4.5V8l2.5 1.5"/>',
  Clipboard:
    '<rect x="3" y="3" width="10" height="11.5" rx="1.6"/><rect x="5.5" y="1.5" width="5" height="3" rx="1"/>',
  Sidebar: '<rect x="1.5" y="2.5" width="13" height="11" rx="1.6"/><path d="M6 2.5v11"/>',
  Folder: '<path d="M1.5 4.5a1 1 0 0 1 1-1H6l1.5 1.5h6a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z"/>',
  Gear:
    '<circle cx="8" cy="8" r="2.2"/><circle cx="8" cy="8" r="4.6"/>' +
    '<path d="M8 1.3v2.1M8 12.6v2.1M1.3 8h2.1M12.6 8h2.1M3.3 3.3l1.4 1.4M11.3 11.3l1.4 1.4M3.3 12.7l1.4-1.4M11.3 4.7l1.4-1.4"/>',
  QuestionMarkCircle:
    '<circle cx="8" cy="8" r="6.5"/><path d="M6 6.3a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.3v.4"/><circle class="fill" cx="8" cy="11.8" r=".7"/>',
  MagnifyingGlass: '<circle cx="7" cy="7" r="4.5"/><path d="M10.3 10.3L14 14"/>',
  Warning: '<path d="M8 2l6.5 11.5h-13zM8 6.5V10"/><circle class="fill" cx="8" cy="12" r=".7"/>',
  ArrowClockwise: '<path d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3"/>',
  ArrowLeft: '<path d="M13 8H3M7 4L3 8l4 4"/>',
  Paragraph: '<path d="M3 4h10M3 7h10M3 10h10M3 13h6"/>',
  Document: '<path d="M4 1.5h5.5L13 5v9.5H4zM9.5 1.5V5H13M6 8.5h4.5M6 11h4.5"/>',
  HardDrive:
    '<ellipse cx="8" cy="4" rx="5.5" ry="2"/><path d="M2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2"/>',
  BankNote: '<rect x="1.5" y="4" width="13" height="8" rx="1.2"/><circle cx="8" cy="8" r="1.8"/>',
  Envelope: '<rect x="1.5" y="3.5" width="13" height="9" rx="1.6"/><path d="M2 4.5l6 4.5 6-4.5"/>',
  Wifi: '<path d="M1.8 6.3a9 9 0 0 1 12.4 0M4 8.8a6 6 0 0 1 8 0M6.2 11.2a3 3 0 0 1 3.6 0"/><circle class="fill" cx="8" cy="13.2" r=".8"/>',
};

/** Inline SVG for a Raycast icon name; an unknown name gets a plain circle rather than nothing. */
export function renderIcon(name: string | undefined, className = "icon"): string {
  const body = (name && PATHS[name]) ?? '<circle cx="8" cy="8" r="5.5"/>';
  const label = (name ?? "icon").replace(/[^\w.-]/g, "");
  return `<svg class="${className}" viewBox="0 0 16 16" aria-label="${label}">${body}</svg>`;
}
