// A workspace's settings file is read as VS Code reads it: comments and trailing commas allowed, strings untouched,
// anything else not JSON gives nothing rather than an error.
import { describe, expect, test } from "vitest";
import { parseJsonc } from "../../vscode-extension/src/sources/parseJsonc.js";

describe("parseJsonc", () => {
  test("comments and trailing commas are dropped, as in a hand-written settings.json", () => {
    const text = `{
      // the team's server
      "opBridge.connect.serverUrl": "https://team.example.com", /* for builds */
      "opBridge.connect.servers": [ { "serverUrl": "https://b.example.com", }, ],
    }`;
    expect(parseJsonc(text)).toEqual({
      "opBridge.connect.serverUrl": "https://team.example.com",
      "opBridge.connect.servers": [{ serverUrl: "https://b.example.com" }],
    });
  });

  test("comment marks, commas and escaped quotes inside strings are kept", () => {
    const text = String.raw`{ "url": "https://x//y/*z*/", "odd": "a,}b,]", "quote": "say \"hi\" // not a comment", }`;
    expect(parseJsonc(text)).toEqual({
      url: "https://x//y/*z*/",
      odd: "a,}b,]",
      quote: 'say "hi" // not a comment',
    });
  });

  test("text that is not JSON gives undefined, never an error", () => {
    for (const text of [
      "",
      "{",
      '{ "a": ',
      '{ "a": 1 /* never closed',
      '"unterminated',

      "[1,,]",
      "x".repeat(10_000),
    ]) {
      expect(parseJsonc(text)).toBeUndefined();
    }
  });

  test("a large file of trailing commas is read whole", () => {
    const text = `[${"[1,],".repeat(100_000)}]`;
    expect((parseJsonc(text) as unknown[]).length).toBe(100_000);
  });
});
