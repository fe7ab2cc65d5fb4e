// "Show All Fields" on an item with Connect: every section and field by label, concealed values masked until
// Reveal, copy (concealed) and paste of any field read at that moment, the field's op:// reference and every URL.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import SearchItems from "../../raycast-extension/src/search-items";
import { findComponents } from "./helpers/components";
import type { TestConnect } from "./helpers/connect";
import { closeCommandFixtures, connectPersonalWithGitHub, openCommandFixtures } from "./helpers/fixtures";
import {
  actionNamed,
  actionsOf,
  byType,
  itemNamed,
  itemTitles,
  renderCommand,
  renderPart,
  runAction,
  unmount,
  until,
} from "./helpers/render";
import { recorder } from "./stand-in/raycast-api";

const SECRET = "hunter2-detail";
const PIN = "4711-pin";
let root: string;
let support: string;
let server: TestConnect;
const mounted: ReactTestRenderer[] = [];

beforeAll(async () => {
  ({ root, support, server } = await openCommandFixtures({
    vaults: [
      connectPersonalWithGitHub({
        urls: [{ href: "https://github.com/login", primary: true }, { href: "https://gist.github.com/" }],
        sections: [{ id: "recovery", label: "Recovery" }],
        files: [
          {
            id: "filerecovery00000000000000",
            name: "recovery-codes.txt",
            content: Buffer.from("x".repeat(2345)).toString("base64"),
          },
        ],
        fields: [
          { id: "username", type: "STRING", purpose: "USERNAME", label: "username", value: "octocat" },
          { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", value: SECRET },
          { id: "pin", type: "CONCEALED", label: "recovery pin", value: PIN, section: { id: "recovery" } },
          {
            id: "email",
            type: "EMAIL",
            label: "recovery email",
            value: "o@example.com",
            section: { id: "recovery" },
          },
        ],
      }),
    ],
  }));
});
afterAll(() => closeCommandFixtures({ root, support, server }));
afterEach(async () => {
  for (const r of mounted.splice(0)) await unmount(r);
  server.setFaults({});
});

/** Opens Search Items with Connect, then the pushed detail view of GitHub, and waits for its fields. */
async function openGitHubDetail(expectFields = true): Promise<ReactTestRenderer> {
  const list = await renderCommand(<SearchItems />, {
    metadataFolder: root,
    connectUrl: server.url,
    connectToken: server.token,
  });
  mounted.push(list);
  await until(
    () =>
      itemTitles(list).includes("GitHub") &&
      actionsOf(list, "GitHub").some((a) => a.props.title === "Show All Fields"),
    "Connect actions",
  );
  const push = actionNamed(list, "GitHub", "Show All Fields");
  expect(push.props.shortcut).toEqual({
    macOS: { modifiers: ["cmd"], key: "i" },
    Windows: { modifiers: ["ctrl"], key: "i" },
  });
  const detail = renderPart(push.props.target);
  mounted.push(detail);
  if (expectFields) await until(() => itemTitles(detail).includes("password"), "fields");
  return detail;
}

const subtitleOf = (r: ReactTestRenderer, title: string) => itemNamed(r, title).props.subtitle as string;

describe("Item detail view", () => {
  it("lists every section and field by label, concealed values masked, and every URL", async () => {
    const detail = await openGitHubDetail();
    const sections = byType(detail, "List.Section").map((s) => [
      s.props.title,
      findComponents(s, "List.Item").map((n) => n.props.title),
    ]);
    expect(sections).toEqual([
      ["Fields", ["username", "password"]],
      ["Recovery", ["recovery pin", "recovery email"]],
      ["Attachments", ["recovery-codes.txt"]],
      ["Websites", ["https://github.com/login", "https://gist.github.com/"]],
    ]);
    // Listed by name and size; no file's content is read to show it.
    expect(subtitleOf(detail, "recovery-codes.txt")).toBe("2.3 KB");
    expect(server.requests().filter((r) => r.includes("/files"))).toEqual([]);
    expect(subtitleOf(detail, "username")).toBe("octocat");
    expect(subtitleOf(detail, "recovery email")).toBe("o@example.com");
    expect(subtitleOf(detail, "password")).toBe("••••••••");
    expect(subtitleOf(detail, "recovery pin")).toBe("••••••••");
    const shown = byType(detail, "List.Item").map((n) => `${n.props.title} ${n.props.subtitle ?? ""}`);
    expect(shown.join("\n")).not.toContain(SECRET);
    const url = actionsOf(detail, "https://gist.github.com/");
    expect(url.map((a) => a.props.url ?? a.props.content)).toEqual([
      "https://gist.github.com/",
      "https://gist.github.com/",
    ]);
  });

  it("reveals a concealed field only on Reveal and masks it again on Hide", async () => {
    const detail = await openGitHubDetail();
    expect(actionsOf(detail, "username").map((a) => a.props.title)).not.toContain("Reveal username");
    await runAction(actionNamed(detail, "recovery pin", "Reveal recovery pin"));
    await until(() => subtitleOf(detail, "recovery pin") === PIN, "revealed pin");
    expect(subtitleOf(detail, "password")).toBe("••••••••");
    await runAction(actionNamed(detail, "recovery pin", "Hide recovery pin"));
    expect(subtitleOf(detail, "recovery pin")).toBe("••••••••");
  });

  it("copies a concealed field concealed, pastes a plain one, and copies the field's reference", async () => {
    const detail = await openGitHubDetail();
    await runAction(actionNamed(detail, "recovery pin", "Copy recovery pin"));
    await runAction(actionNamed(detail, "username", "Copy username"));
    await runAction(actionNamed(detail, "recovery email", "Paste recovery email"));
    expect(recorder.clipboard).toEqual([
      { content: PIN, concealed: true },
      { content: "octocat", concealed: false },
    ]);
    expect(recorder.pasted).toEqual(["o@example.com"]);
    expect(recorder.toasts.map((t) => t.title)).toEqual([
      "Copied recovery pin",
      "Copied username",
      "Pasted recovery email",
    ]);
    expect(actionNamed(detail, "recovery pin", "Copy Secret Reference").props.content).toBe(
      "op://Personal/GitHub/Recovery/recovery pin",
    );
    // No two actions of a field share a shortcut.
    const shortcuts = actionsOf(detail, "recovery pin")
      .map((a) => JSON.stringify(a.props.shortcut))
      .filter((s) => s !== undefined);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it("saves an attachment to Downloads only when asked, readable by the user alone, never over a file", async () => {
    const home = await mkdtemp(join(tmpdir(), "raycast-home-"));
    const previousHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const detail = await openGitHubDetail();
      await until(() => itemTitles(detail).includes("recovery-codes.txt"), "attachment row");
      expect(server.requests().filter((r) => r.includes("/files"))).toEqual([]);
      const save = actionNamed(detail, "recovery-codes.txt", "Save to Downloads");
      await runAction(save);
      await runAction(save);
      await until(() => recorder.toasts.filter((t) => t.style === "SUCCESS").length === 2, "two saves");
      const first = join(home, "Downloads", "recovery-codes.txt");
      const second = join(home, "Downloads", "recovery-codes (2).txt");
      expect(await readFile(first, "utf8")).toBe("x".repeat(2345));
      expect(await readFile(second, "utf8")).toBe("x".repeat(2345));
      expect((await stat(first)).mode & 0o777).toBe(0o600);
      expect(recorder.toasts.find((t) => t.style === "SUCCESS")).toMatchObject({
        title: "Saved recovery-codes.txt to Downloads",
        message: first,
      });
      expect(server.requests().filter((r) => r.includes("/files"))).toHaveLength(2);
    } finally {
      process.env.HOME = previousHome;
      await rm(home, { recursive: true, force: true });
    }
  });

  it("says why when Connect cannot read the item, instead of an empty view", async () => {
    server.setFaults({
      serverErrors: { count: 1000, status: 500 },
      only: { method: "GET", path: "/items/" },
    });
    const detail = await openGitHubDetail(false);
    await until(() => byType(detail, "List.EmptyView").length > 0, "error view");
    expect(byType(detail, "List.EmptyView")[0]?.props.title).toBe("Could not read the item");
    expect(recorder.toasts.at(-1)).toMatchObject({ style: "FAILURE", title: "Could not read the item" });
    expect(itemTitles(detail)).toEqual(["https://github.com/login", "https://gist.github.com/"]);
  });
});
