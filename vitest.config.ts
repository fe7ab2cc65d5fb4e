import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // Tests run against the library's source, so no build is needed before them.
      "@op-bridge/shared": here("./shared/src/index.ts"),
      // Both modules exist only inside their hosts; unit tests use stand-ins typed against them.
      "@raycast/api": here("./test/raycast/stand-in/raycast-api.tsx"),
      vscode: here("./test/vscode/stand-in/vscode.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // *.desktop.test.ts need the stand-in desktop app installed: `npm run test:desktop-app` runs them.
    exclude: ["**/node_modules/**", "test/e2e/**", "**/*.desktop.test.ts"],
    // @raycast/utils imports @raycast/api: inlined, its imports go through the alias to the stand-in too.
    server: { deps: { inline: ["@raycast/utils"] } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
