import { describe, expect, it } from "vitest";
import { itemKey, mergeItems, type ItemSummary } from "@op-bridge/shared";

const base: ItemSummary = {
  id: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  vaultId: "VAULTVAULTVAULTVAULTVAULT1",
  vaultName: "Work",
  title: "GitHub",
  categoryId: "001",
  category: "Login",
  urls: [],
  source: "metadata",
  path: "/metadata/x.onepassword-item-metadata",
};

describe("itemKey", () => {
  it("is vault/item, lower-cased, so sources that spell IDs differently agree", () => {
    expect(itemKey(base)).toBe("vaultvaultvaultvaultvault1/abcdefghijklmnopqrstuvwxyz");
    expect(itemKey({ vaultId: "vaultvaultvaultvaultvault1", id: "abcdefghijklmnopqrstuvwxyz" })).toBe(
      itemKey(base),
    );
  });

  it("tells apart equal item IDs in different vaults", () => {
    expect(itemKey({ ...base, vaultId: "other" })).not.toBe(itemKey(base));
  });
});

describe("mergeItems", () => {
  const fromConnect: ItemSummary = {
    ...base,
    id: base.id.toLowerCase(),
    vaultId: base.vaultId.toLowerCase(),
    title: "GitHub (renamed)",
    source: "connect",
    urls: ["https://github.com/"],
    tags: ["dev"],
    path: undefined,
  };

  it("shows the same item from metadata and Connect once, the first list winning", () => {
    const merged = mergeItems([[base], [fromConnect]]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.title).toBe("GitHub");
    expect(merged[0]?.source).toBe("metadata");
    expect(merged[0]?.path).toBe(base.path);
  });

  it("fills fields the first list lacks from later ones", () => {
    const [merged] = mergeItems([[base], [fromConnect]]);
    expect(merged?.urls).toEqual(["https://github.com/"]);
    expect(merged?.tags).toEqual(["dev"]);
  });

  it("keeps first-seen order, distinct items and the inputs unchanged", () => {
    const other = { ...base, id: "other" };
    const third = { ...base, id: "third", vaultId: "v2" };
    const merged = mergeItems([[base, other], [third, fromConnect], []]);
    expect(merged.map(itemKey)).toEqual([itemKey(base), itemKey(other), itemKey(third)]);
    expect(base.urls).toEqual([]);
    expect(base.tags).toBeUndefined();
  });

  it("answers nothing for no lists", () => {
    expect(mergeItems([])).toEqual([]);
    expect(mergeItems([[], []])).toEqual([]);
  });
});
