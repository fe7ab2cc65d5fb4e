// Every dependency a package declares is used by its code: a declared but unused package is dead weight in what
// users install (and a sign that a hand-written twin replaced it). An extension's code includes the shared library it
// bundles: the VS Code extension declares @1password/sdk because shared/ imports it on first use and the build ships
// it beside the bundle.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The package names a source text imports or requires, by bare specifier ("a", "a/b", "@s/a/b" → "a", "@s/a"). */
export function importedPackages(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(
    /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["']([^"'./][^"']*)["']/g,
  )) {
    const parts = match[1]!.split("/");
    found.add(match[1]!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return found;
}

describe("declared dependencies", () => {
  it("reads every import form the packages use", () => {
    const seen = importedPackages(
      'import a from "x";\nimport type { B } from "@s/b/sub";\nconst c = await import("c-pkg");\nrequire("d/e");\nimport "side";\nimport f from "./local";',
    );
    expect([...seen].sort()).toEqual(["@s/b", "c-pkg", "d", "side", "x"]);
  });

  it.each(["shared", "vscode-extension", "raycast-extension"])(
    "%s imports each of its dependencies",
    (folder) => {
      const manifest = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      const used = new Set<string>();
      const bundled = folder === "shared" ? [] : [join(root, "shared", "src")];
      for (const file of [join(root, folder, "src"), ...bundled].flatMap(sourceFiles)) {
        for (const name of importedPackages(readFileSync(file, "utf8"))) used.add(name);
      }
      const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !used.has(name));
      expect(unused, `declared in ${folder}/package.json but imported nowhere in ${folder}/src`).toEqual([]);
    },
  );
});
