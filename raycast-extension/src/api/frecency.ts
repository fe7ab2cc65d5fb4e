// Remembers how often and how recently items were used, by itemKey only (nothing secret).
import { LocalStorage } from "@raycast/api";

const STORAGE_KEY = "frecency-v1";
const HALF_LIFE_DAYS = 14;

export type FrecencyTable = Record<string, { count: number; lastUsed: number }>;

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

/** Higher for items used often and lately; uses decay with a two-week half-life. */
export function scoreFrecency(table: FrecencyTable, key: string, now = Date.now()): number {
  const entry = table[key];
  if (!entry) return 0;
  const ageDays = (now - entry.lastUsed) / 86_400_000;
  return entry.count * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
}
