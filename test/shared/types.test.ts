import { describe, expect, it } from "vitest";
import type { ItemSummary } from "@op-bridge/shared";

describe("ItemSummary", () => {
  it("describes an item without any secret value", () => {
    const item: ItemSummary = {
      id: "a",
      vaultId: "v",
      vaultName: "Personal",
      title: "Apple ID",
      categoryId: "001",
      category: "Login",
      urls: [],
      source: "metadata",
    };
    expect(Object.keys(item)).not.toContain("password");
  });
});
