// What a Connect-backed Raycast command suite reads, made and removed in one place: the metadata folder, the support
// folder and a loopback Connect server.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SeedObject } from "../../connect-server/server";
import { environment } from "../stand-in/raycast-api";
import { startTestConnect, type TestConnect } from "./connect";
import { writeMetadataFolder } from "./metadata";

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
