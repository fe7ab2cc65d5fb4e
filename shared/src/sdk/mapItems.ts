// Maps the SDK's vaults, item overviews and items to the shapes every source shares.
import type { Item, ItemOverview } from "@1password/sdk";
import type { ItemAttachment, ItemDetails, ItemField, ItemSection, ItemSummary } from "../types.js";
import { concealedTypes, describeSdkCategory, describeSdkFieldType } from "./categories.js";

/** The pseudo-field of an item's notes, as secret references name it (op://vault/item/notesPlain). */
export const NOTES_FIELD_ID = "notesPlain";

export function overviewToSummary(
  overview: Pick<
    ItemOverview,
    "id" | "title" | "category" | "vaultId" | "websites" | "tags" | "createdAt" | "updatedAt"
  >,
  vaultName: string,
  accountName?: string,
): ItemSummary {
  const { categoryId, category } = describeSdkCategory(String(overview.category));
  const summary: ItemSummary = {
    id: overview.id,
    vaultId: overview.vaultId,
    vaultName,
    title: overview.title,
    categoryId,
    category,
    urls: (overview.websites ?? [])
      .map((w) => w.url)
      .filter((url) => typeof url === "string" && url.length > 0),
    source: "sdk",
  };
  const createdAt = toUnixSeconds(overview.createdAt);
  const modifiedAt = toUnixSeconds(overview.updatedAt);
  if (createdAt !== undefined) summary.createdAt = createdAt;
  if (modifiedAt !== undefined) summary.modifiedAt = modifiedAt;
  if (overview.tags && overview.tags.length > 0) summary.tags = [...overview.tags];
  if (accountName) summary.accountName = accountName;
  return summary;
}

/** An item's structure without any value. */
export function itemToDetails(item: Item, vaultName: string, accountName?: string): ItemDetails {
  const sections: ItemSection[] = (item.sections ?? [])
    .filter((s) => s.id.length > 0)
    .map((s) => (s.title ? { id: s.id, label: s.title } : { id: s.id }));
  const fields: ItemField[] = (item.fields ?? []).map((f) => {
    const type = f.details?.type === "Otp" ? "OTP" : describeSdkFieldType(String(f.fieldType));
    const field: ItemField = { id: f.id, type, concealed: concealedTypes.has(type) };
    if (f.title) field.label = f.title;
    if (f.sectionId) field.sectionId = f.sectionId;
    // Built-in login fields carry no purpose in the SDK; their fixed IDs say what they are.
    if (!f.sectionId && f.id === "username") field.purpose = "USERNAME";
    if (!f.sectionId && f.id === "password") field.purpose = "PASSWORD";
    return field;
  });
  if (item.notes) {
    fields.push({
      id: NOTES_FIELD_ID,
      label: NOTES_FIELD_ID,
      type: "STRING",
      purpose: "NOTES",
      concealed: false,
    });
  }
  const attachments: ItemAttachment[] = [
    ...(item.document ? [{ id: item.document.id, name: item.document.name, size: item.document.size }] : []),
    ...(item.files ?? []).map((f) => ({
      ...f.attributes,
      ...(f.sectionId ? { sectionId: f.sectionId } : {}),
    })),
  ].map(({ id, name, size, sectionId }: ItemAttachment) => ({
    id,
    name,
    size,
    ...(sectionId ? { sectionId } : {}),
  }));
  return {
    summary: overviewToSummary(item, vaultName, accountName),
    sections,
    fields,
    ...(attachments.length ? { attachments } : {}),
  };
}

function toUnixSeconds(value: Date | string | number | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const time = value instanceof Date ? value.getTime() : new Date(value).getTime();
  return Number.isFinite(time) ? Math.floor(time / 1000) : undefined;
}
