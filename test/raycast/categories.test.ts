// Every category of the 1Password 7 table has its own icon, and Connect's name for it shows the same one.
import { describe, expect, it } from "vitest";
import { METADATA_CATEGORIES } from "@op-bridge/shared";
import {
  describeCategoryPlural,
  getCategoryIcon,
  normalizeCategoryId,
} from "../../raycast-extension/src/api/categoryIcons";

describe("category icons", () => {
  it("gives each of the 18 categories of the 1Password 7 table a distinct, real icon", () => {
    const ids = Object.keys(METADATA_CATEGORIES);
    expect(ids).toHaveLength(18);
    const icons = ids.map(getCategoryIcon);
    expect(icons).not.toContain("QuestionMarkCircle");
    expect(new Set(icons).size).toBe(18);
  });

  it("shows Connect's categories with the icon and filter name of the same 1Password 7 category", () => {
    expect(getCategoryIcon("LOGIN")).toBe(getCategoryIcon("001"));
    expect(getCategoryIcon("DOCUMENT")).toBe(getCategoryIcon("006"));
    expect(getCategoryIcon("SOCIAL_SECURITY_NUMBER")).toBe(getCategoryIcon("108"));
    expect(normalizeCategoryId("EMAIL_ACCOUNT")).toBe("111");
    expect(describeCategoryPlural({ categoryId: "CREDIT_CARD", category: "Credit Card" })).toBe(
      "Credit Cards",
    );
    // Categories 1Password 7 never had keep their own name and still get an icon.
    expect(normalizeCategoryId("API_CREDENTIAL")).toBe("API_CREDENTIAL");
    expect(getCategoryIcon("API_CREDENTIAL")).toBe("Code");
    expect(getCategoryIcon("SSH_KEY")).not.toBe("QuestionMarkCircle");
    expect(getCategoryIcon("bogus")).toBe("QuestionMarkCircle");
  });
});
