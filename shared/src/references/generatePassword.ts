// Generates a random password from cryptographic randomness, following a Connect-style recipe.
import { randomInt } from "node:crypto";

export type PasswordCharacterSet = "LETTERS" | "DIGITS" | "SYMBOLS";

export interface GeneratePasswordRecipe {
  /** 1–64, as in Connect's recipe; default 32. */
  length?: number;
  /** Which sets to draw from; default all three. Every chosen set appears at least once. */
  characterSets?: PasswordCharacterSet[];
  /** Characters never to use (look-alikes, characters a system refuses). */
  excludeCharacters?: string;
}

const sets: Record<PasswordCharacterSet, string> = {
  LETTERS: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  DIGITS: "0123456789",
  SYMBOLS: "!#$%&()*+,-./:;<=>?@[]^_{|}~",
};
const allSets: PasswordCharacterSet[] = ["LETTERS", "DIGITS", "SYMBOLS"];

/**
 * A password of `length` characters drawn uniformly (crypto.randomInt) from the chosen sets minus
 * `excludeCharacters`, with at least one character of each chosen set. Throws RangeError for a recipe
 * that cannot be met (length out of range, a set emptied by exclusions, fewer places than sets).
 */
export function generatePassword(recipe: GeneratePasswordRecipe = {}): string {
  const length = recipe.length ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 64) {
    throw new RangeError(`A password length must be a whole number from 1 to 64 (got ${length}).`);
  }
  const chosen = [
    ...new Set(recipe.characterSets && recipe.characterSets.length > 0 ? recipe.characterSets : allSets),
  ];
  const excluded = new Set(recipe.excludeCharacters ?? "");
  const pools = chosen.map((name) => {
    const pool = [...(sets[name] ?? "")].filter((c) => !excluded.has(c));
    if (!sets[name])
      throw new RangeError(`"${String(name)}" is not a character set (LETTERS, DIGITS, SYMBOLS).`);
    if (pool.length === 0)
      throw new RangeError(`Excluding "${recipe.excludeCharacters}" leaves no ${name.toLowerCase()}.`);
    return pool;
  });
  if (length < pools.length) {
    throw new RangeError(
      `A password of ${length} cannot hold one character of each of ${pools.length} sets.`,
    );
  }
  const everything = pools.flat();
  const characters = pools.map(pick);
  while (characters.length < length) characters.push(pick(everything));
  // Fisher–Yates, so the guaranteed characters are not always at the front.
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other]!, characters[index]!];
  }
  return characters.join("");
}

function pick(pool: string[]): string {
  return pool[randomInt(pool.length)]!;
}
