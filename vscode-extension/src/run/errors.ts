// What stops a run with secrets, each carrying what the message and its fix action need (never a value).

/** Where a variable was written: the configuration's `env`, a line of an env file, or a 1Password Environment. */
export type VariableOrigin =
  | { kind: "env" }
  | { kind: "envFile"; file: string; line: number }
  | { kind: "environment"; environmentId: string };

/** A variable whose reference did not resolve; `reason` is the one diagnostics give. */
export class SecretVariableError extends Error {
  override readonly name = "SecretVariableError";
  constructor(
    readonly variable: string,
    readonly reference: string,
    readonly reason: string,
    readonly origin: VariableOrigin,
    /** How many other variables failed too (named in the log, counted in the message). */
    readonly others = 0,
  ) {
    const where = origin.kind === "envFile" ? ` (${shortName(origin.file)}, line ${origin.line})` : "";
    const more = others > 0 ? ` ${others} other variable${others === 1 ? "" : "s"} failed too.` : "";
    super(`${variable}${where} could not be set from ${reference}: ${reason.replace(/\.+$/, "")}.${more}`);
  }
}

/** An env file that cannot be read or holds a line that is not NAME=value. */
export class EnvFileError extends Error {
  override readonly name = "EnvFileError";
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`The env file ${file}${line === undefined ? "" : `, line ${line},`} cannot be used: ${reason}.`);
  }
}

/** Secrets are never read for a workspace in Restricted Mode: its launch.json and .env are not the user's yet. */
export class UntrustedWorkspaceError extends Error {
  override readonly name = "UntrustedWorkspaceError";
  constructor(what: string) {
    super(
      `${what} reads secrets from 1Password, which is not done in Restricted Mode: trust this workspace first if you know where its files come from.`,
    );
  }
}

/** A 1Password Environment that could not be read (wrong ID, no SDK sign-in, no access). */
export class EnvironmentReadError extends Error {
  override readonly name = "EnvironmentReadError";
  constructor(
    readonly environmentId: string,
    reason: string,
  ) {
    super(`The 1Password Environment ${environmentId} could not be read: ${reason}`);
  }
}

export function shortName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
