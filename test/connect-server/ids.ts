// Connect IDs: 26 lowercase letters and digits, made from a seeded generator or from crypto when none is given.
import { randomInt } from "node:crypto";
import type { Random } from "./random.js";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const ID_PATTERN = /^[\da-z]{26}$/;

export function isConnectId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** A new 26-character ID; deterministic when a seeded generator is given. */
export function createId(random?: Random): string {
  let id = "";
  for (let i = 0; i < 26; i++) {
    id += ID_ALPHABET[random ? random.int(ID_ALPHABET.length) : randomInt(ID_ALPHABET.length)];
  }
  return id;
}
