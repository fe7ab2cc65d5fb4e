import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concealedText, createSecretMasker } from "@op-bridge/shared";

const masked = (values: string[], chunks: string[]) => {
  const masker = createSecretMasker(values);
  return chunks.map((chunk) => masker.write(chunk)).join("") + masker.flush();
};

describe("createSecretMasker", () => {
  it("replaces every occurrence of each value", () => {
    expect(masked(["s3cr3t-value"], ["key=s3cr3t-value, again s3cr3t-value\n"])).toBe(
      `key=${concealedText}, again ${concealedText}\n`,
    );
  });

  it("masks a value split across chunks, and holds back only what could start a value", () => {
    const masker = createSecretMasker(["sk_live_123456"]);
    expect(masker.write("token: sk_li")).toBe("token: ");
    expect(masker.write("ve_1234")).toBe("");
    expect(masker.write("56 done\nsk_")).toBe(`${concealedText} done\n`);
    expect(masker.flush()).toBe("sk_");
  });

  it("keeps colour escape sequences around a value", () => {
    expect(masked(["hunter22"], ["\u001b[32mpassword hunter22\u001b[0m\n"])).toBe(
      `\u001b[32mpassword ${concealedText}\u001b[0m\n`,
    );
  });

  it("masks the longer of two overlapping values whole", () => {
    expect(masked(["abcd", "abcdefgh"], ["x abcdefgh y abcd"])).toBe(`x ${concealedText} y ${concealedText}`);
  });

  it("masks each line of a multi-line value too, and leaves values too short to mean anything", () => {
    const pem = "-----BEGIN KEY-----\nMIIEabcdef\n-----END KEY-----";
    expect(masked([pem, "on"], ["line MIIEabcdef\nturned on\n"])).toBe(`line ${concealedText}\nturned on\n`);
  });

  it("gives the same output however the stream is cut into chunks", () => {
    const secrets = ["p4ssw0rd!", "p4ss-other", "zzzz"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("p4ssw0rd!", "p4ss", "-other", "zz", "zzzz", " text ", "\n", "p"), {
          maxLength: 20,
        }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (pieces, cuts) => {
          const text = pieces.join("");
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points, text.length]
            .slice(1)
            .map((end, i, all) => text.slice(i === 0 ? 0 : all[i - 1], end));
          expect(masked(secrets, chunks)).toBe(masked(secrets, [text]));
          expect(masked(secrets, chunks)).not.toContain("p4ssw0rd!");
        },
      ),
    );
  });
});
