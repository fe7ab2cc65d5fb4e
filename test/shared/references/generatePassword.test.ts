import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { generatePassword } from "@op-bridge/shared";

const letters = /[A-Za-z]/;
const digits = /[0-9]/;
const symbols = /[^A-Za-z0-9]/;

describe("generatePassword", () => {
  it("makes 32 characters from all sets by default", () => {
    const password = generatePassword();
    expect(password).toHaveLength(32);
    expect(password).toMatch(letters);
    expect(password).toMatch(digits);
    expect(password).toMatch(symbols);
  });

  it("always holds one character of each chosen set and nothing excluded", () => {
    const sets = fc.subarray(["LETTERS", "DIGITS", "SYMBOLS"] as const, { minLength: 1 });
    fc.assert(
      fc.property(
        sets,
        fc.integer({ min: 3, max: 64 }),
        fc.constantFrom("", "0O1lI", "!#$%"),
        (chosen, length, exclude) => {
          const password = generatePassword({
            length,
            characterSets: [...chosen],
            excludeCharacters: exclude,
          });
          expect(password).toHaveLength(length);
          expect(letters.test(password)).toBe(chosen.includes("LETTERS"));
          expect(digits.test(password)).toBe(chosen.includes("DIGITS"));
          expect(symbols.test(password)).toBe(chosen.includes("SYMBOLS"));
          for (const character of exclude) expect(password).not.toContain(character);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("does not repeat itself and spreads over the alphabet", () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let index = 0; index < 300; index++) {
      const password = generatePassword({ length: 20, characterSets: ["DIGITS"] });
      seen.add(password);
      for (const digit of password) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    }
    expect(seen.size).toBe(300);
    // 6,000 digits: each of the ten should be near 600; far outside means a biased draw.
    for (const digit of "0123456789") expect(counts.get(digit)).toBeGreaterThan(450);
  });

  it("refuses recipes it cannot meet, with the reason", () => {
    expect(() => generatePassword({ length: 0 })).toThrow(/1 to 64/);
    expect(() => generatePassword({ length: 65 })).toThrow(RangeError);
    expect(() => generatePassword({ length: 2.5 })).toThrow(/whole number/);
    expect(() => generatePassword({ length: 2 })).toThrow(/one character of each of 3 sets/);
    expect(() => generatePassword({ characterSets: ["DIGITS"], excludeCharacters: "0123456789" })).toThrow(
      /leaves no digits/,
    );
  });
});
