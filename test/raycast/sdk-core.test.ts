// Where the bundled SDK finds its WASM core: linked from assets/ beside the bundle once, never over a file there.
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { placeSdkCore } from "../../raycast-extension/src/api/sdkCore";
import { environment } from "./stand-in/raycast-api";

let bundle: string;
const assetsBefore = environment.assetsPath;
beforeEach(async () => {
  bundle = await mkdtemp(join(tmpdir(), "raycast-sdk-core-"));
  environment.assetsPath = join(bundle, "assets");
});
afterEach(async () => {
  environment.assetsPath = assetsBefore;
  await rm(bundle, { recursive: true, force: true });
});

describe("placeSdkCore", () => {
  it("links the core shipped in assets/ beside the bundle, where the SDK reads it", async () => {
    await mkdir(join(bundle, "assets"));
    await writeFile(join(bundle, "assets", "core_bg.wasm"), "core");
    await placeSdkCore(bundle);
    expect(await readlink(join(bundle, "core_bg.wasm"))).toBe(join("assets", "core_bg.wasm"));
    expect(await readFile(join(bundle, "core_bg.wasm"), "utf8")).toBe("core");
    await placeSdkCore(bundle); // the second launch finds it in place
  });

  it("leaves a core already beside the bundle alone", async () => {
    await mkdir(join(bundle, "assets"));
    await writeFile(join(bundle, "assets", "core_bg.wasm"), "shipped");
    await writeFile(join(bundle, "core_bg.wasm"), "in place");
    await placeSdkCore(bundle);
    expect((await lstat(join(bundle, "core_bg.wasm"))).isSymbolicLink()).toBe(false);
    expect(await readFile(join(bundle, "core_bg.wasm"), "utf8")).toBe("in place");
  });

  it("does nothing outside a bundle or without a shipped core (the SDK then loads from node_modules)", async () => {
    await placeSdkCore(undefined);
    await placeSdkCore(bundle);
    await expect(lstat(join(bundle, "core_bg.wasm"))).rejects.toThrow(/ENOENT/);
  });
});
