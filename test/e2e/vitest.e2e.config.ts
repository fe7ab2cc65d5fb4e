// The end-to-end suite: a real VS Code per file, so files run one after another with long timeouts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../../", import.meta.url)),
  resolve: {
    // Specs drive a real VS Code, so there is no vscode stand-in here. Raycast exists only on macOS: its pictures
    // render the commands with the same @raycast/api stand-in as the unit tests.
    alias: {
      "@op-bridge/shared": fileURLToPath(new URL("../../shared/src/index.ts", import.meta.url)),
      "@raycast/api": fileURLToPath(new URL("../raycast/stand-in/raycast-api.tsx", import.meta.url)),
    },
  },
  test: {
    include: ["test/e2e/specs/**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A workbench flow is one story: no retries that would hide a flaky step.
    retry: 0,
  },
});
