import { describe, expect, it } from "vitest";
import { findSecretReferences, formatReferenceForFile } from "@op-bridge/shared";
import { parse as parseYaml } from "yaml";

const simple = "op://dev/GitHub/token";
const spaced = "op://development/aws/Access Keys/access_key_id";
const withQuery = "op://dev/GitHub/one-time password?attribute=otp";

describe("formatReferenceForFile", () => {
  it("writes .env values bare unless they hold spaces", () => {
    expect(formatReferenceForFile(simple, { languageId: "dotenv" })).toBe(simple);
    expect(formatReferenceForFile(simple, { fileName: "/repo/.env.local" })).toBe(simple);
    expect(formatReferenceForFile(spaced, { fileName: "/repo/.env" })).toBe(`"${spaced}"`);
    expect(formatReferenceForFile(spaced, { fileName: "/repo/prod.env", languageId: "plaintext" })).toBe(
      `"${spaced}"`,
    );
  });

  it("writes YAML values that read back as the same string", () => {
    for (const reference of [simple, spaced, withQuery, "op://a/b/c "]) {
      const written = formatReferenceForFile(reference, { languageId: "yaml" });
      expect(parseYaml(`key: ${written}`)).toEqual({ key: reference });
    }
    expect(formatReferenceForFile(spaced, { fileName: "compose.yml" })).toBe(spaced);
    expect(formatReferenceForFile("op://a/b/c ", { fileName: "compose.yml" })).toBe('"op://a/b/c "');
  });

  it("always double-quotes in JSON", () => {
    for (const reference of [simple, spaced]) {
      const written = formatReferenceForFile(reference, { languageId: "jsonc" });
      expect(written).toBe(`"${reference}"`);
      expect(JSON.parse(written)).toBe(reference);
    }
    expect(formatReferenceForFile(simple, { fileName: "settings.json" })).toBe(`"${simple}"`);
  });

  it("single-quotes in shell scripts when a shell would split or glob it", () => {
    expect(formatReferenceForFile(simple, { languageId: "shellscript" })).toBe(simple);
    expect(formatReferenceForFile(spaced, { fileName: "deploy.sh" })).toBe(`'${spaced}'`);
    expect(formatReferenceForFile(withQuery, { fileName: ".envrc" })).toBe(`'${withQuery}'`);
  });

  it("leaves other files bare", () => {
    expect(formatReferenceForFile(spaced, { languageId: "typescript" })).toBe(spaced);
    expect(formatReferenceForFile(spaced)).toBe(spaced);
  });

  it("writes what findSecretReferences finds back in full", () => {
    for (const [languageId, line] of [
      ["dotenv", "KEY="],
      ["yaml", "key: "],
      ["json", '{"key": '],
      ["shellscript", "export KEY="],
    ] as const) {
      const text = line + formatReferenceForFile(spaced, { languageId });
      expect(findSecretReferences(text).map((f) => f.reference)).toEqual([spaced]);
    }
  });
});
