// The extension's manifest and store files: what Raycast and its store read before any code runs.
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ITEM_ACTION_IDS } from "../../raycast-extension/src/api/preferences";

const extension = join(import.meta.dirname, "..", "..", "raycast-extension");

interface Manifest {
  name: string;
  title: string;
  icon: string;
  platforms: string[];
  categories: string[];
  commands: { name: string; title: string; description: string; mode: string; interval?: string }[];
  preferences: {
    name: string;
    type: string;
    required: boolean;
    default?: string;
    data?: { value: string }[];
  }[];
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
}

const readManifest = async () =>
  JSON.parse(await readFile(join(extension, "package.json"), "utf8")) as Manifest;

describe("Raycast manifest", () => {
  it("declares the four commands, each with its source file, for macOS and Windows", async () => {
    const manifest = await readManifest();
    expect(manifest.platforms).toEqual(["macOS", "Windows"]);
    expect(manifest.categories.length).toBeGreaterThan(0);
    expect(manifest.commands.map((c) => [c.name, c.title, c.mode])).toEqual([
      ["search-items", "Search 1Password Items", "view"],
      ["search-vaults", "Search Vaults", "view"],
      ["generate-password", "Generate Password", "view"],
      ["clear-clipboard", "Clear Copied Secret", "no-view"],
    ]);
    // Raycast runs the clipboard's backstop in the background; its shortest interval is 10 s.
    expect(manifest.commands.find((c) => c.name === "clear-clipboard")?.interval).toBe("1m");
    for (const command of manifest.commands) {
      const source = join(extension, "src", command.name);
      await access(`${source}.${command.mode === "view" ? "tsx" : "ts"}`);
      expect(command.description.length).toBeGreaterThan(10);
    }
  });

  it("says in every command that reads 1Password 7 metadata that it exists only on macOS", async () => {
    const manifest = await readManifest();
    const readers = manifest.commands.filter((c) => /metadata/i.test(c.description));
    expect(readers.map((c) => c.name)).toEqual(["search-items", "search-vaults"]);
    for (const command of readers) expect(command.description).toMatch(/1Password 7 metadata \(macOS only\)/);
  });

  it("keeps tokens in password preferences and offers the metadata folder, both actions and the clipboard time", async () => {
    const manifest = await readManifest();
    const byName = Object.fromEntries(manifest.preferences.map((p) => [p.name, p]));
    expect(byName.metadataFolder).toMatchObject({ type: "directory", required: false });
    expect(byName.connectUrl).toMatchObject({ type: "textfield", required: false });
    expect(byName.connectToken).toMatchObject({ type: "password", required: false });
    expect(byName.serviceAccountToken).toMatchObject({ type: "password", required: false });
    expect(byName.primaryAction?.default).toBe("open-and-fill");
    // Both action preferences offer every action the code knows, in its order, and nothing else.
    for (const name of ["primaryAction", "secondaryAction"]) {
      expect(
        byName[name]?.data?.map((d) => d.value),
        name,
      ).toEqual([...ITEM_ACTION_IDS]);
    }
    expect(byName.secondaryAction?.default).toBe("open-in-1password");
    expect(byName.clipboardClearSeconds).toMatchObject({ type: "dropdown", required: false, default: "90" });
    expect(byName.clipboardClearSeconds?.data?.map((d) => d.value)).toContain("0");
  });

  it("ships a 512×512 PNG icon, a README naming every command and a CHANGELOG", async () => {
    const manifest = await readManifest();
    const png = await readFile(join(extension, "assets", manifest.icon));
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    // IHDR: width and height are the first two big-endian words of its data.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const readme = await readFile(join(extension, "README.md"), "utf8");
    for (const command of manifest.commands) expect(readme).toContain(command.title);
    const changelog = await readFile(join(extension, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/^# .*Changelog/m);
    expect(changelog).toContain("{PR_MERGE_DATE}");
  });

  it("lints with Raycast's ESLint config and Prettier", async () => {
    const manifest = await readManifest();
    expect(manifest.scripts.lint).toBe("eslint src && prettier --check src");
    expect(Object.keys(manifest.devDependencies)).toEqual(
      expect.arrayContaining(["@raycast/eslint-config", "eslint", "prettier"]),
    );
    expect(await readFile(join(extension, "eslint.config.js"), "utf8")).toContain("@raycast/eslint-config");
  });
});
