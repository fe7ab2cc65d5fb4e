// The command line: `npx tsx test/connect-server/cli.ts` prints its URL and token, serves, stops on SIGTERM, refuses bad arguments.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) stopGroup(child, "SIGKILL");
});

/** Starts the CLI in its own process group, so npx, tsx and node are stopped together. */
function startCli(args: string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn("npx", ["tsx", "test/connect-server/cli.ts", ...args], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = read().match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${pattern} in the output: ${read()}`);
}

describe("npm run connect-server", () => {
  it("prints the URL and token, serves the demo seed, and stops on SIGTERM", async () => {
    const cli = startCli(["--port", "0", "--seed", "demo"]);
    const [, url] = await waitFor(cli.stdout, /at (http:\/\/127\.0\.0\.1:\d+)\n/);
    const [, token] = await waitFor(cli.stdout, /Token: (\S+)\n/);
    expect(cli.stdout()).toMatch(/Seed: demo \(6 vaults, \d{3} items\)/);
    expect(await (await fetch(`${url}/heartbeat`)).text()).toBe(".");
    const vaults = (await (
      await fetch(`${url}/v1/vaults`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as unknown[];
    expect(vaults).toHaveLength(6);
    expect((await fetch(`${url}/v1/vaults`, { headers: { authorization: "Bearer wrong" } })).status).toBe(
      401,
    );

    stopGroup(cli.child, "SIGTERM");
    await cli.exit;
    await expect(fetch(`${url}/heartbeat`)).rejects.toThrow();
  });

  it("accepts the token it is given", async () => {
    const cli = startCli(["--port", "0", "--token", "my-local-token"]);
    const [, url] = await waitFor(cli.stdout, /at (http:\/\/127\.0\.0\.1:\d+)\n/);
    expect(cli.stdout()).toContain("Token: my-local-token\n");
    const response = await fetch(`${url}/v1/vaults`, { headers: { authorization: "Bearer my-local-token" } });
    expect(response.status).toBe(200);
  });

  it.each([
    [["--port", "99999"], /--port 99999 is not a port number/, 2],
    [["--port", "http"], /--port http is not a port number/, 2],
    [["--seed", "demo"], /--port is required/, 2],
    [["--port", "0", "--colour", "blue"], /Unknown option '--colour'/, 2],
    [
      ["--port", "0", "--seed", "/nonexistent/seed.json"],
      /The seed file \/nonexistent\/seed.json cannot be read \(ENOENT\)/,
      1,
    ],
  ])("%j exits non-zero with a clear message", async (args, message, code) => {
    const cli = startCli(args);
    expect(await cli.exit).toBe(code);
    expect(cli.stderr()).toMatch(message);
    expect(cli.stdout()).toBe("");
  });

  it("a malformed seed file exits 1 naming the file and the fault", async () => {
    const dir = await mkdtemp(join(tmpdir(), "connect-cli-"));
    try {
      const path = join(dir, "seed.json");
      await writeFile(
        path,
        JSON.stringify({ vaults: [{ name: "A", items: [{ title: "T", category: "BOAT" }] }] }),
      );
      const cli = startCli(["--port", "0", "--seed", path]);
      expect(await cli.exit).toBe(1);
      expect(cli.stderr()).toContain(
        `The seed file ${path}: vaults[0].items[0] ("T").category "BOAT" is not a Connect item category.`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
