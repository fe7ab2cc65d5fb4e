// Connect: "load every item with its fields" from 5 vaults × 400 items on the local Connect server over
// loopback: our getItems beside the official @1password/connect SDK (keepAlive: true) as a
// listItems + getItem loop and as its Promise.all variant; same server, same run.
import { fork, type ChildProcess } from "node:child_process";
import { Agent, get } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const VAULTS = 5;
const ITEMS_PER_VAULT = 400;
/** Per-request server latency (the server's latency fault), the same for every contender. */
const LATENCY_MS = 3;
/** Times the server reads every item before it is handed to a contender (see warmUpServer). */
const SERVER_WARM_UP_ROUNDS = 6;
const TOKEN = "bench-token-0123456789abcdef";
const here = fileURLToPath(import.meta.url);

interface ServerStats {
  requestsByMethod: Record<string, number>;
  openConnections: number;
  peakOpenConnections: number;
  /** The server process's CPU time so far (user + system), in ms. */
  cpuMs: number;
}

type FromServer = { url: string; token: string } | { stats: ServerStats };

/** Child process: the local Connect server on its own core, as a real deployment has it apart from the client. */
async function serveForBench(seedPath: string): Promise<void> {
  const { startConnectServer } = await import("../connect-server/server.js");
  const server = await startConnectServer({ port: 0, host: "127.0.0.1", token: TOKEN, seed: seedPath });
  await warmUpServer(server.url);
  for (let waited = 0; server.stats.openConnections > 0 && waited < 2_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  // Counted from here: the warm-up's connections are closed and are no contender's.
  server.stats.peakOpenConnections = server.stats.openConnections;
  server.setFaults({ latencyMs: LATENCY_MS });
  process.send?.({ url: server.url, token: server.token } satisfies FromServer);
  process.on("message", (message) => {
    if (message === "stats")
      process.send?.({ stats: { ...structuredClone(server.stats), cpuMs: cpuMs() } } satisfies FromServer);
    if (message === "close") void server.close().then(() => process.exit(0));
  });
}

/**
 * The real Connect server is a compiled Go service that has long been running; this stand-in is
 * JavaScript, whose JIT and heap need a few thousand requests to settle (its CPU per run fell about
 * fourfold over the first six runs). Every server is warmed the same way before its contender sees
 * it, from inside its own process, with plain node:http over two connections and no latency, so no
 * contender's code is warmed by it.
 */
async function warmUpServer(url: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const read = (path: string) =>
    new Promise<unknown>((resolve, reject) => {
      get(`${url}${path}`, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        response.on("error", reject);
      }).on("error", reject);
    });
  const paths: string[] = [];
  for (const vault of (await read("/v1/vaults")) as { id: string }[]) {
    for (const item of (await read(`/v1/vaults/${vault.id}/items`)) as { id: string }[])
      paths.push(`/v1/vaults/${vault.id}/items/${item.id}`);
  }
  for (let round = 0; round < SERVER_WARM_UP_ROUNDS; round++) {
    let next = 0;
    const readNext = async (): Promise<void> => {
      while (next < paths.length) await read(paths[next++]!);
    };
    await Promise.all([readNext(), readNext()]);
  }
  agent.destroy();
}

function buildSeed() {
  const vaults = [];
  for (let v = 0; v < VAULTS; v++) {
    const items = [];
    for (let i = 0; i < ITEMS_PER_VAULT; i++) {
      const host = `service-${v}-${i}.example.com`;
      items.push({
        title: `Service ${v}-${i}`,
        category: i % 5 === 0 ? "API_CREDENTIAL" : "LOGIN",
        urls: [{ href: `https://${host}/login`, primary: true }],
        tags: i % 3 === 0 ? ["team", `env-${i % 4}`] : ["personal"],
        sections: [{ id: "extra", label: "Extra" }],
        fields: [
          {
            id: "username",
            type: "STRING",
            purpose: "USERNAME",
            label: "username",
            value: `user${i}@example.com`,
          },
          {
            id: "password",
            type: "CONCEALED",
            purpose: "PASSWORD",
            label: "password",
            value: `pw-${v}-${i}-x7Q!z`,
          },
          {
            id: "notesPlain",
            type: "STRING",
            purpose: "NOTES",
            label: "notesPlain",
            value: `Notes for ${host}`,
          },
          {
            id: `api${i}`,
            type: "CONCEALED",
            label: "api key",
            section: { id: "extra" },
            value: `key-${v}-${i}`,
          },
          {
            id: `host${i}`,
            type: "URL",
            label: "console",
            section: { id: "extra" },
            value: `https://${host}/console`,
          },
        ],
      });
    }
    vaults.push({ name: `Vault ${v + 1}`, description: `Benchmark vault ${v + 1}`, items });
  }
  return { vaults };
}

interface Contender {
  name: string;
  runs: number;
  /** Loads every item with its fields; answers how many were loaded (each checked to have fields). */
  load(url: string, token: string): Promise<number>;
}

interface Row {
  name: string;
  items: number;
  requests: number;
  medianMs: number;
  requestsPerSecond: number;
  peakConnections: number;
  /** The warm-up run: the contender's code not yet optimised (a warm server). */
  firstRunMs: number;
  /** CPU time per run, averaged over the measured runs: where the time goes on each side. */
  clientCpuMs: number;
  serverCpuMs: number;
}

/** This process's CPU time (user + system) so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function startServer(seedPath: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = fork(here, [], {
    env: { ...process.env, CONNECT_BENCH_SERVER: seedPath },
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = await nextMessage(child);
  if (!("url" in ready)) throw new Error("the benchmark server did not start");
  return { child, url: ready.url, token: ready.token };
}

function nextMessage(child: ChildProcess): Promise<FromServer> {
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as FromServer));
    child.once("exit", (code) => reject(new Error(`the benchmark server exited with ${code}`)));
  });
}

async function readStats(child: ChildProcess): Promise<ServerStats> {
  child.send("stats");
  const answer = await nextMessage(child);
  if (!("stats" in answer)) throw new Error("no stats from the benchmark server");
  return answer.stats;
}

const totalRequests = (stats: ServerStats) =>
  Object.values(stats.requestsByMethod).reduce((a, b) => a + b, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Each contender gets its own server (so its connection peak is its own), warmed up, then one warm-up
 * run of its own. The measured runs take turns, one run of each contender per round, so a change in
 * this shared machine's load during the benchmark falls on every contender alike, not on whichever
 * happened to run last.
 */
async function measureAll(contenders: Contender[], seedPath: string): Promise<Row[]> {
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  try {
    for (let i = 0; i < contenders.length; i++) servers.push(await startServer(seedPath));
    const measured = contenders.map(() => ({
      times: [] as number[],
      clientCpuMs: 0,
      items: 0,
      firstRunMs: 0,
    }));
    const statsBefore: ServerStats[] = [];
    for (const [i, contender] of contenders.entries()) {
      const { child, url, token } = servers[i]!;
      const started = performance.now();
      await contender.load(url, token); // warm-up: the contender's own code, in this process
      measured[i]!.firstRunMs = performance.now() - started;
      statsBefore.push(await readStats(child));
    }
    const rounds = Math.max(...contenders.map((c) => c.runs));
    for (let round = 0; round < rounds; round++) {
      for (const [i, contender] of contenders.entries()) {
        if (round >= contender.runs) continue;
        const { url, token } = servers[i]!;
        const cpuBefore = cpuMs();
        const started = performance.now();
        measured[i]!.items = await contender.load(url, token);
        measured[i]!.times.push(performance.now() - started);
        measured[i]!.clientCpuMs += cpuMs() - cpuBefore;
      }
    }
    const rows: Row[] = [];
    for (const [i, contender] of contenders.entries()) {
      const stats = await readStats(servers[i]!.child);
      const before = statsBefore[i]!;
      const { times, items, firstRunMs, clientCpuMs } = measured[i]!;
      const requests = (totalRequests(stats) - totalRequests(before)) / contender.runs;
      const medianMs = median(times);
      rows.push({
        name: contender.name,
        items,
        requests,
        medianMs,
        requestsPerSecond: requests / (medianMs / 1000),
        firstRunMs,
        // Counted over the warm-up run alone: later runs would add the SDK's idle sockets of runs before.
        peakConnections: before.peakOpenConnections,
        clientCpuMs: clientCpuMs / contender.runs,
        serverCpuMs: (stats.cpuMs - before.cpuMs) / contender.runs,
      });
    }
    return rows;
  } finally {
    for (const { child } of servers) {
      child.send("close");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
}

function countFull(items: { fields?: unknown[] }[]): number {
  const full = items.filter((item) => (item.fields?.length ?? 0) > 0).length;
  if (full !== VAULTS * ITEMS_PER_VAULT)
    throw new Error(`loaded ${full} items with fields, not ${VAULTS * ITEMS_PER_VAULT}`);
  return full;
}

async function main(): Promise<void> {
  const { createConnectClient } = await import("../../shared/src/connect/index.js");
  const { OnePasswordConnect } = await import("@1password/connect");
  const dir = mkdtempSync(join(tmpdir(), "connect-bench-"));
  const seedPath = join(dir, "seed.json");
  writeFileSync(seedPath, JSON.stringify(buildSeed()));

  const contenders: Contender[] = [
    {
      name: "ours: getItems() (bounded concurrency, pooled keep-alive)",
      runs: 7,
      async load(url, token) {
        const client = createConnectClient({ serverUrl: url, token });
        try {
          return countFull(await client.getItems());
        } finally {
          await client.close();
        }
      },
    },
    {
      name: "SDK: listItems + getItem loop",
      runs: 1,
      async load(url, token) {
        const sdk = OnePasswordConnect({ serverURL: url, token, keepAlive: true });
        const loaded = [];
        for (const vault of await sdk.listVaults()) {
          for (const summary of await sdk.listItems(vault.id!))
            loaded.push(await sdk.getItem(vault.id!, summary.id!));
        }
        return countFull(loaded);
      },
    },
    {
      name: "SDK: Promise.all of getItem per vault",
      runs: 7,
      async load(url, token) {
        const sdk = OnePasswordConnect({ serverURL: url, token, keepAlive: true });
        const loaded = [];
        for (const vault of await sdk.listVaults()) {
          const summaries = await sdk.listItems(vault.id!);
          loaded.push(...(await Promise.all(summaries.map((s) => sdk.getItem(vault.id!, s.id!)))));
        }
        return countFull(loaded);
      },
    },
  ];

  let rows: Row[];
  try {
    rows = await measureAll(contenders, seedPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const [ours, loop, all] = rows as [Row, Row, Row];
  const vsLoop = loop.medianMs / ours.medianMs;
  const vsAll = all.medianMs / ours.medianMs;

  console.log(`## Connect: load every item with its fields (${VAULTS} vaults × ${ITEMS_PER_VAULT} items)\n`);
  console.log(
    `Local Connect server (test/connect-server) in its own process on 127.0.0.1, ${LATENCY_MS} ms added to every ` +
      "response by its latency fault (a small stand-in for a real deployment's processing and network time), " +
      "the same for every contender; each contender gets a fresh server, first warmed by reading every item " +
      `${SERVER_WARM_UP_ROUNDS} times from inside its process (the real server is a long-running compiled service). ` +
      "Official SDK @1password/connect with keepAlive: true. Median of the measured runs after one warm-up run of " +
      "the contender (its time shown as first run); the contenders' measured runs take turns, one each per round, " +
      "so the load of this shared machine falls on all alike; peak open connections as counted by the server over one run; CPU time per run (user + system, " +
      "averaged over the measured runs) of the benchmark process (client) and of the server process.\n",
  );
  console.log(
    "| Contender | Items | Requests | Time (ms) | Requests/s | Peak open connections | Client CPU (ms) | Server CPU (ms) | First run (ms) | vs ours |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.items} | ${Math.round(row.requests)} | ${row.medianMs.toFixed(0)} | ` +
        `${row.requestsPerSecond.toFixed(0)} | ${row.peakConnections} | ${row.clientCpuMs.toFixed(0)} | ` +
        `${row.serverCpuMs.toFixed(0)} | ${row.firstRunMs.toFixed(0)} | ${(row.medianMs / ours.medianMs).toFixed(2)}× |`,
    );
  }
  console.log("");
  console.log(
    `target: getItems at least 5× the SDK's listItems + getItem loop: ${vsLoop.toFixed(1)}× ${vsLoop >= 5 ? "met" : "MISSED"}`,
  );
  console.log(
    `target: getItems at least 2.5× the SDK's Promise.all variant: ${vsAll.toFixed(1)}× ${vsAll >= 2.5 ? "met" : "MISSED"}`,
  );
}

// Last, so every declaration above exists when it runs.
if (process.env.CONNECT_BENCH_SERVER) {
  await serveForBench(process.env.CONNECT_BENCH_SERVER);
} else {
  await main();
}
