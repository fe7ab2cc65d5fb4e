// Writes the demo project npm start opens: config files whose op:// references point at the demo server's items.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildSecretReference, formatReferenceForFile } from "@op-bridge/shared";
import { findItemsWithPasswords } from "../../test/e2e/harness/connect-data.js";

export interface DemoReference {
  /** An environment-style name for the value, e.g. GITHUB_PASSWORD. */
  name: string;
  reference: string;
}

/** References to password-like fields of up to `count` of the server's items, spread over its vaults. */
export async function collectDemoReferences(
  serverUrl: string,
  token: string,
  { count = 4, signal }: { count?: number; signal?: AbortSignal } = {},
): Promise<DemoReference[]> {
  const found = await findItemsWithPasswords(serverUrl, token, { count, signal });
  return found.map(({ vault, item, field }) => {
    const section = item.sections?.find((s) => s.id === field.section?.id);
    return {
      name: toEnvName(`${item.title} ${field.label ?? field.id}`),
      reference: buildSecretReference({
        vault: { id: vault.id, name: vault.name },
        item: { id: item.id, title: item.title },
        section: section && { id: section.id, label: section.label },
        field: { id: field.id, label: field.label },
      }),
    };
  });
}

function toEnvName(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}

function randomToken(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * User settings for the demo's VS Code. The project sits inside this repository's clone, so VS Code's git
 * would offer "a git repository was found in the parent folders" on the first load; the demo is not that
 * repository. `legacy.env` gets the language VS Code gives `.env` (Properties).
 */
export const demoSettings: Record<string, unknown> = {
  "git.openRepositoryInParentFolders": "never",
  "files.associations": { "*.env": "properties" },
};

/** Writes .env, config.yaml, docker-compose.yml (references) and legacy.env (plain-text secrets to save). */
export async function writeDemoProject(folder: string, references: DemoReference[]): Promise<void> {
  if (references.length === 0) throw new Error("the demo Connect server has no item with a password field");
  await mkdir(join(folder, ".vscode"), { recursive: true });
  // The project's own settings too, so it behaves the same when opened in another VS Code.
  await writeFile(join(folder, ".vscode", "settings.json"), `${JSON.stringify(demoSettings, null, 2)}\n`);
  // Quoting fits each file (bare in .env unless a space needs quotes), as the extension's own inserts do.
  const format = (reference: string, fileName: string) => formatReferenceForFile(reference, { fileName });
  const envLines = references.map((r) => `${r.name}=${format(r.reference, ".env")}`);
  await writeFile(
    join(folder, ".env"),
    [
      "# Secrets stay in 1Password: `op run --env-file .env -- <command>` resolves these.",
      ...envLines,
      "",
    ].join("\n"),
  );
  const first = references[0]!;
  const second = references[1] ?? first;
  await writeFile(
    join(folder, "config.yaml"),
    [
      "# Hover a reference to see its vault, item and field; run “1Password: Preview with Secrets” to resolve them.",
      "database:",
      "  host: db.internal",
      "  user: app",
      `  password: ${format(first.reference, "config.yaml")}`,
      "api:",
      `  token: ${format(second.reference, "config.yaml")}`,
      "",
    ].join("\n"),
  );
  await writeFile(
    join(folder, "docker-compose.yml"),
    [
      "services:",
      "  app:",
      "    image: example/app:latest",
      "    environment:",
      ...references.map((r) => `      ${r.name}: ${format(r.reference, "docker-compose.yml")}`),
      "",
    ].join("\n"),
  );
  // Freshly generated on every run, so no real-looking secret sits in the repository.
  await writeFile(
    join(folder, "legacy.env"),
    [
      "# Plain-text secrets: click “Save in 1Password” above a value to move it into a vault.",
      `GITHUB_TOKEN=ghp_${randomToken(alnum, 36)}`,
      `STRIPE_SECRET_KEY=sk_live_${randomToken(alnum, 24)}`,
      "LOG_LEVEL=debug",
      "",
    ].join("\n"),
  );
}
