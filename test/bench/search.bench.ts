// Search: time per keystroke (every prefix of each relevance query, as a user types it) at 20k and
// 50k items, ours beside fuse.js with default options in the same run, plus top-1 relevance of both.
import Fuse from "fuse.js";
import { performance } from "node:perf_hooks";
import { createSearchIndex } from "../../shared/src/search/index.js";
import type { ItemSummary } from "../../shared/src/types.js";
import { generateSearchItems } from "../fixtures/search/generate.js";
import { RELEVANCE_QUERIES, hits } from "../fixtures/search/relevance.js";

const LIMIT = 50;
const FUSE_DEFAULT_KEYS = ["title", "vaultName", "accountName", "category", "urls"];

interface Engine {
  search(query: string): ItemSummary[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Types each query a character at a time; answers each keystroke's duration, sorted. */
function typeQueries(engine: Engine, rounds: number): number[] {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { query } of RELEVANCE_QUERIES) {
      for (let end = 1; end <= query.length; end++) {
        const started = performance.now();
        engine.search(query.slice(0, end));
        times.push(performance.now() - started);
      }
    }
  }
  return times.sort((a, b) => a - b);
}

function topHits(engine: Engine): number {
  return RELEVANCE_QUERIES.filter((q) => hits(engine.search(q.query), q, 1)).length;
}

interface Row {
  size: number;
  engine: string;
  buildMs: number;
  p50: number;
  p95: number;
  max: number;
  top1: number;
}

const rows: Row[] = [];
for (const size of [20_000, 50_000]) {
  const items = generateSearchItems(size);
  globalThis.gc?.();
  let started = performance.now();
  const index = createSearchIndex(items);
  const oursBuild = performance.now() - started;
  const ours: Engine = { search: (q) => index.search(q, { limit: LIMIT }) };
  started = performance.now();
  const fuse = new Fuse(items, { keys: FUSE_DEFAULT_KEYS });
  const fuseBuild = performance.now() - started;
  const theirs: Engine = { search: (q) => fuse.search(q, { limit: LIMIT }).map((r) => r.item) };

  typeQueries(ours, 1); // warm-up: JIT, not caches of the measured run (fresh index below)
  const fresh = createSearchIndex(items);
  const oursTimes = typeQueries({ search: (q) => fresh.search(q, { limit: LIMIT }) }, 3);
  const fuseTimes = typeQueries(theirs, 1);
  for (const [engine, buildMs, times, relevance] of [
    ["ours", oursBuild, oursTimes, topHits(ours)],
    ["fuse.js defaults", fuseBuild, fuseTimes, topHits(theirs)],
  ] as const) {
    rows.push({
      size,
      engine,
      buildMs,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1] ?? 0,
      top1: relevance,
    });
  }
}

const total = RELEVANCE_QUERIES.length;
const keystrokes = RELEVANCE_QUERIES.reduce((sum, q) => sum + q.query.length, 0);
console.log(`## Search

${total} relevance queries, typed one character at a time (${keystrokes} keystrokes per pass; ours: 3 passes
on a fresh index, fuse.js defaults: 1 pass), limit ${LIMIT}, generated vault with the targets planted among look-alikes.

| items | engine | index build | p50 / keystroke | p95 / keystroke | max | top-1 relevance |
|---|---|---|---|---|---|---|
${rows
  .map(
    (r) =>
      `| ${r.size.toLocaleString("en-US")} | ${r.engine} | ${r.buildMs.toFixed(0)} ms | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ${r.max.toFixed(1)} ms | ${r.top1}/${total} |`,
  )
  .join("\n")}
`);
const met = (ok: boolean) => (ok ? "met" : "MISSED");
for (const size of [20_000, 50_000]) {
  const ours = rows.find((r) => r.size === size && r.engine === "ours") as Row;
  const fuse = rows.find((r) => r.size === size && r.engine !== "ours") as Row;
  console.log(
    `| ${size.toLocaleString("en-US")} items: p95 ours ÷ fuse.js defaults | ${(ours.p95 / fuse.p95).toFixed(3)}× |`,
  );
  void fuse;
}
console.log("");
for (const [size, budget] of [
  [20_000, 5],
  [50_000, 15],
] as const) {
  const ours = rows.find((r) => r.size === size && r.engine === "ours") as Row;
  const fuse = rows.find((r) => r.size === size && r.engine !== "ours") as Row;
  console.log(
    `target: p95 per keystroke ≤ ${budget} ms at ${size.toLocaleString("en-US")} items: ${ours.p95.toFixed(2)} ms ${met(ours.p95 <= budget)}`,
  );
  console.log(
    `target: top-1 relevance ≥ fuse.js defaults at ${size.toLocaleString("en-US")} items: ${ours.top1}/${total} vs ${fuse.top1}/${total} ${met(ours.top1 >= fuse.top1)}`,
  );
}
