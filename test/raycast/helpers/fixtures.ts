// What a Connect-backed Raycast command suite reads, made and removed in one place: the metadata folder, the support
// folder and a loopback Connect server.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SeedObject } from "../../connect-server/server";
import { environment } from "../stand-in/raycast-api";
import { startTestConnect, type TestConnect } from "./connect";
import { PERSONAL, writeMetadataFolder } from "./metadata";

type SeedVault = SeedObject["vaults"][number];
type SeedItem = NonNullable<SeedVault["items"]>[number];

/**
 * RECORDS' Personal vault holding its GitHub login, as Connect keeps them: Connect spells the IDs in lower case,
 * and a command must still show one vault and one GitHub. `github` gives the item's fields, URLs and sections.
 */
export const connectPersonalWithGitHub = (github: SeedItem): SeedVault => ({
  id: PERSONAL.toLowerCase(),
  name: "Personal",
  items: [{ id: "itemgithub00000000000000aa", title: "GitHub", category: "LOGIN", ...github }],
});

export interface CommandFixtures {
  /** A metadata folder holding RECORDS. */
  root: string;
  /** An empty folder, set as the extension's environment.supportPath. */
  support: string;
  server: TestConnect;
}

/** Writes the folders and starts a Connect server seeded with `seed`. */
export async function openCommandFixtures(seed: SeedObject): Promise<CommandFixtures> {
  const root = await writeMetadataFolder();
  const support = await mkdtemp(join(tmpdir(), "raycast-support-"));
  (environment as { supportPath: string }).supportPath = support;
  const server = await startTestConnect(seed);
  return { root, support, server };
}

/** Stops the server and removes both folders. */
export async function closeCommandFixtures({ root, support, server }: CommandFixtures): Promise<void> {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(support, { recursive: true, force: true });
}
