// Connect IDs are checked before any URL is built, so a bad value never reaches the server or a path.
import { ConnectConfigError } from "./errors.js";

const idPattern = /^[\da-z]{26}$/;

export function isConnectId(value: unknown): value is string {
  return typeof value === "string" && idPattern.test(value);
}

/** Throws ConnectConfigError naming what the ID was for, unless it has Connect's 26-character form. */
export function assertConnectId(value: unknown, kind: "vault" | "item" | "file"): string {
  if (isConnectId(value)) return value;
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  throw new ConnectConfigError(
    `${shown} is not a valid ${kind} ID: Connect ${kind} IDs are 26 lowercase letters and digits.`,
  );
}
