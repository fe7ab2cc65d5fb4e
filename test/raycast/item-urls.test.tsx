// An item's URL is opened only when it is a web page: file:, javascript: or an app's scheme is shown, not opened.
import type { ReactTestInstance } from "react-test-renderer";
import { beforeEach, describe, expect, it } from "vitest";
import { isWebUrl, type ItemSummary } from "@op-bridge/shared";
import { ItemActions } from "../../raycast-extension/src/components/ItemActions";
import { ItemListItem } from "../../raycast-extension/src/components/ItemListItem";
import { isComponent } from "./helpers/components";
import { renderPart, runAction } from "./helpers/render";
import { recorder } from "./stand-in/raycast-api";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const itemWith = (url: string): ItemSummary => ({
  id: "itemurl000000000000000000a",
  vaultId: "vaultaaaaaaaaaaaaaaaaaaaaa",
  vaultName: "Shared",
  title: "Setup",
  categoryId: "001",
  category: "Login",
  urls: [url],
  source: "metadata",
});

function actionsFor(url: string): ReactTestInstance[] {
  let used = 0;
  const part = renderPart(
    <ItemActions
      item={itemWith(url)}
      actionPreferences={{ primary: "open-in-1password", secondary: "open-and-fill" }}
      isShowingDetail={false}
      onToggleDetail={() => undefined}
      onUse={() => used++}
    />,
  );
  return part.root.findAll((n) => isComponent(n, "Action"));
}

function actionTitled(url: string, title: string): ReactTestInstance {
  const found = actionsFor(url).find((n) => n.props.title === title);
  if (!found) throw new Error(`no action "${title}" for ${url}`);
  return found;
}

beforeEach(() => recorder.reset());

describe("Open URL in Browser", () => {
  it("opens an https:// address", async () => {
    await runAction(actionTitled("https://example.com/login", "Open URL in Browser"));
    expect(recorder.opened).toEqual(["https://example.com/login"]);
    expect(recorder.toasts).toEqual([]);
  });

  it.each([
    ["file:///Users/me/Downloads/setup.command", "file"],
    ["javascript:alert(1)", "javascript"],
    ["vscode://vscode.git/clone?url=https://evil.example/x", "vscode"],
    ["smb://fileserver/share", "smb"],
  ])("does not open %s, and says why in a toast", async (url, scheme) => {
    await runAction(actionTitled(url, "Open URL in Browser"));
    expect(recorder.opened).toEqual([]);
    expect(recorder.toasts).toHaveLength(1);
    expect(recorder.toasts[0]).toMatchObject({
      style: "FAILURE",
      title: "Not opened: not a web address",
      message: `Only http:// and https:// links are opened from an item; this one is a ${scheme}: link. Copy it if you trust it.`,
    });
  });

  it("a non-web URL can still be copied, and is never handed to 1Password to open and fill", async () => {
    const url = "file:///Users/me/setup.command";
    await runAction(actionTitled(url, "Copy URL"));
    expect(recorder.clipboard).toEqual([{ content: url, concealed: false }]);
    expect(actionsFor(url).some((a) => String(a.props.title).startsWith("Open and Fill"))).toBe(false);
  });
});

describe("the item's detail pane", () => {
  it("shows a web address as a link and any other URL as plain text", () => {
    for (const [url, kind] of [
      ["https://example.com", "List.Item.Detail.Metadata.Link"],
      ["file:///Users/me/setup.command", "List.Item.Detail.Metadata.Label"],
    ] as const) {
      const row = renderPart(
        <ItemListItem
          item={itemWith(url)}
          actionPreferences={{ primary: "open-in-1password", secondary: "open-and-fill" }}
          isShowingDetail
          onToggleDetail={() => undefined}
          onUse={() => undefined}
        />,
      );
      const detail = renderPart(row.root.find((n) => isComponent(n, "List.Item")).props.detail).root.find(
        (n) => isComponent(n, "List.Item.Detail"),
      );
      const pane = renderPart(detail.props.metadata);
      const websites = ["List.Item.Detail.Metadata.Link", "List.Item.Detail.Metadata.Label"].flatMap((type) =>
        pane.root
          .findAll((n) => isComponent(n, type as never) && n.props.title === "Website")
          .map(() => type),
      );
      expect(websites).toEqual([kind]);
    }
  });
});

describe("isWebUrl", () => {
  it("accepts only absolute http and https URLs", () => {
    expect(["http://a.example", "https://a.example/x?y"].map(isWebUrl)).toEqual([true, true]);
    expect(["HTTPS://A.EXAMPLE", "example.com", "", "ftp://a", "data:text/html,x"].map(isWebUrl)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
