// Runs every benchmark under test/bench (one child process each, so one cannot warm the next)
// and prints their reports. Each *.bench.ts prints a Markdown section with ratios measured in
// the same run, and a line "target: <what> … met|MISSED" per target.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let missed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", here + file], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  process.stdout.write(result.stdout);
  missed += (result.stdout.match(/MISSED/g) ?? []).length;
  if (result.status !== 0) {
    console.error(`${file} exited with ${result.status}`);
    missed++;
  }
}
console.log(`\n${files.length} benchmarks, ${missed} targets missed`);
