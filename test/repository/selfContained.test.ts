// A clone has nothing beside it: no source, test, script or config file may reach a path outside the repository.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Files whose text can name a path the build, the tests or the product read. */
const checkedFile = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|sh|yaml|yml|gyp)$|(^|\/)run$/;

// Relative paths in quotes, template literals or after "=" / "(" / a space, e.g. "../../shared/x" or `${dir}/../x`.
const relativePath = /(?:^|["'`(=\s]|\/)((?:\.\.\/)+[\w.@-]*)/g;
// Places outside any clone that files on this project's machines have pointed to before.
const outsideNames = [["", "work", "shared"].join("/"), ["", "work", "main"].join("/")];

function repositoryFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  return listed.split("\n").filter((file) => checkedFile.test(file) && !file.includes("node_modules/"));
}

/** A line that is only a comment says where something came from; it reads nothing. */
const isCommentOnly = (line: string) => /^\s*(\/\/|#|\*|\/\*)/.test(line);

/** The paths a file's text points outside the repository, as "line: text". */
export function findOutsidePaths(file: string, text: string, repositoryRoot = root): string[] {
  const found: string[] = [];
  const directory = dirname(join(repositoryRoot, file));
  text.split("\n").forEach((line, index) => {
    if (isCommentOnly(line)) return;
    for (const match of line.matchAll(relativePath)) {
      const target = resolve(directory, match[1]);
      const inside = relative(repositoryRoot, target);
      if (inside.startsWith("..") || inside.split(sep)[0] === "..") found.push(`${index + 1}: ${match[1]}`);
    }
    for (const name of outsideNames) if (line.includes(name)) found.push(`${index + 1}: ${name}`);
  });
  return found;
}

describe("the repository is self-contained", () => {
  it("finds a path that leaves the repository, and accepts one that stays inside", () => {
    // Built from pieces, so this file does not itself point outside.
    const up = (levels: number) => "../".repeat(levels);
    expect(
      findOutsidePaths("test/connect-server/x.ts", `join(here, "${up(3)}shared/connect-openapi.yaml")`),
    ).toEqual([`1: ${up(3)}shared`]);
    expect(
      findOutsidePaths("test/connect-server/x.ts", 'join(here, "../fixtures/connect-openapi/spec.yaml")'),
    ).toEqual([]);
    expect(findOutsidePaths("scripts/x.ts", `// from ${up(2)}shared/STYLE.md`)).toEqual([]);
  });

  it("no source, test, script or config file refers to a path outside the clone", () => {
    const offenders = repositoryFiles().flatMap((file) =>
      findOutsidePaths(file, readFileSync(join(root, file), "utf8")).map((where) => `${file}:${where}`),
    );
    expect(offenders).toEqual([]);
  });
});
