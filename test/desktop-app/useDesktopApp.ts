// For vitest suites run under run-with-app.ts: a fresh stand-in app per test file, in the test's own
// process (so tests switch its failure mode directly), reset to working after every test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startDesktopApp, type DesktopApp } from "./app.js";
import { ourInstallation } from "./install.js";
import { SOCKET_VARIABLE } from "./protocol.js";

/** Starts the app before the file's tests; the returned function gives it to them. */
export function useDesktopApp(): () => DesktopApp {
  let app: DesktopApp | undefined;
  let folder = "";
  let previousSocket: string | undefined;
  beforeAll(async () => {
    const installation = ourInstallation();
    if (!installation) {
      throw new Error(
        "The stand-in desktop app's library is not installed: run this suite through `npm run test:desktop-app`.",
      );
    }
    folder = mkdtempSync(join(tmpdir(), "op-bridge-app-"));
    app = await startDesktopApp({
      socketPath: join(folder, "app.sock"),
      setLibraryInstalled: installation.setInstalled,
    });
    previousSocket = process.env[SOCKET_VARIABLE];
    // The library reads this on every message, so the SDK in this process talks to this app.
    process.env[SOCKET_VARIABLE] = app.socketPath;
  });
  afterEach(async () => {
    await app?.setFailure("none");
  });
  afterAll(async () => {
    await app?.stop();
    if (previousSocket === undefined) delete process.env[SOCKET_VARIABLE];
    else process.env[SOCKET_VARIABLE] = previousSocket;
    rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    if (!app) throw new Error("The stand-in desktop app has not started.");
    return app;
  };
}
