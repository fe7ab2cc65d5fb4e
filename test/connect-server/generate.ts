// Password generation from a Connect GeneratorRecipe (length 1–64, default 32; character sets; excluded characters).
import { randomInt } from "node:crypto";
import { badRequest } from "./errors.js";
import type { CharacterSet, GeneratorRecipe } from "./types.js";

const CHARACTER_SETS: Record<CharacterSet, string> = {
  LETTERS: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  DIGITS: "0123456789",
  SYMBOLS: "!#$%&()*+,-./:;<=>?@[]^_{|}~",
};
const ALL_SETS = Object.keys(CHARACTER_SETS) as CharacterSet[];
export const DEFAULT_LENGTH = 32;

export interface GeneratedValue {
  value: string;
  /** Bits: length × log2(alphabet size), as a generator reports it. */
  entropy: number;
}

/** Checks a recipe as the server receives it; throws a 400 naming what is wrong. */
export function checkRecipe(recipe: unknown): GeneratorRecipe {
  if (recipe === undefined || recipe === null) return {};
  if (typeof recipe !== "object" || Array.isArray(recipe))
    throw badRequest("Invalid recipe: must be an object");
  const { length, characterSets, excludeCharacters } = recipe as Record<string, unknown>;
  if (
    length !== undefined &&
    (!Number.isInteger(length) || (length as number) < 1 || (length as number) > 64)
  ) {
    throw badRequest("Invalid recipe: length must be a whole number from 1 to 64");
  }
  if (characterSets !== undefined) {
    if (!Array.isArray(characterSets) || characterSets.some((s) => !ALL_SETS.includes(s as CharacterSet))) {
      throw badRequest(`Invalid recipe: characterSets may only contain ${ALL_SETS.join(", ")}`);
    }
    if (new Set(characterSets).size !== characterSets.length) {
      throw badRequest("Invalid recipe: characterSets must not repeat a set");
    }
  }
  if (excludeCharacters !== undefined && typeof excludeCharacters !== "string") {
    throw badRequest("Invalid recipe: excludeCharacters must be a string");
  }
  return recipe as GeneratorRecipe;
}

/**
 * A value drawn with crypto randomness; every chosen set appears at least once when the length allows,
 * as 1Password's generator does.
 */
export function generateValue(recipe: GeneratorRecipe = {}): GeneratedValue {
  const length = recipe.length ?? DEFAULT_LENGTH;
  const excluded = new Set(recipe.excludeCharacters ?? "");
  const chosen = recipe.characterSets && recipe.characterSets.length > 0 ? recipe.characterSets : ALL_SETS;
  const pools = chosen
    .map((set) => [...CHARACTER_SETS[set]].filter((c) => !excluded.has(c)).join(""))
    .filter((pool) => pool.length > 0);
  const alphabet = pools.join("");
  if (alphabet.length === 0) {
    throw badRequest("Invalid recipe: excludeCharacters removes every character of the chosen characterSets");
  }
  const characters: string[] = [];
  for (const pool of pools.slice(0, length)) characters.push(pool[randomInt(pool.length)]!);
  while (characters.length < length) characters.push(alphabet[randomInt(alphabet.length)]!);
  // Shuffle so the guaranteed characters are not always first.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return { value: characters.join(""), entropy: round(length * Math.log2(alphabet.length)) };
}

/** An estimate for a value not generated here: length × log2 of the character classes it uses. */
export function estimateEntropy(value: string): number {
  if (value.length === 0) return 0;
  let alphabet = 0;
  if (/[a-z]/.test(value)) alphabet += 26;
  if (/[A-Z]/.test(value)) alphabet += 26;
  if (/\d/.test(value)) alphabet += 10;
  if (/[^a-zA-Z\d]/.test(value)) alphabet += CHARACTER_SETS.SYMBOLS.length;
  return round(value.length * Math.log2(Math.max(alphabet, 2)));
}

const round = (n: number) => Math.round(n * 100) / 100;
