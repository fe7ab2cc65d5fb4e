// Draws a captured Raycast list as Raycast's dark window in plain HTML/CSS and photographs it with Chromium.
import { chromium, type Browser } from "playwright-core";
import { chromiumPath, requireFile } from "./paths.js";
import type { ActionPanelPicture, ActionPicture, ListPicture, RowPicture } from "./raycastCapture.js";
import { renderIcon } from "./raycastIcons.js";
import { chromiumArgs } from "./workbench.js";

export interface PictureOptions {
  /** The command's title, shown at the bottom left as Raycast does. */
  commandTitle: string;
  /** The extension's icon as a data: URL (the page loads nothing from anywhere). */
  extensionIcon: string;
  /** Opens the action panel (⌘K) of the selected row over the list. */
  showActions?: boolean;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const keycaps = (keys: string[]) => keys.map((key) => `<kbd>${escapeHtml(key)}</kbd>`).join("");

/** Raycast gives the first action ↵ and the second ⌘↵, unless the action names its own shortcut. */
export function keysShown(action: ActionPicture, index: number): string[] {
  if (index === 0) return ["↵"];
  if (index === 1 && action.keys.length === 0) return ["⌘", "↵"];
  return action.keys;
}

function renderRow(row: RowPicture, selected: boolean): string {
  const accessories = row.accessories
    .map((a) =>
      a.tag !== undefined
        ? `<span class="tag">${escapeHtml(a.tag)}</span>`
        : a.text !== undefined
          ? `<span class="acc-text">${a.icon ? renderIcon(a.icon, "acc-icon") : ""}${escapeHtml(a.text)}</span>`
          : renderIcon(a.icon, "acc-icon"),
    )
    .join("");
  return `<div class="row${selected ? " selected" : ""}">
    ${renderIcon(row.icon)}
    <span class="title">${escapeHtml(row.title)}</span>
    ${row.subtitle ? `<span class="subtitle">${escapeHtml(row.subtitle)}</span>` : ""}
    <span class="accessories">${accessories}</span>
  </div>`;
}

function renderList(picture: ListPicture): string {
  if (picture.sections.length === 0 && picture.emptyView) {
    const { icon, title, description } = picture.emptyView;
    return `<div class="empty">
      ${renderIcon(icon, "empty-icon")}
      <div class="empty-title">${escapeHtml(title ?? "")}</div>
      <div class="empty-description">${escapeHtml(description ?? "")}</div>
    </div>`;
  }
  let first = true;
  return picture.sections
    .map((section) => {
      const header = section.title
        ? `<div class="section-title">${escapeHtml(section.title)}<span>${escapeHtml(section.subtitle ?? "")}</span></div>`
        : "";
      const rows = section.rows.map((row) => {
        const html = renderRow(row, first);
        first = false;
        return html;
      });
      return header + rows.join("");
    })
    .join("");
}

function renderActionPanel(panel: ActionPanelPicture): string {
  let index = 0;
  const sections = panel.sections.map((section) => {
    const title = section.title ? `<div class="panel-section">${escapeHtml(section.title)}</div>` : "";
    const rows = section.actions.map((action) => {
      const html = `<div class="action${index === 0 ? " selected" : ""}">
        ${renderIcon(action.icon)}<span class="title">${escapeHtml(action.title)}</span>
        <span class="keys">${keycaps(keysShown(action, index))}</span>
      </div>`;
      index += 1;
      return html;
    });
    return title + rows.join("");
  });
  return `<div class="panel">
    ${panel.title ? `<div class="panel-title">${escapeHtml(panel.title)}</div>` : ""}
    ${sections.join('<div class="separator"></div>')}
    <div class="panel-search">Search for actions…</div>
  </div>`;
}

/** The whole page: a desktop backdrop and the Raycast window showing `picture`. */
export function buildRaycastPage(picture: ListPicture, options: PictureOptions): string {
  const search = picture.searchText
    ? `<span class="query">${escapeHtml(picture.searchText)}</span><span class="caret"></span>`
    : `<span class="caret"></span><span class="placeholder">${escapeHtml(picture.placeholder ?? "Search…")}</span>`;
  const dropdown = picture.dropdown
    ? `<div class="dropdown">${escapeHtml(picture.dropdown.selected)}<span class="chevron">⌄</span></div>`
    : "";
  const primary = picture.actions?.sections[0]?.actions[0];
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>${STYLE}</style></head>
<body>
  <div class="window">
    <div class="search">
      <span class="back">${renderIcon("ArrowLeft")}</span>
      <div class="field">${search}</div>
      ${dropdown}
    </div>
    ${picture.isLoading ? '<div class="loading"></div>' : '<div class="rule"></div>'}
    <div class="list">${renderList(picture)}</div>
    <div class="bar">
      <img src="${options.extensionIcon}" alt="">
      <span class="command">${escapeHtml(options.commandTitle)}</span>
      ${primary ? `<span class="primary">${escapeHtml(primary.title)}</span>${keycaps(["↵"])}<span class="divider"></span>` : ""}
      <span class="actions-label${options.showActions ? " pressed" : ""}">Actions</span>${keycaps(["⌘", "K"])}
    </div>
    ${options.showActions && picture.actions ? renderActionPanel(picture.actions) : ""}
  </div>
</body></html>`;
}

export interface PictureCamera {
  /**
   * Writes the page as a PNG and answers what a reader of it sees: the row titles and action titles that lie
   * inside the window (the list scrolls, so later rows are cut off as in Raycast).
   */
  photograph(html: string, path: string): Promise<{ rows: string[]; actions: string[] }>;
  close(): Promise<void>;
}

export const PAGE_SIZE = { width: 1000, height: 700 } as const;

export async function openPictureCamera(): Promise<PictureCamera> {
  requireFile(chromiumPath, "install Debian's chromium (`apt-get install -y chromium`; .ci/run does)");
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  // Twice the pixels, so the picture stays sharp where the README shows it at 1000 px on a dense screen.
  const context = await browser.newContext({ viewport: PAGE_SIZE, deviceScaleFactor: 2 });
  return {
    async photograph(html, path) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: "load" });
        await page.screenshot({ path });
        return await page.evaluate(() => {
          const list = document.querySelector(".list")?.getBoundingClientRect();
          const inside = (selector: string, box: DOMRect | undefined) =>
            [...document.querySelectorAll<HTMLElement>(selector)]
              .filter((node) => {
                const rect = node.getBoundingClientRect();
                return box !== undefined && rect.top >= box.top && rect.bottom <= box.bottom;
              })
              .map((node) => node.innerText.trim());
          const panel = document.querySelector(".panel")?.getBoundingClientRect();
          return { rows: inside(".row .title", list), actions: inside(".action .title", panel) };
        });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

const STYLE = `
* { box-sizing: border-box; margin: 0; }
body {
  width: ${PAGE_SIZE.width}px; height: ${PAGE_SIZE.height}px; overflow: hidden;
  font-family: "Liberation Sans", "DejaVu Sans", sans-serif; -webkit-font-smoothing: antialiased;
  background: #23232d;
  display: flex; align-items: center; justify-content: center;
}
.window {
  position: relative; width: 880px; height: 620px; display: flex; flex-direction: column;
  background: #1e1e20; color: #ececee; border-radius: 14px; overflow: hidden;
  border: 1px solid rgba(255, 255, 255, 0.12);
  box-shadow: 0 30px 80px rgba(0, 0, 0, 0.55), 0 0 0 0.5px rgba(0, 0, 0, 0.8);
}
svg { fill: none; stroke: currentColor; stroke-width: 1.4; stroke-linecap: round; stroke-linejoin: round; }
svg .fill { fill: currentColor; stroke: none; }
.search { height: 64px; display: flex; align-items: center; gap: 14px; padding: 0 18px; }
.back { width: 28px; height: 28px; border-radius: 7px; background: rgba(255, 255, 255, 0.09);
  display: flex; align-items: center; justify-content: center; color: #b4b4b8; }
.back svg { width: 14px; height: 14px; }
.field { flex: 1; display: flex; align-items: center; font-size: 19px; }
.query { color: #f4f4f6; }
.placeholder { color: #77777d; }
.caret { width: 2px; height: 22px; background: #6e8bff; margin: 0 1px; }
.dropdown { display: flex; align-items: center; gap: 8px; height: 30px; padding: 0 10px 0 12px; font-size: 13px;
  color: #d8d8dc; border: 1px solid rgba(255, 255, 255, 0.14); border-radius: 8px; background: rgba(255, 255, 255, 0.04); }
.chevron { color: #8e8e93; font-size: 14px; line-height: 1; margin-top: -6px; }
.rule { height: 1px; background: rgba(255, 255, 255, 0.09); }
.loading { height: 1px; background: linear-gradient(90deg, transparent, #6e8bff, transparent); }
.list { flex: 1; overflow: hidden; padding: 4px 8px; }
.section-title { font-size: 12px; font-weight: 700; color: #8e8e93; padding: 12px 10px 6px; }
.section-title span { font-weight: 400; color: #6c6c71; margin-left: 8px; }
.row { height: 40px; display: flex; align-items: center; gap: 12px; padding: 0 10px; border-radius: 8px; font-size: 14px; }
.row.selected { background: rgba(255, 255, 255, 0.1); }
.row .icon { width: 18px; height: 18px; flex: none; color: #d6d6da; }
.row .title { color: #f2f2f4; white-space: nowrap; }
.row .subtitle { color: #8e8e93; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.accessories { margin-left: auto; display: flex; align-items: center; gap: 14px; flex: none; }
.acc-text { color: #9a9aa0; font-size: 13px; display: flex; align-items: center; gap: 6px; }
.acc-icon { width: 14px; height: 14px; color: #9a9aa0; }
.tag { font-size: 12px; color: #cfcfd4; background: rgba(255, 255, 255, 0.1); border-radius: 6px; padding: 3px 8px; }
.empty { height: 100%; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 14px;
  padding: 0 90px; text-align: center; }
.empty-icon { width: 54px; height: 54px; color: #8e8e93; stroke-width: 1; }
.empty-title { font-size: 17px; font-weight: 700; color: #f2f2f4; }
.empty-description { font-size: 13.5px; line-height: 1.55; color: #9a9aa0; overflow-wrap: anywhere; }
.bar { height: 46px; flex: none; display: flex; align-items: center; gap: 6px; padding: 0 12px 0 16px; font-size: 13px;
  color: #a4a4aa; background: rgba(255, 255, 255, 0.035); border-top: 1px solid rgba(255, 255, 255, 0.09); }
.bar img { width: 18px; height: 18px; margin-right: 4px; }
.bar .command { margin-right: auto; }
.bar .primary { color: #ececee; margin-right: 2px; }
.bar .divider { width: 1px; height: 16px; background: rgba(255, 255, 255, 0.15); margin: 0 8px; }
.actions-label { color: #ececee; margin-right: 2px; padding: 3px 6px; border-radius: 6px; }
.actions-label.pressed { background: rgba(255, 255, 255, 0.12); }
kbd { min-width: 21px; height: 21px; padding: 0 5px; display: inline-flex; align-items: center; justify-content: center;
  font: 12px "DejaVu Sans", sans-serif; color: #c8c8cd; background: rgba(255, 255, 255, 0.1); border-radius: 5px; margin-left: 3px; }
.panel { position: absolute; right: 12px; bottom: 54px; width: 410px; padding: 6px; border-radius: 12px;
  background: #2a2a2d; border: 1px solid rgba(255, 255, 255, 0.13);
  box-shadow: 0 18px 50px rgba(0, 0, 0, 0.6); }
.panel-title { font-size: 12px; font-weight: 700; color: #8e8e93; padding: 6px 10px 6px; }
.panel-section { font-size: 12px; font-weight: 700; color: #8e8e93; padding: 6px 10px 4px; }
.separator { height: 1px; background: rgba(255, 255, 255, 0.08); margin: 5px 4px; }
.action { height: 32px; display: flex; align-items: center; gap: 10px; padding: 0 8px 0 10px; border-radius: 7px; font-size: 13.5px; }
.action.selected { background: rgba(255, 255, 255, 0.1); }
.action .icon { width: 16px; height: 16px; flex: none; color: #d6d6da; }
.action .title { color: #f0f0f2; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.action .keys { margin-left: auto; display: flex; flex: none; }
.panel-search { margin: 6px -6px -6px; padding: 11px 16px; font-size: 13.5px; color: #77777d;
  border-top: 1px solid rgba(255, 255, 255, 0.09); }
`;
