// Remembers how often and how recently items were used, by itemKey only (nothing secret).
import { LocalStorage } from "@raycast/api";
import type { UsageTable } from "@op-bridge/shared";

const STORAGE_KEY = "frecency-v1";

export type FrecencyTable = UsageTable;

export async function loadFrecency(): Promise<FrecencyTable> {
  const text = await LocalStorage.getItem<string>(STORAGE_KEY);
  if (typeof text !== "string") return {};
  try {
    return JSON.parse(text) as FrecencyTable;
  } catch {
    return {};
  }
}

export async function recordUse(table: FrecencyTable, key: string, now = Date.now()): Promise<FrecencyTable> {
  const entry = table[key] ?? { count: 0, lastUsed: now };
  const next = { ...table, [key]: { count: entry.count + 1, lastUsed: now } };
  await LocalStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  return next;
}
