// Renders "Generate Password" and "Search Vaults" with the stand-in and checks what the user gets.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type React from "react";
import { act, create, type ReactTestInstance, type ReactTestRenderer } from "react-test-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import GeneratePassword from "../../raycast-extension/src/generate-password";
import SearchVaults from "../../raycast-extension/src/search-vaults";
import { findComponents, isComponent } from "./helpers/components";
import { environment, recorder, type ComponentName } from "./stand-in/raycast-api";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(element: React.ReactElement): ReactTestRenderer {
  let r: ReactTestRenderer | undefined;
  act(() => {
    r = create(element);
  });
  return r as ReactTestRenderer;
}
const byType = (r: ReactTestInstance, type: ComponentName) => findComponents(r, type);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "raycast-vaults-"));
  environment.supportPath = join(root, "support");
  const records = [
    { uuid: "A1", vaultUUID: "VAULTONE", vaultName: "Personal", itemTitle: "GitHub" },
    { uuid: "A2", vaultUUID: "VAULTONE", vaultName: "Personal", itemTitle: "Bank" },
    { uuid: "B1", vaultUUID: "VAULTTWO", vaultName: "Work", accountName: "ACME", itemTitle: "Jira" },
  ];
  for (const r of records) {
    await mkdir(join(root, "meta", r.vaultUUID), { recursive: true });
    await writeFile(
      join(root, "meta", r.vaultUUID, `${r.vaultUUID}_${r.uuid}.onepassword-item-metadata`),
      JSON.stringify({
        ...r,
        categoryUUID: "001",
        categorySingularName: "Login",
        categoryPluralName: "Logins",
      }),
    );
  }
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("Generate Password", () => {
  it("copies the shown password concealed, with the chosen length and character set", async () => {
    recorder.reset();
    const r = render(<GeneratePassword />);
    const accessory = render((byType(r.root, "List")[0] as ReactTestInstance).props.searchBarAccessory);
    await act(async () =>
      accessory.root.find((n) => isComponent(n, "List.Dropdown")).props.onChange("20:digits"),
    );
    const item = byType(r.root, "List.Item")[0] as ReactTestInstance;
    const password = String(item.props.title);
    expect(password).toMatch(/^[0-9]{20}$/);
    const copy = render(item.props.actions).root.find((n) => n.props.title === "Copy Password");
    await act(async () => copy.props.onAction());
    expect(recorder.clipboard).toEqual([{ content: password, concealed: true }]);
    act(() => r.unmount());
  });
});

describe("Search Vaults", () => {
  it("lists each vault with its account and item count, and pushes its items", async () => {
    recorder.reset({ metadataFolder: join(root, "meta") });
    const r = render(<SearchVaults />);
    for (let i = 0; i < 100 && byType(r.root, "List.Item").length < 2; i++) await act(async () => sleep(20));
    const vaults = byType(r.root, "List.Item");
    expect(vaults.map((v) => v.props.title)).toEqual(["Personal", "Work"]);
    expect(vaults[1]?.props.accessories).toEqual([{ tag: "ACME" }, { text: "1 item" }]);
    const push = render(vaults[0]?.props.actions).root.find((n) => isComponent(n, "Action.Push"));
    const pushed = render(push.props.target);
    expect(byType(pushed.root, "List.Item").map((n) => n.props.title)).toEqual(["Bank", "GitHub"]);
    act(() => r.unmount());
  });
});
