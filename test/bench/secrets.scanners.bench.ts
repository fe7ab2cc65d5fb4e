// The scanners on hostile input: time per MB of reference finding and secret detection at 1, 4 and
// 16 MB (linear when the 16 MB cost per MB is close to the 1 MB one), and the longest block of the
// event loop while a 16 MB document is scanned the way the editor scans it (in slices).
import { performance } from "node:perf_hooks";
import {
  findSecretReferences,
  findSecretReferencesInSlices,
} from "../../shared/src/references/findSecretReferences.js";
import { detectSecrets } from "../../shared/src/secrets/index.js";
import { checksummedToken } from "../fixtures/secrets/providerExamples.js";
import { createRandom } from "../connect-server/random.js";
import { measureEventLoopBlocks } from "./eventLoopBlocks.js";

const MB = 1024 * 1024;
const sizes = [1, 4, 16];
const random = createRandom(5);
const chars = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => random.pick([...alphabet])).join("");
const seeded = { next: random.next, pick: random.pick, chars };
const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `unit` repeated to `mb` megabytes, flattened as an editor's document text is. */
const build = (unit: string, mb: number) =>
  Buffer.from(unit.repeat(Math.ceil((mb * MB) / unit.length))).toString();

interface Shape {
  name: string;
  unit: string;
  scan: (text: string) => unknown;
}

const shapes: Shape[] = [
  {
    name: "references: one line of `{{ op://a/b/c `",
    unit: "{{ op://a/b/c ",
    scan: (text) => findSecretReferences(text, { includeMalformed: true }),
  },
  {
    name: "secrets: `token=…` lines",
    unit: `token=${chars(alnum, 24)}\n`,
    scan: (text) => detectSecrets(text, { signal: new AbortController().signal }),
  },
  {
    name: "secrets: a finding on every line (GitHub tokens)",
    unit: `GITHUB_TOKEN=${checksummedToken(seeded, "ghp_")}\n`,
    scan: (text) => detectSecrets(text, { signal: new AbortController().signal }),
  },
  {
    name: "secrets: a 100 kB line of findings",
    unit: `${`token=${chars(alnum, 20)} `.repeat(3000)}\n`,
    scan: (text) => detectSecrets(text, { signal: new AbortController().signal }),
  },
];

/**
 * Runs `work` while a 1 ms timer measures the longest time the event loop was not free: as CPU time this
 * thread used in the gap (what the scan blocked; V8's compiler and garbage-collector threads working beside
 * it do not count) and as wall-clock time (which also counts the OS pausing the process on a machine shared
 * with other work).
 */
async function longestBlock(
  work: () => Promise<unknown>,
): Promise<{ ms: number; stall: number; wall: number }> {
  const { ms, blocks } = await measureEventLoopBlocks(work);
  return { ms, stall: blocks.cpu, wall: blocks.wall };
}

const rows: string[] = [];
let worstRatio = 0;
for (const shape of shapes) {
  const perMb: number[] = [];
  for (const mb of sizes) {
    const text = build(shape.unit, mb);
    globalThis.gc?.();
    const started = performance.now();
    await shape.scan(text);
    perMb.push((performance.now() - started) / mb);
  }
  const ratio = perMb[2]! / perMb[0]!;
  worstRatio = Math.max(worstRatio, ratio);
  rows.push(`| ${shape.name} | ${perMb.map((t) => t.toFixed(0)).join(" | ")} | ${ratio.toFixed(2)} |`);
}

// The editor's way: references in slices up to 10,000 of them, secrets with a signal (slices too) up to
// 2,000 findings (what VS Code's DocumentReferences and SecretScanner ask for), on 16 MB documents: the
// hostile ones, and one of ordinary settings with a secret now and then, which is read to its end.
const references16 = build("{{ op://a/b/c ", 16);
const secrets16 = build(`token=${chars(alnum, 24)}\n`, 16);
const ordinaryBlockText = `${"server.port=8080\n  replicas: 3\nLOG_LEVEL=info # verbose in staging\n".repeat(60)}API_KEY=${chars(alnum, 24)}\n`;
const ordinary16 = build(ordinaryBlockText, 16);
globalThis.gc?.();
const referenceBlock = await longestBlock(() =>
  findSecretReferencesInSlices(references16, { includeMalformed: true, limit: 10_000 }),
);
globalThis.gc?.();
const secretBlock = await longestBlock(() =>
  detectSecrets(secrets16, { signal: new AbortController().signal, limit: 2_000 }),
);
globalThis.gc?.();
let ordinaryFindings = 0;
const ordinaryBlock = await longestBlock(async () => {
  ordinaryFindings = (await detectSecrets(ordinary16, { signal: new AbortController().signal, limit: 2_000 }))
    .length;
});

const met = (ok: boolean) => (ok ? "met" : "MISSED");
console.log(`## Scanners on hostile input

Time per MB (ms) at 1, 4 and 16 MB; linear when the 16 MB / 1 MB ratio of the cost per MB is near 1
(a quadratic scanner's would be 16).

| shape | 1 MB | 4 MB | 16 MB | 16 MB / 1 MB |
|---|---|---|---|---|
${rows.join("\n")}

| 16 MB document scanned as the editor does (up to 10,000 references, 2,000 findings) | total | longest event-loop block (CPU time of this thread in the gap) | longest wall-clock gap |
|---|---|---|---|
| references (\`{{ op://a/b/c \` line) | ${referenceBlock.ms.toFixed(0)} ms | ${referenceBlock.stall.toFixed(1)} ms | ${referenceBlock.wall.toFixed(1)} ms |
| secrets (\`token=…\` lines) | ${secretBlock.ms.toFixed(0)} ms | ${secretBlock.stall.toFixed(1)} ms | ${secretBlock.wall.toFixed(1)} ms |
| secrets (ordinary settings, ${ordinaryFindings} secrets) | ${ordinaryBlock.ms.toFixed(0)} ms | ${ordinaryBlock.stall.toFixed(1)} ms | ${ordinaryBlock.wall.toFixed(1)} ms |
`);
console.log(
  `target: cost per MB at 16 MB ≤ 2× the 1 MB cost on every shape: ${worstRatio.toFixed(2)} ${met(worstRatio <= 2)}`,
);
const stall = Math.max(referenceBlock.stall, secretBlock.stall, ordinaryBlock.stall);
console.log(
  `target: a 16 MB scan never blocks the event loop over 20 ms: ${stall.toFixed(1)} ms ${met(stall <= 20)}`,
);
