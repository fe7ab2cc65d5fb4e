// The one vault picker of Save in 1Password and Generate Password: open at once and busy while the vaults
// load, or (Generate Password) read first so a lone vault is taken without a question.
import { beforeEach, expect, test } from "vitest";
import { pickVault } from "../../vscode-extension/src/commands/requireSources.js";
import type { Source } from "../../vscode-extension/src/sources/SourceRegistry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
beforeEach(() => standIn.reset());

function sourceWith(vaults: { id: string; name: string }[]) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const listing: { pending: boolean } = { pending: false };
  const provider = {
    listVaults: async () => {
      listing.pending = true;
      await released;
      listing.pending = false;
      return vaults;
    },
  };
  const source = { id: "connect:x", kind: "connect", label: "Team server", provider } as unknown as Source;
  return { source, release, listing };
}

test("the picker opens while the vaults are still loading, sorted by name when they come", async () => {
  const { source, release, listing } = sourceWith([
    { id: "v2", name: "Team" },
    { id: "v1", name: "Platform" },
  ]);
  const original = vscode.window.showQuickPick;
  let openedWhileLoading: boolean | undefined;
  vscode.window.showQuickPick = ((items: never, options: never) => {
    openedWhileLoading = listing.pending;
    return original(items, options);
  }) as typeof original;
  try {
    standIn.answer({ quickPick: "Team" });
    const picked = pickVault(source, { title: "Save in 1Password", placeHolder: "Which vault?" });
    await expect.poll(() => openedWhileLoading).toBe(true);
    release();
    expect(await picked).toEqual({ id: "v2", name: "Team" });
    expect(standIn.state.pickers[0]).toMatchObject({
      title: "Save in 1Password",
      labels: ["Platform", "Team"],
    });
  } finally {
    vscode.window.showQuickPick = original;
  }
});

test("a lone vault is still offered to Save in 1Password, and taken without a question by Generate Password", async () => {
  const lone = [{ id: "v1", name: "Private" }];
  const save = sourceWith(lone);
  save.release();
  standIn.answer({ quickPick: "Private" });
  expect(await pickVault(save.source, { title: "Save", placeHolder: "?" })).toEqual(lone[0]);
  expect(standIn.state.pickers).toHaveLength(1);

  const generate = sourceWith(lone);
  generate.release();
  expect(
    await pickVault(generate.source, { title: "Generate", placeHolder: "?", takeLoneVault: true }),
  ).toEqual(lone[0]);
  expect(standIn.state.pickers).toHaveLength(1);
  expect(standIn.state.progress.map((p) => p.title)).toEqual(["Reading the vaults of Team server…"]);
});

test("a source without vaults says what to do; Escape cancels", async () => {
  const empty = sourceWith([]);
  empty.release();
  await expect(pickVault(empty.source, { title: "Save", placeHolder: "?" })).rejects.toThrow(
    "Team server lists no vaults: give its token access to a vault in 1Password.",
  );
  const two = sourceWith([
    { id: "a", name: "A" },
    { id: "b", name: "B" },
  ]);
  two.release();
  standIn.answer({ quickPick: undefined });
  await expect(pickVault(two.source, { title: "Save", placeHolder: "?" })).rejects.toHaveProperty(
    "name",
    "CancellationError",
  );
});
