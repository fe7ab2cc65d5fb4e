// `npm run connect-server -- --port <port> [--token <token>] [--seed <demo | path.json>]`: serves until Ctrl-C.
import { parseArgs } from "node:util";
import { SeedError, startConnectServer } from "./server.js";

const USAGE =
  "usage: npm run connect-server -- --port <port> [--token <token>] [--seed <demo | path.json>] [--max-inline-kb <kb>]";

function fail(message: string, code = 2): never {
  process.stderr.write(`connect-server: ${message}\n${code === 2 ? `${USAGE}\n` : ""}`);
  process.exit(code);
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        token: { type: "string" },
        seed: { type: "string", default: "demo" },
        "max-inline-kb": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.port === undefined) fail("--port is required (0 picks a free port)");
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535)
    fail(`--port ${values.port} is not a port number (0–65535)`);
  if (values.token !== undefined && !/^[\x21-\x7e]+$/.test(values.token))
    fail("--token must be printable characters without spaces");
  let maxInlineFileSizeKb: number | undefined;
  if (values["max-inline-kb"] !== undefined) {
    maxInlineFileSizeKb = Number(values["max-inline-kb"]);
    if (!/^\d+$/.test(values["max-inline-kb"]))
      fail(`--max-inline-kb ${values["max-inline-kb"]} is not a whole number`);
  }
  return { port, token: values.token, seed: values.seed, maxInlineFileSizeKb };
}

const options = readOptions();
let server;
try {
  server = await startConnectServer({ ...options, host: "127.0.0.1" });
} catch (error) {
  if (error instanceof SeedError) fail(error.message, 1);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") fail(`port ${options.port} is already in use`, 1);
  fail(`could not start: ${(error as Error).message}`, 1);
}

const vaults = (await fetch(`${server.url}/v1/vaults`, {
  headers: { authorization: `Bearer ${server.token}` },
}).then((r) => r.json())) as { items?: number }[];
const items = vaults.reduce((sum, vault) => sum + (vault.items ?? 0), 0);
process.stdout.write(
  [
    `Local 1Password Connect server (test tooling, in memory) at ${server.url}`,
    `Token: ${server.token}`,
    `Seed: ${options.seed} (${vaults.length} vaults, ${items} items)`,
    `Try: curl -H "Authorization: Bearer ${server.token}" ${server.url}/v1/vaults`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n"),
);

const running = server;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void running.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
