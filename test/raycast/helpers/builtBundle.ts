// Loads a command bundle written by `ray build` in Node, as Raycast would, with @raycast/api answered by the stand-in.
import { execFile } from "node:child_process";
import { mkdir, readdir, stat } from "node:fs/promises";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import type React from "react";
import type * as TestRenderer from "react-test-renderer";
import type { ReactTestRenderer } from "react-test-renderer";
import type * as StandIn from "../stand-in/raycast-api";

const run = promisify(execFile);
export const repo = join(import.meta.dirname, "..", "..", "..");
/**
 * Bundles are written inside the repository so that their `require("react")` finds the repository's React,
 * which Raycast itself provides to a bundle (`ray build` leaves react and @raycast/api out of it).
 */
export const bundlesFolder = join(repo, ".cache", "raycast-bundles");

/** `ray build -e dist` with its own type check (no --skip-types), as a contributor or the Store runs it. */
export async function rayBuild(extensionFolder: string, outFolder: string): Promise<void> {
  await run("npx", ["ray", "build", "-e", "dist", "-o", outFolder], { cwd: extensionFolder });
}

/** Where the workspace's own build goes; build.test.ts rebuilds it, other suites reuse it while it is current. */
export const workspaceBundlesFolder = join(bundlesFolder, "workspace");

/**
 * What a build of the extension is made of: when one of these is newer than the bundle, the bundle is stale.
 * `ray build` reads the shared library's build (shared/dist, as its package.json says), not its sources.
 */
const buildInputs = [
  join(repo, "raycast-extension", "src"),
  join(repo, "raycast-extension", "assets"),
  join(repo, "raycast-extension", "package.json"),
  join(repo, "shared", "dist"),
];

/** The newest change under a path; 0 when it does not exist. */
const newestChangeOrNone = (path: string) => newestChange(path).catch(() => 0);

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Builds the shared library when its sources changed since its build (npm run build does the same): `ray build`
 * type-checks against shared/dist, so a stale build fails it after shared/ changed its exports.
 */
export async function buildSharedLibraryIfStale(): Promise<void> {
  if (
    (await newestChange(join(repo, "shared", "src"))) >
    (await newestChangeOrNone(join(repo, "shared", "dist")))
  ) {
    await run("npm", ["run", "build", "-w", "shared"], { cwd: repo });
  }
}

/**
 * The workspace bundles of `ray build`, built only when missing or older than a source (a build takes
 * a minute on two cores): answers their folder.
 */
export async function currentWorkspaceBundles(): Promise<string> {
  await buildSharedLibraryIfStale();
  const built = await stat(join(workspaceBundlesFolder, "search-items.js")).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  const changed = Math.max(...(await Promise.all(buildInputs.map(newestChangeOrNone))));
  if (built === 0 || changed > built) await rayBuild(join(repo, "raycast-extension"), workspaceBundlesFolder);
  return workspaceBundlesFolder;
}

export interface LoadedBundles {
  /** The CommonJS build of the stand-in the bundles received as @raycast/api: its recorder and environment. */
  standIn: typeof StandIn;
  react: typeof React;
  renderer: typeof TestRenderer;
  /** A command's default export, required from the bundle file. */
  command(bundleFile: string): React.FC;
  /** Stops answering @raycast/api with the stand-in. */
  close(): void;
}

/**
 * The stand-in is compiled to CommonJS (React left outside, so bundle, stand-in and renderer share one React)
 * and Node's resolver answers `@raycast/api` with it: the real package holds only types and the `ray` CLI.
 */
export async function loadBuiltBundles(): Promise<LoadedBundles> {
  const standInFile = join(bundlesFolder, "raycast-api-stand-in.cjs");
  await mkdir(dirname(standInFile), { recursive: true });
  await build({
    entryPoints: [join(repo, "test", "raycast", "stand-in", "raycast-api.tsx")],
    outfile: standInFile,
    bundle: true,
    format: "cjs",
    platform: "node",
    jsx: "automatic",
    external: ["react", "react/jsx-runtime"],
    logLevel: "silent",
  });
  type Resolve = (request: string, ...rest: unknown[]) => string;
  const resolver = Module as unknown as { _resolveFilename: Resolve };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = (request, ...rest) =>
    request === "@raycast/api" ? standInFile : original.call(Module, request, ...rest);
  const requireHere = createRequire(join(bundlesFolder, "loader.cjs"));
  return {
    standIn: requireHere(standInFile) as typeof StandIn,
    react: requireHere("react") as typeof React,
    renderer: requireHere("react-test-renderer") as typeof TestRenderer,
    command: (bundleFile) => (requireHere(bundleFile) as { default: React.FC }).default,
    close: () => {
      resolver._resolveFilename = original;
    },
  };
}

/** Renders a bundle's elements with the bundle's own React and waits for what a user would see. */
export interface BundleView {
  render(element: React.ReactElement): Promise<ReactTestRenderer>;
  /** Waits (about 10 s at most) until `find` answers something. */
  until<T>(find: () => T | undefined, what: string): Promise<T>;
  /** Unmounts everything rendered. */
  close(): Promise<void>;
}

export function bundleView({ renderer }: LoadedBundles): BundleView {
  const { act, create } = renderer;
  const rendered: ReactTestRenderer[] = [];
  return {
    async render(element) {
      await act(async () => void rendered.push(create(element)));
      return rendered[rendered.length - 1] as ReactTestRenderer;
    },
    async until(find, what) {
      for (let i = 0; i < 400; i++) {
        const found = find();
        if (found !== undefined) return found;
        await act(() => new Promise((resolve) => setTimeout(resolve, 25)));
      }
      throw new Error(`timed out waiting for ${what}`);
    },
    async close() {
      for (const r of rendered.splice(0)) await act(async () => r.unmount());
    },
  };
}

/**
 * A service account token of the right shape whose every value is made up: the SDK's core parses it and
 * signs in at 127.0.0.1:9 (the discard port, where nothing listens), so the sign-in fails on the network.
 */
export function unreachableServiceAccountToken(): string {
  const credentials = {
    signInAddress: "127.0.0.1:9",
    userAuth: {
      method: "SRPg-4096",
      alg: "PBES2g-HS256",
      iterations: 650000,
      salt: "c2FsdHNhbHRzYWx0c2FsdA",
    },
    email: "bundle-test@1passwordserviceaccounts.com",
    srpX: "ab".repeat(32),
    muk: {
      alg: "A256GCM",
      ext: true,
      k: "Q".repeat(42) + "A",
      key_ops: ["encrypt", "decrypt"],
      kty: "oct",
      kid: "mp",
    },
    secretKey: "A3-ABCDEF-GHJKLM-NPQRS-TVWXY-Z2345-6789A",
    throttleSecret: { seed: "cd".repeat(32), uuid: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" },
    deviceUuid: "abcdefghijklmnopqrstuvwxyz",
  };
  return "ops_" + Buffer.from(JSON.stringify(credentials)).toString("base64url");
}
