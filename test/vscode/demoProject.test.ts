// The demo project npm start opens: VS Code does not offer the clone's git repository for it, and legacy.env
// opens in the same language as .env.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { demoSettings, writeDemoProject } from "../../scripts/start/demo-project.js";

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

test("the project's settings keep VS Code's git out of the parent repository and give *.env one language", async () => {
  folder = await mkdtemp(join(tmpdir(), "op-bridge-demo-"));
  await writeDemoProject(folder, [
    { name: "GITHUB_PASSWORD", reference: "op://Development/GitHub/password" },
  ]);
  const settings = JSON.parse(await readFile(join(folder, ".vscode/settings.json"), "utf8")) as Record<
    string,
    unknown
  >;
  expect(settings).toEqual(demoSettings);
  expect(settings["git.openRepositoryInParentFolders"]).toBe("never");
  // VS Code gives .env (a file name) Properties; *.env makes legacy.env the same.
  expect(settings["files.associations"]).toEqual({ "*.env": "properties" });
  expect(await readFile(join(folder, "legacy.env"), "utf8")).toMatch(/^GITHUB_TOKEN=ghp_/m);
});
