import { describe, expect, it } from "vitest";
import { extractHost, normalizeText } from "@op-bridge/shared";

describe("normalizeText", () => {
  it("folds accents and case, joins apostrophes, splits on other punctuation", () => {
    expect(normalizeText("Café Lumière")).toBe("cafe lumiere");
    expect(normalizeText("Driver's License")).toBe("drivers license");
    expect(normalizeText("  Wi-Fi   at Grandma’s!! ")).toBe("wi fi at grandmas");
    expect(normalizeText("Zürich_Versicherung")).toBe("zurich versicherung");
    expect(normalizeText("github.com")).toBe("github com");
    expect(normalizeText("")).toBe("");
    expect(normalizeText("?!")).toBe("");
  });
});

describe("extractHost", () => {
  it("answers the host without www, or nothing for text without one", () => {
    expect(extractHost("https://www.GitHub.com/login?x=1")).toBe("github.com");
    expect(extractHost("ssh://user@bastion.acme.io:22")).toBe("bastion.acme.io");
    expect(extractHost("example.org/path")).toBe("example.org");
    expect(extractHost("not a url")).toBeUndefined();
    expect(extractHost("")).toBeUndefined();
  });
});
