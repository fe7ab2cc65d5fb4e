// Writes small metadata trees (1Password 7, or opbookmarks' for 1Password 8) into temporary folders.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestRecord {
  uuid: string;
  vaultUUID: string;
  vaultName: string;
  itemTitle: string;
  categoryUUID?: string;
  accountName?: string;
  itemDescription?: string;
  websiteURLs?: string[];
  createdAt?: number;
  modifiedAt?: number;
  profileUUID?: string;
}

export const PERSONAL = "AAAAAAAAAAAAAAAAAAAAAAAAAA";
export const WORK = "BBBBBBBBBBBBBBBBBBBBBBBBBB";

export const RECORDS: TestRecord[] = [
  {
    uuid: "ITEMGITHUB00000000000000AA",
    vaultUUID: PERSONAL,
    vaultName: "Personal",
    itemTitle: "GitHub",
    categoryUUID: "001",
    itemDescription: "octocat",
    websiteURLs: ["https://github.com/login", "https://gist.github.com/"],
    createdAt: 1600000000,
    modifiedAt: 1700000000,
  },
  {
    uuid: "ITEMGITLAB00000000000000AA",
    vaultUUID: WORK,
    vaultName: "Work",
    accountName: "ACME",
    itemTitle: "GitLab",
    categoryUUID: "001",
    itemDescription: "dev",
    websiteURLs: ["https://gitlab.com/"],
  },
  {
    uuid: "ITEMVISA000000000000000AAA",
    vaultUUID: PERSONAL,
    vaultName: "Personal",
    itemTitle: "Visa",
    categoryUUID: "002",
    itemDescription: "****1234",
  },
];

/** An item the live-change tests write into the Personal vault while a list is open. */
export const DROPBOX: TestRecord = {
  uuid: "ITEMDROPBOX0000000000000AA",
  vaultUUID: PERSONAL,
  vaultName: "Personal",
  itemTitle: "Dropbox",
  categoryUUID: "001",
  websiteURLs: ["https://dropbox.com/"],
};

/** Where a record of RECORDS lives, to change or remove it. */
export function recordPath(root: string, record: Pick<TestRecord, "vaultUUID" | "uuid">): string {
  return join(root, record.vaultUUID, `${record.vaultUUID}_${record.uuid}.onepassword-item-metadata`);
}

const CATEGORY_NAMES: Record<string, [string, string]> = {
  "001": ["Login", "Logins"],
  "002": ["Credit Card", "Credit Cards"],
  "005": ["Password", "Passwords"],
};

export async function writeRecord(root: string, record: TestRecord): Promise<string> {
  const [singular, plural] = CATEGORY_NAMES[record.categoryUUID ?? "001"] ?? ["Login", "Logins"];
  await mkdir(join(root, record.vaultUUID), { recursive: true });
  const path = recordPath(root, record);
  await writeFile(
    path,
    JSON.stringify({ categorySingularName: singular, categoryPluralName: plural, ...record }),
  );
  return path;
}

/** A new temporary folder holding the given records. */
export async function writeMetadataFolder(records: TestRecord[] = RECORDS, prefix = "raycast-meta-") {
  const root = await mkdtemp(join(tmpdir(), prefix));
  for (const record of records) await writeRecord(root, record);
  return root;
}
