import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { SdkError, loadSdkClient } from "@op-bridge/shared";

// These use the real SDK: its WASM core checks tokens locally, so bad tokens fail offline.
describe("loadSdkClient with the real SDK", () => {
  it("refuses something that is not a service account token without loading the SDK", async () => {
    const error = (await loadSdkClient({ auth: { serviceAccountToken: "ghp_notAnOpToken123" } }).catch(
      (e: unknown) => e,
    )) as SdkError;
    expect(error).toBeInstanceOf(SdkError);
    expect(error.kind).toBe("invalid-token");
    expect(error.message).toMatch(/start with ops_/);
    expect(`${error.message}${error.stack}${JSON.stringify(error)}`).not.toContain("notAnOpToken123");
  });

  it("says what to do when the SDK rejects a token, and never shows the token", async () => {
    const token = "ops_bm90LWEtcmVhbC10b2tlbi1zZWNyZXQtdmFsdWU";
    const error = (await loadSdkClient({
      auth: { serviceAccountToken: token },
      integrationVersion: "0.1.0",
    }).catch((e: unknown) => e)) as SdkError;
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({ name: "SdkError", kind: "invalid-token" });
    expect(error.message).toMatch(/did not accept the service account token: copy it again/);
    for (const text of [error.message, String(error), error.stack ?? "", JSON.stringify(error)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain("bm90LWEtcmVhbC10b2tlbi1zZWNyZXQtdmFsdWU");
    }
    expect(error.cause).toBeUndefined();
  });

  it("explains how to set up the desktop app when it is not there", async () => {
    // The SDK prints its own stack trace when the app's library is missing; keep the test output clean.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const error = (await loadSdkClient({ auth: { desktopAccount: "My Team" } }).catch(
        (e: unknown) => e,
      )) as SdkError;
      expect(error).toBeInstanceOf(SdkError);
      expect(error.kind).toBe("desktop-unavailable");
      expect(error.message).toMatch(/install and open 1Password 8.*Integrate with other apps/);
    } finally {
      quiet.mockRestore();
    }
  });

  it("asks for an account name for the desktop app", async () => {
    await expect(loadSdkClient({ auth: { desktopAccount: "  " } })).rejects.toThrow(
      /Name the 1Password account/,
    );
  });

  it("honours an aborted signal", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      loadSdkClient({ auth: { serviceAccountToken: "ops_abc" }, signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("the SDK stays out of the startup path", () => {
  it("is imported by shared/ only as types, and at run time only by loadSdkClient's dynamic import", () => {
    const root = fileURLToPath(new URL("../../../shared/src", import.meta.url));
    const offenders: string[] = [];
    const dynamicImporters: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith(".ts")) {
          const source = readFileSync(path, "utf8");
          for (const match of source.matchAll(
            /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+"@1password\/sdk"/gm,
          )) {
            offenders.push(`${path}: ${match[0].trim()}`);
          }
          if (
            /await\s+import\("@1password\/sdk"\)|\bimport\("@1password\/sdk"\)\.|\?\?=\s*import\("@1password\/sdk"\)/.test(
              source,
            )
          ) {
            dynamicImporters.push(path.slice(root.length + 1));
          }
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
    expect(dynamicImporters).toEqual([join("sdk", "loadSdkClient.ts")]);
  });

  it("is not loaded when the library is imported, only when a client is first asked for", async () => {
    // A fresh Node process: importing the library must not pull in the SDK (~14 MB WASM core).
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const sdkModules = () => Object.keys(require.cache).filter((k) => k.includes("@1password")).length;
      const shared = await import("./shared/src/index.ts");
      const before = sdkModules();
      await shared.loadSdkClient({ auth: { serviceAccountToken: "ops_x" } }).catch(() => {});
      console.log(JSON.stringify({ before, after: sdkModules() }));
    `;
    const cwd = fileURLToPath(new URL("../../..", import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd, timeout: 30_000 },
    );
    const counts = JSON.parse(stdout.trim().split("\n").pop()!) as { before: number; after: number };
    expect(counts.before).toBe(0);
    expect(counts.after).toBeGreaterThan(0);
  });
});
