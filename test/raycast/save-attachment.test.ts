// An attachment's name comes from a shared vault: saving it can never write outside Downloads or over a file.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { safeFileName, saveToDownloads } from "../../raycast-extension/src/api/saveAttachment";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "raycast-downloads-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("saving an attachment", () => {
  it.each([
    ["../../.ssh/authorized_keys", "authorized_keys"],
    ["..\\..\\Windows\\evil.dll", "evil.dll"],
    ["..", "attachment"],
    [".bashrc", "bashrc"],
    ["", "attachment"],
    ["a\u0000b\nc.txt", "a_b_c.txt"],
    ['con<>:"|?*.txt', "con_______.txt"],
  ])("writes %j as %j inside the folder", (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it("keeps every copy: the second and third saves get (2) and (3)", async () => {
    const bytes = new TextEncoder().encode("codes");
    const paths = [];
    for (let i = 0; i < 3; i++) paths.push(await saveToDownloads("codes.txt", bytes, folder));
    expect(paths.map((p) => p.slice(folder.length + 1))).toEqual([
      "codes.txt",
      "codes (2).txt",
      "codes (3).txt",
    ]);
    expect((await readdir(folder)).sort()).toEqual(["codes (2).txt", "codes (3).txt", "codes.txt"]);
  });

  it("puts a hostile name's file in the folder and nowhere else", async () => {
    const path = await saveToDownloads("../../escaped.txt", new Uint8Array([1]), join(folder, "Downloads"));
    expect(path).toBe(join(folder, "Downloads", "escaped.txt"));
    expect(await readdir(folder)).toEqual(["Downloads"]);
  });
});
