// Reads the env files a launch configuration or task names, as variables with their file and line.
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { parseEnvFile } from "@op-bridge/shared";
import { errorMessage } from "../log.js";
import { EnvFileError, type VariableOrigin } from "./errors.js";

/** One variable to set, as written (a plain value or an op:// reference), and where it was written. */
export interface PlannedVariable {
  name: string;
  value: string;
  origin: VariableOrigin;
}

/**
 * `envFile` as debug adapters take it: one path, or several (Go) applied in order. A relative path is
 * taken from `base` (the workspace folder), as the adapters do.
 */
export function envFilesOf(envFile: unknown, base?: string): string[] {
  const files: unknown[] = typeof envFile === "string" ? [envFile] : Array.isArray(envFile) ? envFile : [];
  return files
    .filter((f): f is string => typeof f === "string" && f.trim() !== "")
    .map((f) => (base && !isAbsolute(f) ? resolve(base, f) : f));
}

/** What the env files hold: their variables, and why a file could not be used (kept, not thrown). */
export interface EnvFilesRead {
  /** In order: later ones win. */
  variables: PlannedVariable[];
  /** A file missing or a line that is not NAME=value: an error only when the files must be taken over. */
  problems: EnvFileError[];
}

/**
 * Every variable of the files. Problems are collected rather than thrown: a configuration that names no
 * secret is handed on as written, and its debug adapter reads (and judges) the file itself.
 */
export async function readEnvFiles(files: readonly string[], signal?: AbortSignal): Promise<EnvFilesRead> {
  const read: EnvFilesRead = { variables: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, { encoding: "utf8", signal });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const code = (error as NodeJS.ErrnoException).code;
      read.problems.push(
        new EnvFileError(file, code === "ENOENT" ? "the file does not exist" : errorMessage(error)),
      );
      continue;
    }
    const parsed = parseEnvFile(text);
    read.problems.push(...parsed.problems.map((p) => new EnvFileError(file, p.reason, p.line)));
    for (const entry of parsed.entries) {
      read.variables.push({
        name: entry.name,
        value: entry.value,
        origin: { kind: "envFile", file, line: entry.line },
      });
    }
  }
  return read;
}

/** The string values of a configuration's `env`; other values (null unsets a variable in some adapters) stay as they are. */
export function envVariablesOf(env: unknown): PlannedVariable[] {
  if (!env || typeof env !== "object") return [];
  return Object.entries(env as Record<string, unknown>).flatMap(([name, value]) =>
    typeof value === "string" ? [{ name, value, origin: { kind: "env" } as const }] : [],
  );
}
