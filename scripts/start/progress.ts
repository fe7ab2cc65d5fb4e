// Prints numbered steps with timings and runs the commands behind them, showing their output only when they fail.
import { spawn } from "node:child_process";

export interface Progress {
  step<T>(title: string, work: () => Promise<T>): Promise<T>;
  info(line: string): void;
}

export function createProgress(total: number): Progress {
  let current = 0;
  return {
    async step(title, work) {
      current += 1;
      const label = `[${current}/${total}] ${title}`;
      const started = Date.now();
      process.stdout.write(`${label}…\n`);
      // Long steps (the first code-server install) show they are alive.
      const ticker = setInterval(() => {
        process.stdout.write(`      still working (${Math.round((Date.now() - started) / 1000)} s)\n`);
      }, 20_000);
      try {
        const result = await work();
        process.stdout.write(`      done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        return result;
      } finally {
        clearInterval(ticker);
      }
    },
    info(line) {
      process.stdout.write(`${line}\n`);
    },
  };
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; signal?: AbortSignal },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      signal: options.signal,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`\`${[command, ...args].join(" ")}\` failed (exit ${code}):\n${output.slice(-8_000)}`),
        );
    });
  });
}
