// The index keeps work between keystrokes (the previous query's matches, per-token tables):
// whatever was typed before, a query must answer exactly what a fresh index answers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSearchIndex } from "@op-bridge/shared";
import { generateSearchItems } from "../../fixtures/search/generate.js";
import { RELEVANCE_QUERIES } from "../../fixtures/search/relevance.js";

const items = generateSearchItems(600, { seed: 3 });
// A fresh index's answer depends only on the query and limit: each is built once, so the suite's
// time goes to the typed sessions (an index per query took the file past its timeout under load).
const freshAnswers = new Map<string, ReturnType<ReturnType<typeof createSearchIndex>["search"]>>();
const freshAnswer = (query: string, limit?: number) => {
  const key = `${limit}\u0000${query}`;
  let answer = freshAnswers.get(key);
  if (answer === undefined)
    freshAnswers.set(key, (answer = createSearchIndex(items).search(query, { limit })));
  return answer;
};

// Typing sessions: prefixes of real queries, backspaces, and random text over letters items have.
const typedQuery = fc.oneof(
  fc
    .tuple(fc.constantFrom(...RELEVANCE_QUERIES.map((q) => q.query)), fc.nat())
    .map(([query, cut]) => query.slice(0, 1 + (cut % query.length))),
  fc.stringMatching(/^[acegiklmnorstuwé' .-]{0,12}$/),
);

/** Work, not speed, is tested here: a shared machine may take many times the usual few seconds. */
const GENEROUS = 120_000;

describe("search while typing", () => {
  it(
    "answers each query as a fresh index would, whatever came before",
    () => {
      const index = createSearchIndex(items);
      fc.assert(
        fc.property(
          fc.array(fc.tuple(typedQuery, fc.constantFrom(undefined, 1, 5, 50, 100)), { maxLength: 8 }),
          (session) => {
            for (const [query, limit] of session) {
              expect(index.search(query, { limit })).toEqual(freshAnswer(query, limit));
            }
          },
        ),
        { numRuns: 60, seed: 20_26 },
      );
    },
    GENEROUS,
  );

  it(
    "answers a prefix of the full ranking for any limit",
    () => {
      const index = createSearchIndex(items);
      fc.assert(
        fc.property(typedQuery, fc.integer({ min: 1, max: 120 }), (query, limit) => {
          expect(index.search(query, { limit })).toEqual(index.search(query).slice(0, limit));
        }),
        { numRuns: 100, seed: 7 },
      );
    },
    GENEROUS,
  );

  it(
    "types every relevance query a character at a time with the same answers as a fresh index",
    () => {
      const index = createSearchIndex(items);
      for (const { query } of RELEVANCE_QUERIES) {
        for (let end = 1; end <= query.length; end++) {
          const typed = query.slice(0, end);
          expect(index.search(typed, { limit: 10 }), typed).toEqual(freshAnswer(typed, 10));
        }
      }
    },
    GENEROUS,
  );
});
