// Turns Connect vaults and items into the summaries and details every source shares (never a value).
import { findCategory } from "../categories/categories.js";
import type { ItemAttachment, ItemDetails, ItemField, ItemSection, ItemSummary } from "../types.js";
import type { FullItem, Item, Vault } from "./types.js";

/** "Credit Card" for CREDIT_CARD; unknown categories are title-cased. */
export function describeConnectCategory(category: string): string {
  return (
    findCategory(category)?.singular ??
    category
      .toLowerCase()
      .split("_")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(" ")
  );
}

const concealedTypes = new Set(["CONCEALED", "OTP", "TOTP"]);
const purposes = new Set(["USERNAME", "PASSWORD", "NOTES"]);

export function itemToSummary(item: Item, vault: Pick<Vault, "id" | "name">): ItemSummary {
  const summary: ItemSummary = {
    id: item.id,
    vaultId: item.vault?.id ?? vault.id,
    vaultName: vault.name,
    title: item.title ?? "",
    categoryId: item.category,
    category: describeConnectCategory(item.category),
    // The primary URL first: it is the one "open and fill" uses.
    urls: [...(item.urls ?? [])]
      .sort((a, b) => Number(Boolean(b.primary)) - Number(Boolean(a.primary)))
      .map((url) => url.href)
      .filter((href) => typeof href === "string" && href.length > 0),
    source: "connect",
  };
  const createdAt = toUnixSeconds(item.createdAt);
  const modifiedAt = toUnixSeconds(item.updatedAt);
  if (createdAt !== undefined) summary.createdAt = createdAt;
  if (modifiedAt !== undefined) summary.modifiedAt = modifiedAt;
  if (item.tags && item.tags.length > 0) summary.tags = [...item.tags];
  if (item.favorite) summary.favorite = true;
  return summary;
}

export function itemToDetails(item: FullItem, vault: Pick<Vault, "id" | "name">): ItemDetails {
  const sections: ItemSection[] = (item.sections ?? [])
    .filter((s) => typeof s.id === "string" && s.id.length > 0)
    .map((s) => (s.label ? { id: s.id, label: s.label } : { id: s.id }));
  const fields: ItemField[] = (item.fields ?? []).map((f) => {
    const type = f.type === "TOTP" ? "OTP" : (f.type ?? "STRING");
    const field: ItemField = { id: f.id, type, concealed: concealedTypes.has(type) };
    if (f.label) field.label = f.label;
    if (f.purpose && purposes.has(f.purpose)) field.purpose = f.purpose as ItemField["purpose"];
    if (f.section?.id) field.sectionId = f.section.id;
    return field;
  });
  const attachments: ItemAttachment[] = (item.files ?? [])
    .filter((f) => typeof f.id === "string" && typeof f.name === "string")
    .map((f) => ({
      id: f.id,
      name: f.name,
      size: Number.isFinite(f.size) ? f.size : 0,
      ...(f.section?.id ? { sectionId: f.section.id } : {}),
    }));
  return {
    summary: itemToSummary(item, vault),
    sections,
    fields,
    ...(attachments.length ? { attachments } : {}),
  };
}

function toUnixSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? Math.floor(time / 1000) : undefined;
}
