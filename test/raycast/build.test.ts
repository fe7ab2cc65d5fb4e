// Slow suite: the extension builds with the real `ray build` (types checked), in the workspace and as a released
// folder alone, and the built bundles run: loaded in Node as Raycast loads them, they start the SDK's WASM core.
import { execFile } from "node:child_process";
import { cp, lstat, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type React from "react";
import type { ReactTestInstance } from "react-test-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSharedLibraryIfStale,
  bundlesFolder,
  bundleView,
  loadBuiltBundles,
  rayBuild,
  repo,
  unreachableServiceAccountToken,
  workspaceBundlesFolder,
  type LoadedBundles,
} from "./helpers/builtBundle";
import { installedSdkCore } from "../../scripts/prepare-raycast";
import { writeMetadataFolder } from "./helpers/metadata";

const run = promisify(execFile);
const extension = join(repo, "raycast-extension");
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function expectSameBytes(actual: string, expected: string): Promise<void> {
  const [a, b] = await Promise.all([readFile(actual), readFile(expected)]);
  expect(a.length).toBe(b.length);
  expect(a.equals(b), `${actual} differs from ${expected}`).toBe(true);
}

const ofType = (root: ReactTestInstance, type: string) => root.findAll((n) => n.type === type);

/**
 * Renders Search 1Password Items from a built bundle on a metadata folder, opens Share Item on GitHub with a
 * service account token, and answers what the share view says once the SDK gave up.
 */
async function shareFailureFromBundle(loaded: LoadedBundles, outFolder: string, metadataFolder: string) {
  const { standIn, react } = loaded;
  standIn.recorder.reset({ metadataFolder, serviceAccountToken: unreachableServiceAccountToken() });
  standIn.environment.assetsPath = join(outFolder, "assets");
  const SearchItems = loaded.command(join(outFolder, "search-items.js"));
  const { render, until, close } = bundleView(loaded);
  try {
    const list = await render(react.createElement(SearchItems));
    const github = await until(
      () => ofType(list.root, "List.Item").find((n) => n.props.title === "GitHub"),
      "the GitHub row",
    );
    const panel = await render(github.props.actions as React.ReactElement);
    const share = ofType(panel.root, "Action.Push").find((n) => n.props.title === "Share Item");
    expect(share, "a Share Item action (the token preference is set)").toBeDefined();
    const view = await render(share?.props.target as React.ReactElement);
    const empty = await until(() => ofType(view.root, "List.EmptyView")[0], "the share view's outcome");
    return { title: empty.props.title as string, description: String(empty.props.description) };
  } finally {
    await close();
  }
}

/** What every built bundle must show: the core started and failed on the network, never on a missing file. */
async function expectCoreStarts(loaded: LoadedBundles, outFolder: string, metadataFolder: string) {
  const failure = await shareFailureFromBundle(loaded, outFolder, metadataFolder);
  expect(failure.title).toBe("Cannot share this item");
  expect(failure.description).toMatch(/error sending request/);
  expect(failure.description).not.toMatch(/core_bg\.wasm|ENOENT|could not be loaded/);
  // The core the bundle read is the one shipped in assets/, linked beside the bundle on first use.
  expect((await lstat(join(outFolder, "core_bg.wasm"))).isSymbolicLink()).toBe(true);
  await expectSameBytes(join(outFolder, "core_bg.wasm"), join(outFolder, "assets", "core_bg.wasm"));
}

describe("Raycast extension build (slow)", () => {
  let loaded: LoadedBundles;
  let metadataFolder: string;
  beforeAll(async () => {
    loaded = await loadBuiltBundles();
    metadataFolder = await writeMetadataFolder();
  });
  afterAll(async () => {
    loaded?.close();
    await rm(metadataFolder, { recursive: true, force: true });
  });

  it("ray build -e dist checks types and writes bundles whose SDK core starts", async () => {
    const out = workspaceBundlesFolder;
    await rm(out, { recursive: true, force: true });
    await buildSharedLibraryIfStale();
    await rayBuild(extension, out);
    const manifest = JSON.parse(await readFile(join(out, "package.json"), "utf8")) as {
      commands: { name: string }[];
    };
    expect(manifest.commands.map((c) => c.name)).toContain("search-items");
    expect((await stat(join(out, "assets", "icon.png"))).size).toBeGreaterThan(100);
    await expectSameBytes(join(out, "assets", "core_bg.wasm"), installedSdkCore(repo));
    await expectCoreStarts(loaded, out, metadataFolder);
  }, 300_000);

  it("npm run release:raycast writes a folder that installs, builds on its own and whose SDK core starts", async () => {
    await run("npm", ["run", "release:raycast"], { cwd: repo });
    const alone = await mkdtemp(join(tmpdir(), "ray-release-"));
    const out = join(bundlesFolder, "release");
    await rm(out, { recursive: true, force: true });
    try {
      await cp(join(extension, "release"), alone, { recursive: true });
      const manifest = JSON.parse(await readFile(join(alone, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
        scripts: Record<string, string>;
      };
      expect(manifest.dependencies["@op-bridge/shared"]).toBe("file:./vendor/op-bridge-shared");
      await run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: alone });
      await rayBuild(alone, out);
      // The core shipped in assets/ is the one the release folder's own install holds.
      await expectSameBytes(join(out, "assets", "core_bg.wasm"), installedSdkCore(alone));
      await expectCoreStarts(loaded, out, metadataFolder);
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  }, 600_000);
});
