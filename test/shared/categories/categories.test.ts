// One category table: every source's spelling of a category gives the same label, filter ID and icon name.
import type { ItemCategory } from "@1password/sdk";
import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  describeConnectCategory,
  findCategory,
  findSdkCategory,
  METADATA_CATEGORIES,
  normalizeCategoryId,
} from "../../../shared/src/index.js";
import { describeSdkCategory, sdkCategoryFor } from "../../../shared/src/sdk/categories.js";

// Every SDK category but Unsupported, listed against the SDK's own enum: a new one fails to compile here.
const sdkCategories: Record<Exclude<`${ItemCategory}`, "Unsupported">, string> = {
  Login: "LOGIN",
  SecureNote: "SECURE_NOTE",
  CreditCard: "CREDIT_CARD",
  CryptoWallet: "CRYPTO_WALLET",
  Identity: "IDENTITY",
  Password: "PASSWORD",
  Document: "DOCUMENT",
  ApiCredentials: "API_CREDENTIAL",
  BankAccount: "BANK_ACCOUNT",
  Database: "DATABASE",
  DriverLicense: "DRIVER_LICENSE",
  Email: "EMAIL_ACCOUNT",
  MedicalRecord: "MEDICAL_RECORD",
  Membership: "MEMBERSHIP",
  OutdoorLicense: "OUTDOOR_LICENSE",
  Passport: "PASSPORT",
  Rewards: "REWARD_PROGRAM",
  Router: "WIRELESS_ROUTER",
  Server: "SERVER",
  SshKey: "SSH_KEY",
  SocialSecurityNumber: "SOCIAL_SECURITY_NUMBER",
  SoftwareLicense: "SOFTWARE_LICENSE",
  Person: "PERSON",
};

describe("the category table", () => {
  it("names each category once, with IDs that never collide", () => {
    const ids = CATEGORIES.flatMap((c) => [c.connectId, ...(c.metadataId ? [c.metadataId] : [])]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(METADATA_CATEGORIES)).toHaveLength(18);
  });

  it("maps every SDK category to Connect's name and back, with the same label as Connect's item", () => {
    for (const [sdkName, connectId] of Object.entries(sdkCategories)) {
      expect(findSdkCategory(sdkName)?.connectId, sdkName).toBe(connectId);
      expect(describeSdkCategory(sdkName)).toEqual({
        categoryId: connectId,
        category: describeConnectCategory(connectId),
      });
      expect(sdkCategoryFor(connectId)).toBe(sdkName);
    }
    expect(describeSdkCategory("SomethingNew")).toEqual({ categoryId: "SOMETHINGNEW", category: "Item" });
  });

  it("gives a 1Password 7 item and a Connect item of one category one filter ID, label and icon", () => {
    for (const info of CATEGORIES.filter((c) => c.metadataId)) {
      expect(normalizeCategoryId(info.connectId)).toBe(info.metadataId);
      expect(findCategory(info.metadataId!)).toBe(findCategory(info.connectId));
      expect(METADATA_CATEGORIES[info.metadataId!]?.singular).toBe(describeConnectCategory(info.connectId));
    }
    expect(normalizeCategoryId("API_CREDENTIAL")).toBe("API_CREDENTIAL");
    expect(describeConnectCategory("SOME_NEW_KIND")).toBe("Some New Kind");
  });
});
