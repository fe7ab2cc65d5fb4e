import { describe, expect, it } from "vitest";
import {
  LinkError,
  editItemUrl,
  metadataFileUrl,
  openAndFillUrl,
  supportsOpenAndFill,
  viewItemUrl,
} from "@op-bridge/shared";

// The seed's example item (004_7b2cd097604214fa.txt).
const appleId = { vaultId: "2qi2kzbzxrm5ijfire7wfbb23e", id: "cxmvcuuzwrgfpni6r4j3fgtxb4" };
const bookmark = {
  vaultId: "2qi2kzbzxrm5ijfire7wfbb23e",
  id: "cxmvcuuzwrgfpni6r4j3fgtxb4",
  app: "1password8" as const,
  accountId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
};

describe("openAndFillUrl", () => {
  // Hashes computed outside this code base with `printf '%s' URL | sha256sum`.
  it.each([
    ["https://appleid.apple.com", "36fb3d6235d7ebbe76e5c6fb53e156cc606008e9a015ba14cb0726f969eb9156"],
    ["https://icloud.com", "fc5c18314912917fc485faf0ade69f3448068ca8543c1a5e98e6186e0eb832a6"],
    ["https://itunes.com/", "a76ffb67b51569ebbb28af630b7e73674de907a9bd05d2313d4fd77a52bf6b9b"],
    ["https://café.example/path?q=1 2", "f2f39006b8166b3904feaad46c9ee6de95287460487b8d0f3e22e0e22e2bdc69"],
  ])("hashes the exact URL %s", (url, hash) => {
    expect(openAndFillUrl(appleId, url)).toBe(
      `onepassword7://open_and_fill/2qi2kzbzxrm5ijfire7wfbb23e/cxmvcuuzwrgfpni6r4j3fgtxb4/${hash}`,
    );
  });

  it("does not normalise the URL (a trailing slash changes the hash)", () => {
    expect(openAndFillUrl(appleId, "https://itunes.com")).not.toBe(
      openAndFillUrl(appleId, "https://itunes.com/"),
    );
  });

  it("refuses 1Password 8 bookmark items, which have no such route", () => {
    expect(supportsOpenAndFill(bookmark)).toBe(false);
    expect(supportsOpenAndFill(appleId)).toBe(true);
    expect(() => openAndFillUrl(bookmark, "https://icloud.com")).toThrow(LinkError);
  });

  it("offers open and fill only for 1Password 7 metadata items: Connect and SDK items live in 1Password 8", () => {
    expect(supportsOpenAndFill({ ...appleId, source: "metadata" })).toBe(true);
    for (const source of ["connect", "sdk"] as const) {
      expect(supportsOpenAndFill({ ...appleId, source })).toBe(false);
      expect(() => openAndFillUrl({ ...appleId, source }, "https://icloud.com")).toThrow(/1Password 8/);
    }
  });

  it("refuses an empty URL", () => {
    expect(() => openAndFillUrl(appleId, "")).toThrow(/no website URL/);
  });
});

describe("viewItemUrl / editItemUrl", () => {
  it("builds the 1Password 7 routes", () => {
    expect(viewItemUrl(appleId)).toBe(
      "onepassword7://view/2qi2kzbzxrm5ijfire7wfbb23e/cxmvcuuzwrgfpni6r4j3fgtxb4",
    );
    expect(editItemUrl(appleId)).toBe(
      "onepassword7://edit/2qi2kzbzxrm5ijfire7wfbb23e/cxmvcuuzwrgfpni6r4j3fgtxb4",
    );
  });

  it("builds the 1Password 8 routes for bookmark items", () => {
    expect(viewItemUrl(bookmark)).toBe(
      "onepassword://view-item/?a=ABCDEFGHIJKLMNOPQRSTUVWXYZ&v=2qi2kzbzxrm5ijfire7wfbb23e&i=cxmvcuuzwrgfpni6r4j3fgtxb4",
    );
    expect(editItemUrl(bookmark)).toBe(
      "onepassword://edit-item/?a=ABCDEFGHIJKLMNOPQRSTUVWXYZ&v=2qi2kzbzxrm5ijfire7wfbb23e&i=cxmvcuuzwrgfpni6r4j3fgtxb4",
    );
  });

  it("opens Connect and SDK items in 1Password 8, naming the account when the item knows it", () => {
    const ids = "v=2qi2kzbzxrm5ijfire7wfbb23e&i=cxmvcuuzwrgfpni6r4j3fgtxb4";
    expect(viewItemUrl({ ...appleId, source: "connect" })).toBe(`onepassword://view-item/?${ids}`);
    expect(editItemUrl({ ...appleId, source: "connect" })).toBe(`onepassword://edit-item/?${ids}`);
    expect(viewItemUrl({ ...appleId, source: "sdk" })).toBe(`onepassword://view-item/?${ids}`);
    expect(viewItemUrl({ ...appleId, source: "sdk", accountId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" })).toBe(
      `onepassword://view-item/?a=ABCDEFGHIJKLMNOPQRSTUVWXYZ&${ids}`,
    );
    expect(() => viewItemUrl({ ...appleId, source: "sdk", accountId: "x&i=evil" })).toThrow(LinkError);
  });

  it("keeps 1Password 7's routes for its own metadata items", () => {
    expect(viewItemUrl({ ...appleId, source: "metadata" })).toBe(viewItemUrl(appleId));
    expect(viewItemUrl({ ...appleId, source: "metadata", app: "1password7" })).toMatch(
      /^onepassword7:\/\/view\//,
    );
  });

  it("accepts legacy 32-digit hex UUIDs of old items", () => {
    const legacy = { vaultId: "2qi2kzbzxrm5ijfire7wfbb23e", id: "6B9D6D0A0B2D4A4FB0D3E1A3A7F9C3B2" };
    expect(viewItemUrl(legacy)).toBe(
      "onepassword7://view/2qi2kzbzxrm5ijfire7wfbb23e/6B9D6D0A0B2D4A4FB0D3E1A3A7F9C3B2",
    );
  });

  it.each([
    ["a path", { vaultId: "2qi2kzbzxrm5ijfire7wfbb23e", id: "../../etc/passwd" }, /not a valid item ID/],
    ["a query", { vaultId: "2qi2kzbzxrm5ijfire7wfbb23e?x=1", id: "cxmvcuuzwrgfpni6r4j3fgtxb4" }, /vault ID/],
    ["a short ID", { vaultId: "2qi2kzbzxrm5ijfire7wfbb23", id: "cxmvcuuzwrgfpni6r4j3fgtxb4" }, /vault ID/],
    ["an empty ID", { vaultId: "2qi2kzbzxrm5ijfire7wfbb23e", id: "" }, /item ID is missing/],
  ])("refuses %s before building anything", (_what, item, message) => {
    expect(() => viewItemUrl(item)).toThrow(LinkError);
    expect(() => editItemUrl(item)).toThrow(message);
    expect(() => openAndFillUrl(item, "https://icloud.com")).toThrow(message);
  });

  it("needs the account of a 1Password 8 item", () => {
    expect(() => viewItemUrl({ ...bookmark, accountId: undefined })).toThrow(/account ID/);
    expect(() => viewItemUrl({ ...bookmark, accountId: "x&v=evil" })).toThrow(LinkError);
  });

  it("names itself LinkError", () => {
    try {
      viewItemUrl({ vaultId: "nope", id: "nope" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe("LinkError");
    }
  });
});

describe("metadataFileUrl", () => {
  it("answers the file:// URL of the metadata file, escaping spaces", () => {
    const path =
      "/Users/me/Library/Containers/com.agilebits.onepassword7/Data/Library/Caches/Metadata/1Password/2qi2kzbzxrm5ijfire7wfbb23e/2qi2kzbzxrm5ijfire7wfbb23e_cxmvcuuzwrgfpni6r4j3fgtxb4.onepassword-item-metadata";
    expect(metadataFileUrl({ path })).toBe(`file://${path}`);
    expect(metadataFileUrl({ path: "/tmp/My Vault/x.onepassword-item-metadata" })).toBe(
      "file:///tmp/My%20Vault/x.onepassword-item-metadata",
    );
  });

  it("refuses items without a file and relative paths", () => {
    expect(() => metadataFileUrl({})).toThrow(LinkError);
    expect(() => metadataFileUrl({ path: "relative/x.onepassword-item-metadata" })).toThrow(/not absolute/);
  });
});
