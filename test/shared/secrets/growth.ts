// How a scanner's cost grows with its input, measured as a ratio in the same run (no absolute times):
// a linear scanner takes about 8× as long on 8× the input, a quadratic one about 64×.

/**
 * The best of `runs` timings of `work`, in CPU time of this process (user + system): time the OS gives
 * to other processes on a shared machine does not count, which wall-clock time would.
 */
export function bestTime(work: () => unknown, runs = 7): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** The cost on `large` divided by the cost on `small`, each the best of a few runs. */
export function growth<T>(scan: (input: T) => unknown, small: T, large: T): number {
  scan(small); // warm up, so the first measurement does not pay for compilation
  return bestTime(() => scan(large)) / bestTime(() => scan(small));
}

/** `unit` repeated to about `bytes`, flattened (a repeated string is a rope in V8, not an editor's text). */
export function repeatTo(unit: string, bytes: number): string {
  return Buffer.from(unit.repeat(Math.ceil(bytes / unit.length))).toString();
}
