import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSecretReferences, findSecretReferencesInSlices, parseSecretReference } from "@op-bridge/shared";
import { growth, repeatTo } from "../secrets/growth.js";

function found(text: string): string[] {
  return findSecretReferences(text).map((f) => {
    // The offsets must cover exactly the reported reference.
    expect(text.slice(f.start, f.end)).toBe(f.reference);
    return f.reference;
  });
}

describe("findSecretReferences", () => {
  it("finds bare references in .env values, with spaces in names up to the end of the line", () => {
    const text = [
      "AWS_ACCESS_KEY_ID=op://development/aws/Access Keys/access_key_id",
      "export TOKEN=op://dev/GitHub/token   # the CI token",
      "PLAIN=value",
    ].join("\n");
    expect(found(text)).toEqual(["op://development/aws/Access Keys/access_key_id", "op://dev/GitHub/token"]);
  });

  it("finds quoted references, spaces included, and stops at the closing quote", () => {
    const text = `DB="op://Private/Postgres Prod/password" OTHER='op://a/b/c?attribute=otp'\nx = \`op://v/i/f\`;`;
    expect(found(text)).toEqual([
      "op://Private/Postgres Prod/password",
      "op://a/b/c?attribute=otp",
      "op://v/i/f",
    ]);
  });

  it("finds YAML values and JSON strings", () => {
    const yaml =
      "db:\n  password: op://prod/My DB/password # rotated monthly\n  user: op://prod/My DB/username\n";
    expect(found(yaml)).toEqual(["op://prod/My DB/password", "op://prod/My DB/username"]);
    const json = '{ "token": "op://dev/GitHub/token", "list": ["op://dev/npm/token"] }';
    expect(found(json)).toEqual(["op://dev/GitHub/token", "op://dev/npm/token"]);
  });

  it("finds {{ }}-enclosed template references and says so", () => {
    const text = "password: {{ op://app-prod/db/Access Keys/password }}\nhost: {{op://app-prod/db/host}}";
    const hits = findSecretReferences(text);
    expect(hits.map((h) => [h.reference, h.enclosed])).toEqual([
      ["op://app-prod/db/Access Keys/password", true],
      ["op://app-prod/db/host", true],
    ]);
    expect(text.slice(hits[0]!.start - 3, hits[0]!.end + 3)).toBe(
      "{{ op://app-prod/db/Access Keys/password }}",
    );
  });

  it("ends a reference in prose at the first space", () => {
    expect(found("Read it with op://vault/item/field and go on.")).toEqual(["op://vault/item/field"]);
    expect(found("(see op://vault/item/field), then")).toEqual(["op://vault/item/field"]);
  });

  it("does not take the rest of a sentence after a colon in prose", () => {
    const text = "Note: op://vault/item/field is the one to use.";
    expect(found(text)).toEqual(["op://vault/item/field is the one to use."]);
    expect(findSecretReferences(text, { languageId: "markdown" }).map((f) => f.reference)).toEqual([
      "op://vault/item/field",
    ]);
    expect(findSecretReferences(text, { fileName: "/repo/README.md" }).map((f) => f.reference)).toEqual([
      "op://vault/item/field",
    ]);
    // A .env file VS Code shows as plain text is still read as .env.
    const env = "KEY=op://dev/aws/Access Keys/id";
    expect(
      findSecretReferences(env, { languageId: "plaintext", fileName: "/repo/.env.local" }).map(
        (f) => f.reference,
      ),
    ).toEqual(["op://dev/aws/Access Keys/id"]);
  });

  it("skips malformed references and look-alikes", () => {
    expect(found("A=op://a/b\nB=shop://a/b/c\nC=op://a/b[0]/c\nD=op://x/y/z")).toEqual(["op://x/y/z"]);
  });

  it("reports malformed references with the reason when asked, for diagnostics", () => {
    const text = "A=op://a/b\nB=op://x/y/z\nC=op://a/b[0]/c";
    expect(findSecretReferences(text)).toHaveLength(1);
    const hits = findSecretReferences(text, { includeMalformed: true });
    expect(hits.map((h) => [text.slice(h.start, h.end), h.problem])).toEqual([
      ["op://a/b", expect.stringMatching(/has 2 parts/)],
      ["op://x/y/z", undefined],
      ["op://a/b[0]/c", expect.stringMatching(/contains "\[".*use the item's ID/)],
    ]);
  });

  it("falls back to the space-free form when the wider one is not a reference", () => {
    expect(found("KEY=op://a/b/c $OTHER")).toEqual(["op://a/b/c"]);
  });

  it("gives correct offsets with CRLF line ends and several references on a line", () => {
    const text = 'A=op://a/b/c\r\nB="op://d/e/f" C="op://g/h/i"\r\n';
    const hits = findSecretReferences(text);
    expect(hits.map((h) => h.reference)).toEqual(["op://a/b/c", "op://d/e/f", "op://g/h/i"]);
    expect(hits[0]).toMatchObject({ start: 2, end: 12, enclosed: false });
  });

  it("never throws, and everything it reports parses, on arbitrary text", () => {
    // (Malformed ones are reported only on request, each with its problem.)
    const unit = fc.constantFrom(..."op:/ ab=\"'{}#\n?&.-_", "op://", "{{ ", " }}", "attribute=otp");
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        for (const hit of findSecretReferences(text)) {
          expect(text.slice(hit.start, hit.end)).toBe(hit.reference);
          expect(() => parseSecretReference(hit.reference)).not.toThrow();
        }
        for (const hit of findSecretReferences(text, { includeMalformed: true })) {
          expect(text.slice(hit.start, hit.end)).toBe(hit.reference);
          if (hit.problem === undefined) expect(() => parseSecretReference(hit.reference)).not.toThrow();
          else expect(() => parseSecretReference(hit.reference)).toThrow(hit.problem);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("findSecretReferences on hostile input", () => {
  // 8× the text costs about 8× the time where the quadratic scanner took 64× (116 s for 1.1 MB, so it
  // times out here first); the bound leaves room for a busy machine. Both sizes are past the young
  // heap, so both pay the same garbage collection per hit.
  it.each([
    ["one long line of unclosed {{ op:// templates", "{{ op://a/b/c "],
    ["one long line of quoted references without a closing quote", '"op://a/b/c '],
    ["one long line of assignments", "K=op://a/b/c d op://e/f/g "],
  ])("grows linearly on %s", (_name, unit) => {
    const scan = (text: string) => findSecretReferences(text, { includeMalformed: true });
    const ratio = growth(scan, repeatTo(unit, 128 * 1024), repeatTo(unit, 1024 * 1024));
    expect(ratio).toBeLessThan(32);
  });

  it("answers the same in slices as at once, and can be cancelled", async () => {
    const text = repeatTo("x = {{ op://vault/item/field }} and op://a/b/c\n", 300 * 1024);
    const slices = await findSecretReferencesInSlices(text, { includeMalformed: true, sliceMs: 1 });
    expect(slices).toEqual(findSecretReferences(text, { includeMalformed: true }));
    const controller = new AbortController();
    const scan = findSecretReferencesInSlices(text, { signal: controller.signal, sliceMs: 1 });
    controller.abort(new DOMException("The document changed", "AbortError"));
    await expect(scan).rejects.toMatchObject({ name: "AbortError" });
  });

  it("finds the same references as before on every shape of text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("op://a/b/c", "{{ ", " }}", '"', "'", "=", ":", " ", "\n", "#", "x", "op://", "/"),
          {
            maxLength: 40,
          },
        ),
        (parts) => {
          const text = parts.join("");
          const at = findSecretReferences(text, { includeMalformed: true });
          for (const hit of at) expect(text.slice(hit.start, hit.end)).toBe(hit.reference);
        },
      ),
    );
  });
});
