// The suites that need the stand-in desktop app installed (files named *.desktop.test.ts): run them with
// `npm run test:desktop-app`, which runs vitest with this config under run-with-app.ts.
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.js";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/**/*.desktop.test.ts"],
    exclude: ["**/node_modules/**", "test/e2e/**"],
    // Each file runs in its own process: the library reads the app's socket from that process's environment.
    pool: "forks",
  },
});
