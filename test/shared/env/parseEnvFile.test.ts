import { describe, expect, it } from "vitest";
import { parseEnvFile } from "@op-bridge/shared";

const values = (text: string) =>
  Object.fromEntries(parseEnvFile(text).entries.map((entry) => [entry.name, entry.value]));

describe("parseEnvFile", () => {
  it("reads NAME=value lines with their line numbers, skipping blank lines and comments", () => {
    const parsed = parseEnvFile(
      "# settings\n\nAPI_KEY=op://Engineering/Stripe/credential\nLOG_LEVEL=debug\n",
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries).toEqual([
      { name: "API_KEY", value: "op://Engineering/Stripe/credential", line: 3 },
      { name: "LOG_LEVEL", value: "debug", line: 4 },
    ]);
  });

  it("takes `export` and spaces around the = sign as shells and dotenv do", () => {
    expect(values("export TOKEN=abc\n  export  OTHER =  x y  \n")).toEqual({ TOKEN: "abc", OTHER: "x y" });
  });

  it("keeps = signs inside values", () => {
    expect(values("DATABASE_URL=postgres://u@h/db?sslmode=require&x=1\nB64=YWJj==\n")).toEqual({
      DATABASE_URL: "postgres://u@h/db?sslmode=require&x=1",
      B64: "YWJj==",
    });
  });

  it("ends an unquoted value at a comment that follows a space, not at a # inside it", () => {
    expect(values("A=value # a comment\nB=abc#def\nC=#\n")).toEqual({ A: "value", B: "abc#def", C: "" });
  });

  it("keeps single-quoted text as written and reads escapes in double quotes", () => {
    expect(
      values(`S='a \\n "b" # not a comment'\nD="line\\none \\"q\\" \\\\ end" # comment\nE=""\n`),
    ).toEqual({ S: 'a \\n "b" # not a comment', D: 'line\none "q" \\ end', E: "" });
  });

  it("reads quoted values that span several lines, numbering the entry by its first line", () => {
    const parsed = parseEnvFile(
      "KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nNEXT=op://v/i/f\nSQ='one\ntwo'\n",
    );
    expect(parsed.entries).toEqual([
      { name: "KEY", value: "-----BEGIN KEY-----\nabc\n-----END KEY-----", line: 1 },
      { name: "NEXT", value: "op://v/i/f", line: 4 },
      { name: "SQ", value: "one\ntwo", line: 5 },
    ]);
  });

  it("reads Windows line endings and a byte order mark", () => {
    expect(values("\uFEFFA=1\r\nB='2'\r\n")).toEqual({ A: "1", B: "2" });
  });

  it("reports lines that are not NAME=value and quotes never closed, with their lines", () => {
    const parsed = parseEnvFile('GOOD=1\nthis is not a variable\n1BAD=x\nOPEN="never closed\nLATER=2\n');
    expect(parsed.entries).toEqual([{ name: "GOOD", value: "1", line: 1 }]);
    expect(parsed.problems).toEqual([
      { line: 2, reason: "it is not NAME=value" },
      { line: 3, reason: "it is not NAME=value" },
      { line: 4, reason: 'the " quote of OPEN is never closed' },
    ]);
  });

  it("keeps a name given twice in order, so the last one wins when applied", () => {
    expect(parseEnvFile("A=1\nA=2\n").entries.map((e) => e.value)).toEqual(["1", "2"]);
  });
});
