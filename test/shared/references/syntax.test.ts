import { Secrets } from "@1password/sdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  SecretReferenceError,
  buildSecretReference,
  isNameAllowedInReference,
  parseSecretReference,
  type SecretReferenceParts,
} from "@op-bridge/shared";

/** The official validator from the 1Password SDK (runs offline in its WASM core): an independent oracle. */
function sdkAccepts(reference: string): boolean {
  try {
    Secrets.validateSecretReference(reference);
    return true;
  } catch {
    return false;
  }
}

const vault = { id: "2qi2kzbzxrm5ijfire7wfbb23e", name: "development" };
const item = { id: "cxmvcuuzwrgfpni6r4j3fgtxb4", title: "aws" };

describe("buildSecretReference", () => {
  it("uses names where the syntax allows them", () => {
    expect(
      buildSecretReference({
        vault,
        item,
        section: { id: "s1", label: "Access Keys" },
        field: { id: "f1", label: "access_key_id" },
      }),
    ).toBe("op://development/aws/Access Keys/access_key_id");
  });

  it("uses the ID of each part whose name has other characters", () => {
    expect(
      buildSecretReference({
        vault: { id: "v7xq3kz2m4n5p6r7s8t9u0w1y2", name: "Vault: Prod" },
        item: { id: "i7xq3kz2m4n5p6r7s8t9u0w1y2", title: "Stripe (live)" },
        field: { id: "password", label: "pass/word" },
      }),
    ).toBe("op://v7xq3kz2m4n5p6r7s8t9u0w1y2/i7xq3kz2m4n5p6r7s8t9u0w1y2/password");
  });

  it("uses IDs for names with spaces at either end, empty names and non-ASCII letters", () => {
    const reference = buildSecretReference({
      vault: { ...vault, name: " padded" },
      item: { ...item, title: "Café" },
      field: { id: "f1", label: "" },
    });
    expect(reference).toBe("op://2qi2kzbzxrm5ijfire7wfbb23e/cxmvcuuzwrgfpni6r4j3fgtxb4/f1");
  });

  it("always uses IDs when asked to", () => {
    expect(
      buildSecretReference({ vault, item, field: { id: "password", label: "password" } }, { useIds: true }),
    ).toBe("op://2qi2kzbzxrm5ijfire7wfbb23e/cxmvcuuzwrgfpni6r4j3fgtxb4/password");
  });

  it("adds the attribute or the SSH format", () => {
    const field = { id: "otpfield", label: "one-time password" };
    expect(buildSecretReference({ vault, item, field, attribute: "otp" })).toBe(
      "op://development/aws/one-time password?attribute=otp",
    );
    expect(
      buildSecretReference({ vault, item, field: { id: "k", label: "private key" }, sshFormat: "openssh" }),
    ).toBe("op://development/aws/private key?ssh-format=openssh");
  });

  it("throws SecretReferenceError when neither name nor ID can be written", () => {
    expect(() =>
      buildSecretReference({ vault, item, field: { id: "bad/id", label: "bad:label" } }),
    ).toThrowError(SecretReferenceError);
  });
});

describe("parseSecretReference", () => {
  it("reads three- and four-part references", () => {
    expect(parseSecretReference("op://dev/GitHub/token")).toEqual({
      vault: "dev",
      item: "GitHub",
      field: "token",
    });
    expect(parseSecretReference("op://development/aws/Access Keys/access_key_id")).toEqual({
      vault: "development",
      item: "aws",
      section: "Access Keys",
      field: "access_key_id",
    });
  });

  it("reads ?attribute=, its alias attr and ?ssh-format=", () => {
    expect(parseSecretReference("op://dev/GitHub/Security/one-time password?attribute=otp")).toMatchObject({
      field: "one-time password",
      attribute: "otp",
    });
    expect(parseSecretReference("op://dev/GitHub/password?attr=type").attribute).toBe("type");
    expect(
      parseSecretReference("op://Private/ssh keys/ssh key/private key?ssh-format=openssh").sshFormat,
    ).toBe("openssh");
  });

  it.each([
    ["op://a/b", /2 parts/],
    ["op://a/b/c/d/e", /5 parts/],
    ["op://a/b[1]/c", /item "b\[1\]" contains "\["/],
    ["op://dev/Stripe (live)/key", /contains "\("/],
    ["op://Vault: Prod/aws/token", /vault "Vault: Prod" contains ":"/],
    ["op://a//c", /item is empty/],
    ["op://a/ /c", /item is only spaces/],
    ["op://a/b/c?attribute=bogus", /"bogus" is not an attribute/],
    ["op://a/b/c?ssh-format=pkcs8", /not an SSH key format/],
    ["op://a/b/c?colour=blue", /"colour" is not a query parameter/],
    ["op://a/b/c?", /no query parameter/],
    ["op://a/b/c?attribute", /key=value/],
    ["op://a/b/c?attribute=otp&attr=type", /attribute twice/],
    ["OP://a/b/c", /lower case/],
    ["https://a/b/c", /must start with "op:\/\/"/],
    ["op://a/b/c\td", /U\+0009/],
  ])("explains what is wrong with %j", (reference, reason) => {
    expect(() => parseSecretReference(reference)).toThrowError(SecretReferenceError);
    expect(() => parseSecretReference(reference)).toThrowError(reason);
  });

  it("names the error and keeps the reason apart from the reference", () => {
    try {
      parseSecretReference("op://a/b");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SecretReferenceError);
      const e = error as SecretReferenceError;
      expect(e.name).toBe("SecretReferenceError");
      expect(e.reference).toBe("op://a/b");
      expect(e.reason).toMatch(/^it has 2 parts/);
    }
  });

  it("agrees with the SDK on the documented examples", () => {
    for (const ok of [
      "op://development/aws/Access Keys/access_key_id",
      "op://dev/GitHub/Security/one-time password?attribute=otp",
      "op://Private/ssh keys/ssh key/private key?ssh-format=openssh",
    ]) {
      expect(sdkAccepts(ok)).toBe(true);
      expect(() => parseSecretReference(ok)).not.toThrow();
    }
    for (const bad of [
      "op://a/b",
      "op://a/b[1]/c",
      "op://a/b/c/d/e",
      "op://a/b/c?attribute=bogus",
      "op://dev/Stripe (live)/key",
      "op://Vault: Prod/aws/token",
    ]) {
      expect(sdkAccepts(bad)).toBe(false);
      expect(() => parseSecretReference(bad)).toThrowError(SecretReferenceError);
    }
  });
});

// Names drawn from characters the syntax allows and characters it does not, so both paths are exercised.
const allowed = "abcXYZ019-_. ";
const nameArb = fc.string({
  unit: fc.constantFrom(...allowed, ...allowed, "/", ":", "(", "é", "?", "\t", "#", "{"),
  minLength: 0,
  maxLength: 12,
});
const idArb = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  minLength: 26,
  maxLength: 26,
});
const partsArb = fc.record(
  {
    vault: fc.record({ id: idArb, name: nameArb }),
    item: fc.record({ id: idArb, title: nameArb }),
    section: fc.record({ id: idArb, label: fc.option(nameArb, { nil: undefined }) }),
    field: fc.record({ id: idArb, label: fc.option(nameArb, { nil: undefined }) }),
    attribute: fc.constantFrom(
      "otp" as const,
      "type" as const,
      "value" as const,
      "id" as const,
      "purpose" as const,
    ),
    useIds: fc.boolean(),
  },
  { requiredKeys: ["vault", "item", "field", "useIds"] },
);

function expectedToken(name: string | undefined, id: string, useIds: boolean): string {
  return !useIds && name !== undefined && isNameAllowedInReference(name) ? name : id;
}

describe("properties", () => {
  it("parse(build(x)) gives back the name or ID chosen for each part", () => {
    fc.assert(
      fc.property(partsArb, ({ useIds, ...parts }) => {
        const reference = buildSecretReference(parts as SecretReferenceParts, { useIds });
        const parsed = parseSecretReference(reference);
        expect(parsed.vault).toBe(expectedToken(parts.vault.name, parts.vault.id, useIds));
        expect(parsed.item).toBe(expectedToken(parts.item.title, parts.item.id, useIds));
        expect(parsed.section).toBe(
          parts.section ? expectedToken(parts.section.label, parts.section.id, useIds) : undefined,
        );
        expect(parsed.field).toBe(expectedToken(parts.field.label, parts.field.id, useIds));
        expect(parsed.attribute).toBe(parts.attribute);
      }),
      { numRuns: 2000 },
    );
  });

  it("every reference we build passes the SDK's validator", () => {
    // The SDK (0.5.0) takes only ?attribute=otp (and totp); type, value, id and purpose are documented
    // for the op CLI but refused by it, so those are left out here (see the next test).
    const sdkParts = partsArb.map((p) => ({
      ...p,
      attribute: p.attribute === "otp" ? ("otp" as const) : undefined,
    }));
    fc.assert(
      fc.property(sdkParts, ({ useIds, ...parts }) => {
        const reference = buildSecretReference(parts as SecretReferenceParts, { useIds });
        expect(sdkAccepts(reference), reference).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("documents where the SDK is stricter than the op CLI syntax: CLI-only attributes", () => {
    expect(sdkAccepts("op://a/b/c?attribute=otp")).toBe(true);
    expect(sdkAccepts("op://a/b/c?attribute=type")).toBe(false);
    expect(sdkAccepts("op://a/b/c?attr=otp")).toBe(false);
    expect(parseSecretReference("op://a/b/c?attribute=type").attribute).toBe("type");
  });

  it("the parser throws nothing but SecretReferenceError on arbitrary strings", () => {
    const near = fc.string({
      unit: fc.constantFrom(..."op:/?=&ab c.-_é\t{}#", "attribute", "ssh-format", "otp", "op://"),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.anything() as fc.Arbitrary<string>,
          near,
          near.map((s) => `op://${s}`),
        ),
        (text) => {
          try {
            parseSecretReference(text);
          } catch (error) {
            expect(error).toBeInstanceOf(SecretReferenceError);
            expect((error as SecretReferenceError).reason.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("whatever the parser accepts without an attribute, the SDK accepts too", () => {
    const near = fc.string({ unit: fc.constantFrom(..."/ab c.-_é:", "op://"), maxLength: 20 });
    fc.assert(
      fc.property(
        near.map((s) => `op://${s}`),
        (text) => {
          let parsed = true;
          try {
            parseSecretReference(text);
          } catch {
            parsed = false;
          }
          if (parsed) expect(sdkAccepts(text), text).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
