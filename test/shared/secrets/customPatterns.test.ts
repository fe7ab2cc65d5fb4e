import { describe, expect, it } from "vitest";
import { compileCustomPatterns, detectSecrets } from "@op-bridge/shared";

describe("custom secret patterns", () => {
  it("finds what a user's pattern describes, named as the user named it", async () => {
    const { patterns, errors } = compileCustomPatterns([
      { name: "Acme deploy key", pattern: "acme_[a-z0-9]{24}" },
    ]);
    expect(errors).toEqual([]);
    const text = "deploy = acme_k2v9q8w7e6r5t4y3u2i1o0pz\n";
    const [finding] = await detectSecrets(text, { customPatterns: patterns });
    expect(finding).toMatchObject({
      kind: "custom",
      provider: "Acme deploy key",
      suggestedTitle: "Acme deploy key",
    });
    expect(text.slice(finding!.start, finding!.end)).toBe("acme_k2v9q8w7e6r5t4y3u2i1o0pz");
  });

  it("takes the first group as the secret when the pattern has one", async () => {
    const { patterns } = compileCustomPatterns([{ name: "Internal", pattern: "INT-([A-Z0-9]{16})" }]);
    const text = "id INT-AB12CD34EF56GH78\n";
    const [finding] = await detectSecrets(text, { customPatterns: patterns });
    expect(text.slice(finding!.start, finding!.end)).toBe("AB12CD34EF56GH78");
  });

  it("refuses, with a clear message, patterns that are invalid or could freeze the editor", () => {
    const { patterns, errors } = compileCustomPatterns([
      { name: "broken", pattern: "([a-z" },
      { name: "nested", pattern: "(a+)+b" },
      { name: "alternating", pattern: "(a|ab)*c" },
      { name: "backref", pattern: "(x)\\1" },
      { name: "empty", pattern: "a*" },
      { name: "", pattern: "abc" },
      { name: "long", pattern: "a".repeat(301) },
      { name: "ok", pattern: "tok_[0-9a-f]{32}" },
    ]);
    expect(patterns.map((p) => p.name)).toEqual(["ok"]);
    expect(errors).toEqual([
      expect.stringMatching(/"broken" is ignored: the pattern is not a valid regular expression/),
      expect.stringMatching(/"nested" is ignored: a repeated group that itself repeats/),
      expect.stringMatching(
        /"alternating" is ignored: a repeated group that itself repeats or has alternatives/,
      ),
      expect.stringMatching(/"backref" is ignored: back-references/),
      expect.stringMatching(/"empty" is ignored: the pattern matches empty text/),
      expect.stringMatching(/number 6 is ignored: it needs a name/),
      expect.stringMatching(/"long" is ignored: the pattern is longer than 300 characters/),
    ]);
    expect(compileCustomPatterns({ name: "x" }).errors).toEqual([
      "Custom secret patterns must be a list of { name, pattern } entries.",
    ]);
  });

  it("runs patterns only on lines of bounded length", async () => {
    const { patterns } = compileCustomPatterns([{ name: "x", pattern: "[a-z]+[0-9]+[a-z]+!" }]);
    const long = "a1".repeat(50_000);
    expect(await detectSecrets(`${long}\n`, { customPatterns: patterns })).toEqual([]);
  });
});
