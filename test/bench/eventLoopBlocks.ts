// How long the event loop was not free while some work ran: the figure every "never stall the host" target uses.

export interface EventLoopBlocks {
  /** The longest gap, as CPU time this thread used in it: what the work itself blocked. */
  cpu: number;
  /**
   * The same gap as CPU time of the whole process, which also counts V8's compiler and GC helper threads; only
   * when asked for, since reading it every tick costs the measured work a second system call per millisecond.
   */
  processCpu?: number;
  /** The longest gap on the wall clock, which also counts the OS pausing the process on a shared machine. */
  wall: number;
}

/**
 * Runs `work` while a 1 ms timer measures the longest time the event loop was not free, as this thread's CPU
 * time, the process's CPU time and wall-clock time (each gap's CPU time capped by its wall-clock length).
 */
export async function measureEventLoopBlocks<T>(
  work: () => Promise<T> | T,
  { withProcessCpu = false } = {},
): Promise<{ value: T; ms: number; blocks: EventLoopBlocks }> {
  const blocks: EventLoopBlocks = withProcessCpu ? { cpu: 0, processCpu: 0, wall: 0 } : { cpu: 0, wall: 0 };
  let last = performance.now();
  let lastCpu = process.threadCpuUsage();
  let lastProcessCpu = withProcessCpu ? process.cpuUsage() : undefined;
  const measureGap = () => {
    const now = performance.now();
    const gap = now - last;
    const used = process.threadCpuUsage(lastCpu);
    blocks.wall = Math.max(blocks.wall, gap);
    blocks.cpu = Math.max(blocks.cpu, Math.min(gap, (used.user + used.system) / 1000));
    if (blocks.processCpu !== undefined) {
      const usedByProcess = process.cpuUsage(lastProcessCpu);
      const processCpu = (usedByProcess.user + usedByProcess.system) / 1000;
      blocks.processCpu = Math.max(blocks.processCpu, Math.min(gap, processCpu));
      lastProcessCpu = process.cpuUsage();
    }
    last = now;
    lastCpu = process.threadCpuUsage();
  };
  const timer = setInterval(measureGap, 1);
  // Let the timer start ticking before the work begins.
  await new Promise((r) => setTimeout(r, 5));
  last = performance.now();
  lastCpu = process.threadCpuUsage();
  if (withProcessCpu) lastProcessCpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  // A block at the very end shows up on the next turn.
  await new Promise((r) => setImmediate(r));
  clearInterval(timer);
  measureGap();
  return { value, ms, blocks };
}
