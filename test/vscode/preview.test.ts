// Preview with Secrets against a real loopback Connect server: values in a read-only, in-memory document beside
// the file, failures with their reason in place, nothing written to disk, nothing sent before the user agrees.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { guard } from "../../vscode-extension/src/commands/run.js";
import {
  closedPreviewText,
  PreviewDocuments,
  previewScheme,
} from "../../vscode-extension/src/commands/previewDocuments.js";
import {
  previewWithSecrets,
  sourcesChangedMessage,
  type PreviewOptions,
} from "../../vscode-extension/src/commands/previewWithSecrets.js";
import { registerEditorFeatures } from "../../vscode-extension/src/editor/index.js";
import type { SourceRegistry } from "../../vscode-extension/src/sources/SourceRegistry.js";
import { StructureCache } from "../../vscode-extension/src/sources/structureCache.js";
import { currentTotp } from "../connect-server/totp.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { developmentVault, startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn, editorStandIn } = vscode;
/** Reaches the Development vault until a test revokes its access, as an administrator can in 1Password. */
const revocableToken = "revocable-token-0123456789";
let server: TestConnect;
let folder: string;
/** The provider of preview documents, registered as activation does; caches made by a test, disposed after it. */
let documents: PreviewDocuments;
let caches: StructureCache[] = [];

beforeAll(async () => {
  server = await startTestConnect({ scopedTokens: [{ token: revocableToken, vaults: ["Development"] }] });
  folder = await mkdtemp(join(tmpdir(), "op-preview-"));
});
afterAll(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});
beforeEach(() => {
  standIn.reset();
  server.clearRequests();
  documents = new PreviewDocuments();
});
afterEach(() => {
  server.setFaults({});
  documents.dispose();
  caches.forEach((cache) => cache.dispose());
  caches = [];
});

const registry = (env = connectEnv(server)) => createTestRegistry(env);

/** The structure cache of a registry, as activation shares it between the editor features and the preview. */
function cacheOf(sources: SourceRegistry = registry()) {
  const cache = new StructureCache(sources);
  caches.push(cache);
  return cache;
}

/** Runs the command as activation wires it: through a structure cache of the registry and the preview documents. */
function preview(from: SourceRegistry | StructureCache = registry(), options?: PreviewOptions) {
  const cache = from instanceof StructureCache ? from : cacheOf(from);
  return previewWithSecrets({ cache, documents }, options);
}

/** A fresh window, as after a reload: activation registers the preview documents again. */
function startOver() {
  standIn.reset();
  documents.dispose();
  documents = new PreviewDocuments();
}

/** A real file on disk, open in the editor as VS Code would have it. */
async function openFile(name: string, text: string, languageId: string) {
  const path = join(folder, name);
  await writeFile(path, text, "utf8");
  standIn.openEditor(text, languageId, path);
  return path;
}

/** A server with one item whose one-time password field holds `otpUri`. */
function startOtpServer(otpUri: string) {
  return startTestConnect({
    seed: {
      vaults: [
        {
          name: "Ops",
          items: [
            {
              title: "GitHub",
              category: "LOGIN",
              sections: [{ id: "security", label: "Security" }],
              fields: [
                {
                  id: "otp",
                  type: "OTP",
                  label: "one-time password",
                  value: otpUri,
                  section: { id: "security" },
                },
              ],
            },
          ],
        },
      ],
    },
  });
}

/** The text of the one document the command showed, and how. */
function shownPreview() {
  expect(standIn.state.shownDocuments).toHaveLength(1);
  const { document, viewColumn } = standIn.state.shownDocuments[0]!;
  return { text: document.getText(), document, viewColumn };
}

const dotenv = [
  "# staging",
  "DB_USER=op://Development/Postgres Staging/username",
  'DB_PASS="op://Development/Postgres Staging/password"',
  "DB_HOST=op://Development/Postgres Staging/Connection/host",
  "STRIPE=op://Development/iiiiiiiiiiiiiiiiiiiiiiiii2/credential # live",
  "MISSING=op://Development/Redis/password",
  "AGAIN=op://Development/Postgres Staging/password",
  "",
].join("\n");

describe("Preview with Secrets", () => {
  test("opens a read-only .env beside the file with values in place and failures with their reason; nothing is written to disk", async () => {
    const path = await openFile("staging.env", dotenv, "dotenv");
    const filesBefore = await readdir(folder);
    standIn.answer({ message: "Show Secrets" });
    const returned = await preview();
    const { text, document, viewColumn } = shownPreview();
    expect(text).toBe(
      [
        "# staging",
        "DB_USER=app",
        'DB_PASS="s3cr3t-value-never-shown"',
        "DB_HOST=db.internal",
        "STRIPE=sk_live_never # live",
        'MISSING=op://Development/Redis/password <unresolved: no item is named "Redis" or has that ID in vault "Development">',
        "AGAIN=s3cr3t-value-never-shown",
        "",
      ].join("\n"),
    );
    expect(returned).toBe(document);
    // A document of our content provider: neither a file nor an untitled buffer VS Code would back up or save.
    expect(document.uri.scheme).toBe(previewScheme);
    expect(["file", "untitled"]).not.toContain(document.uri.scheme);
    expect(document.isUntitled).toBe(false);
    expect(document.uri.path).toBe("/staging.env (with secrets)");
    // Plain text: no language server of another extension reads the values.
    expect(document.languageId).toBe("plaintext");
    expect(viewColumn).toBe(vscode.ViewColumn.Beside);
    // The confirmation named every item it was about to read, before anything was read.
    expect(standIn.state.notifications[0]!.detail).toMatch(
      /It will read these 3 items: "Postgres Staging" in Development, "iiiiiiiiiiiiiiiiiiiiiiiii2" in Development, "Redis" in Development\.$/,
    );
    // Setting the language closes and reopens the document for listeners: the text is still held.
    expect(documents.holds(document.uri)).toBe(true);
    // Nothing written: no new file beside it, the file on disk and the editor keep their references,
    // and no file or untitled document was opened.
    expect(await readdir(folder)).toEqual(filesBefore);
    expect(await readFile(path, "utf8")).toBe(dotenv);
    expect(standIn.state.activeTextEditor!.document.getText()).toBe(dotenv);
    expect(editorStandIn.state.documents.map((d) => d.uri.scheme)).toEqual([previewScheme]);
    expect(standIn.messages("warning")).toEqual([
      "Preview staging.env with its secrets?",
      "1 of the 5 secret references in staging.env could not be resolved; the preview shows why next to each.",
    ]);
    // Values go only into the preview: not into the log, notifications or progress.
    const elsewhere = JSON.stringify([
      standIn.state.logLines,
      standIn.state.notifications,
      standIn.state.progress,
    ]);
    for (const value of ["s3cr3t-value-never-shown", "sk_live_never", "db.internal"]) {
      expect(elsewhere).not.toContain(value);
    }
    expect(standIn.state.progress.map((p) => p.title)).toEqual([
      "Resolving 5 secret references of staging.env",
    ]);
    expect(standIn.state.progress[0]!.reports.at(-1)).toBe("5 of 5");
  });

  test("closing the preview forgets its values; opening it again shows only how to get them back", async () => {
    await openFile("closed.env", dotenv, "dotenv");
    standIn.answer({ message: "Show Secrets" });
    const shown = (await preview()) as unknown as vscode.StandInDocument;
    expect(shown.getText()).toContain("s3cr3t-value-never-shown");
    expect(documents.provideTextDocumentContent(shown.uri as never)).toBe(shown.getText());

    editorStandIn.closeDocument(shown);
    expect(documents.holds(shown.uri as never)).toBe(false);
    expect(documents.provideTextDocumentContent(shown.uri as never)).toBe(closedPreviewText);
    // Reopen Closed Editor asks the provider again: no value comes back.
    const reopened = await vscode.workspace.openTextDocument(shown.uri as never);
    expect(reopened.getText()).toBe(closedPreviewText);
    expect(reopened.getText()).not.toContain("s3cr3t-value-never-shown");

    // Two previews of one file are two documents; closing one keeps the other's text.
    standIn.state.shownDocuments = [];
    standIn.answer({ message: "Show Secrets" }, { message: "Show Secrets" });
    const first = (await preview()) as unknown as vscode.StandInDocument;
    const second = (await preview()) as unknown as vscode.StandInDocument;
    expect(first.uri.toString()).not.toBe(second.uri.toString());
    expect(first.uri.path).toBe(second.uri.path);
    editorStandIn.closeDocument(first);
    expect(documents.holds(first.uri as never)).toBe(false);
    expect(documents.holds(second.uri as never)).toBe(true);

    // Deactivation drops every text and the provider.
    documents.dispose();
    expect(documents.holds(second.uri as never)).toBe(false);
    expect(editorStandIn.state.contentProviders.has(previewScheme)).toBe(false);
  });

  test("each distinct reference is resolved once, and the sources' vaults and items are listed once per run", async () => {
    await openFile("again.env", dotenv, "dotenv");
    standIn.answer({ message: "Show Secrets" });
    await preview();
    const count = (pattern: RegExp) => server.requests().filter((r) => pattern.test(r)).length;
    expect(count(/^GET \/v1\/vaults\/?(\?.*)?$/)).toBe(1);
    expect(count(new RegExp(`^GET /v1/vaults/${developmentVault.id}/items(\\?.*)?$`))).toBe(1);
    // Two items' structures once each, then one read per distinct resolved field (4).
    expect(count(/^GET \/v1\/vaults\/\w+\/items\/\w+/)).toBe(2 + 4);
  });

  test("structure read by diagnostics or a recent preview is not read again; values always are; Refresh Items reads it anew", async () => {
    const sources = registry();
    const cache = cacheOf(sources);
    const log = vscode.window.createOutputChannel("test", { log: true });
    const features = registerEditorFeatures({ subscriptions: [] } as never, sources, log, undefined, cache);
    const count = (pattern: RegExp) => server.requests().filter((r) => pattern.test(r)).length;
    const listings = /^GET \/v1\/vaults(\/\w+\/items)?\/?(\?.*)?$/;

    // The file is open: diagnostics check its references through the shared cache.
    const path = await openFile("warm.env", dotenv, "dotenv");
    const open = editorStandIn.openDocument(dotenv, "dotenv", path);
    await features.diagnostics.settled(open as never);
    expect(count(listings)).toBeGreaterThan(0);

    server.clearRequests();
    standIn.answer({ message: "Show Secrets" });
    await preview(cache);
    expect(shownPreview().text).toContain('DB_PASS="s3cr3t-value-never-shown"');
    // Only the four distinct values were read: no vault or item list, no item structure.
    expect(count(listings)).toBe(0);
    expect(server.requests()).toHaveLength(4);

    // A second preview soon after: the same four value reads, nothing else.
    server.clearRequests();
    standIn.state.shownDocuments = [];
    standIn.answer({ message: "Show Secrets" });
    await preview(cache);
    expect(server.requests()).toHaveLength(4);

    // Refresh Items (or changed settings) clears the structure: the next preview lists again.
    sources.refresh();
    server.clearRequests();
    standIn.state.shownDocuments = [];
    standIn.answer({ message: "Show Secrets" });
    await preview(cache);
    expect(count(/^GET \/v1\/vaults\/?(\?.*)?$/)).toBe(1);
    expect(server.requests()).toHaveLength(1 + 1 + 2 + 4);
    features.dispose();
  });

  test("references to a Connect server and to the SDK account resolve in one preview", async () => {
    const fake = createFakeSdk();
    const both = createTestRegistry(connectEnv(server), { loadSdk: async () => fake.client });
    await both.signInSdk({ serviceAccountToken: "ops_valid" });
    await openFile(
      "both.yaml",
      "db: op://Development/Postgres Staging/username\ndeploy: op://Shared/Deploy key/credential\n",
      "yaml",
    );
    standIn.answer({ message: "Show Secrets" });
    await preview(both);
    expect(shownPreview().text).toBe("db: app\ndeploy: sdk-secret-never-shown\n");
    expect(standIn.messages("warning")).toEqual(["Preview both.yaml with its secrets?"]);
  });

  test("cancelling the confirmation does nothing and sends no request", async () => {
    await openFile("cancel.env", dotenv, "dotenv");
    standIn.answer({ message: undefined });
    const run = guard(vscode.window.createOutputChannel("t", { log: true }), "preview", () => preview());
    await run();
    expect(server.requestsReceived()).toBe(0);
    expect(standIn.state.shownDocuments).toEqual([]);
    expect(standIn.state.progress).toEqual([]);
    // Only the question itself; cancelling is not reported as an error.
    expect(standIn.messages()).toEqual(["Preview cancel.env with its secrets?"]);
  });

  test("cancelling the progress stops resolving and opens nothing", async () => {
    await openFile("slow.env", dotenv, "dotenv");
    server.setFaults({ latencyMs: 200, only: { path: "/v1/" } });
    standIn.answer({ message: "Show Secrets" });
    const running = preview();
    await expect.poll(() => standIn.state.progress.length).toBe(1);
    standIn.state.progress[0]!.cancel();
    await expect(running).rejects.toHaveProperty("name", "CancellationError");
    expect(standIn.state.shownDocuments).toEqual([]);
    // The requests in flight were the first wave only (listing vaults), not one per reference.
    expect(server.requestsReceived()).toBeLessThanOrEqual(1);
  });

  test("no more than `concurrency` references are resolved at once", async () => {
    const text = [
      "U=op://Development/Postgres Staging/username",
      "P='op://Development/Postgres Staging/password'",
      "H=op://Development/Postgres Staging/Connection/host",
      "S=op://Development/iiiiiiiiiiiiiiiiiiiiiiiii2/credential",
      "T='op://Development/Postgres Staging/password?attribute=type'",
      "I=op://Development/Postgres Staging/username?attribute=id",
    ].join("\n");
    await openFile("many.sh", text, "shellscript");
    server.setFaults({ latencyMs: 20, only: { path: "/v1/" } });
    server.resetPeakInFlight();
    standIn.answer({ message: "Show Secrets" });
    await preview(registry(), { concurrency: 2 });
    expect(shownPreview().text).toBe(
      [
        "U=app",
        "P='s3cr3t-value-never-shown'",
        "H=db.internal",
        "S=sk_live_never",
        "T='CONCEALED'",
        "I=username",
      ].join("\n"),
    );
    // Two at once: the bound is reached and not passed (each reference makes one request at a time).
    expect(server.stats.peakRequestsInFlight).toBe(2);

    // Without a tighter bound the default (4) lets more run at once: the bound above is what held them.
    startOver();
    standIn.openEditor(text, "shellscript", join(folder, "many.sh"));
    server.resetPeakInFlight();
    standIn.answer({ message: "Show Secrets" });
    await preview();
    expect(server.stats.peakRequestsInFlight).toBe(4);
  });

  test("?attribute=otp shows the one-time code the server computes at that moment, never the OTP secret", async () => {
    const otpUri = "otpauth://totp/GitHub?secret=JBSWY3DPEHPK3PXP";
    const otpServer = await startOtpServer(otpUri);
    try {
      await openFile(
        "otp.env",
        "CODE='op://Ops/GitHub/Security/one-time password?attribute=otp'\n",
        "dotenv",
      );
      standIn.answer({ message: "Show Secrets" });
      const before = Date.now();
      await preview(registry(connectEnv(otpServer)));
      const after = Date.now();
      const { text } = shownPreview();
      expect(text).toMatch(/^CODE='\d{6}'\n$/);
      // The code of the 30-second step the read fell in (either side of a step boundary).
      expect([currentTotp(otpUri, before), currentTotp(otpUri, after)]).toContain(text.slice(6, 12));
      expect(text).not.toContain("JBSWY3DPEHPK3PXP");
    } finally {
      await otpServer.close();
    }
  });

  test("a one-time password reference without ?attribute=otp shows the stored secret, as op inject writes it", async () => {
    const otpUri = "otpauth://totp/GitHub?secret=JBSWY3DPEHPK3PXP";
    const otpServer = await startOtpServer(otpUri);
    try {
      await openFile("seed.env", "SEED='op://Ops/GitHub/Security/one-time password'\n", "dotenv");
      standIn.answer({ message: "Show Secrets" });
      await preview(registry(connectEnv(otpServer)));
      expect(shownPreview().text).toBe(`SEED='${otpUri}'\n`);
    } finally {
      await otpServer.close();
    }
  });

  test("sources that change while the preview resolves end it with a message to run it again, not silently", async () => {
    await openFile(".env", "DB_USER=op://Development/Postgres Staging/username\n", "dotenv");
    const sources = registry();
    const cache = cacheOf(sources);
    server.setFaults({ latencyMs: 300 });
    standIn.answer({ message: "Show Secrets" });
    const running = guard(vscode.window.createOutputChannel("t", { log: true }), "preview", () =>
      preview(cache),
    )();
    // Once a structure read is on its way (the server answers after 300 ms), the sources change.
    for (let waited = 0; server.requestsReceived() === 0 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    sources.refresh();
    await running;
    expect(standIn.messages("error")).toEqual([sourcesChangedMessage]);
    expect(standIn.state.shownDocuments).toHaveLength(0);
  });

  test("JSON stays JSON: values and reasons are escaped inside strings; a {{ op://… }} template is replaced whole", async () => {
    await openFile(
      "config.json",
      '{\n  "user": "op://Development/Postgres Staging/username",\n  "pass": "op://Development/Postgres Staging/nope",\n  "dsn": "postgres://{{ op://Development/Postgres Staging/username }}@{{op://Development/Postgres Staging/Connection/host}}/db"\n}\n',
      "json",
    );
    standIn.answer({ message: "Show Secrets" });
    await preview();
    const { text } = shownPreview();
    const parsed = JSON.parse(text) as Record<string, string>;
    expect(parsed.user).toBe("app");
    expect(parsed.dsn).toBe("postgres://app@db.internal/db");
    expect(parsed.pass).toBe(
      "op://Development/Postgres Staging/nope <unresolved: no field is named 'nope' or has that ID in item 'Postgres Staging'>",
    );
  });

  test("a server that answers 403 or 500 gives each reference a clear reason instead of a value", async () => {
    await openFile("denied.env", "A=op://Development/Postgres Staging/password\n", "dotenv");
    // The structure is read while the token still reaches the vault; then its access is revoked.
    const cache = cacheOf(registry(connectEnv(server, revocableToken)));
    standIn.answer({ message: "Show Secrets" });
    await preview(cache);
    expect(shownPreview().text).toBe("A=s3cr3t-value-never-shown\n");
    startOver();
    standIn.openEditor(
      "A=op://Development/Postgres Staging/password\n",
      "dotenv",
      join(folder, "denied.env"),
    );
    server.setTokenAccess(revocableToken, { vaults: [] });
    standIn.answer({ message: "Show Secrets" });
    await preview(cache);
    expect(shownPreview().text).toBe(
      `A=op://Development/Postgres Staging/password <unresolved: This token has no access to vault ${developmentVault.id} on ${server.url}: give the Connect token access to that vault in 1Password, or use a token that has it.>\n`,
    );
    expect(standIn.messages("warning").at(-1)).toBe(
      "None of the 1 secret reference in denied.env could be resolved; the preview shows why next to each.",
    );

    startOver();
    server.setFaults({ serverErrors: { count: Infinity, status: 500 } });
    standIn.openEditor("A=op://Development/Postgres Staging/password\n", "dotenv", join(folder, "down.env"));
    standIn.answer({ message: "Show Secrets" });
    await preview();
    expect(shownPreview().text).toMatch(
      /^A=op:\/\/Development\/Postgres Staging\/password <unresolved: The Connect server at http:\/\/127\.0\.0\.1:\d+ failed to answer GET \/v1\/vaults\S* \(500 Internal Server Error\): check that it is running and healthy/,
    );
  });

  test("without an editor, without references or without a source it says so and asks nothing", async () => {
    await expect(preview()).rejects.toThrow(
      "Open a file that holds op:// secret references, then run Preview with Secrets again.",
    );

    await openFile("plain.env", "A=1\nB=op://not-a-reference\n", "dotenv");
    expect(await preview()).toBeUndefined();
    expect(standIn.messages()).toEqual([
      "plain.env holds no op:// secret references: there is nothing to preview.",
    ]);

    await openFile("nosource.env", dotenv, "dotenv");
    await expect(preview(registry({}))).rejects.toThrow(/No 1Password source is configured/);
    // A server in settings without a stored token: the reason, not "nothing configured".
    standIn.setSetting("opBridge.connect.serverUrl", server.url);
    await expect(preview(registry({}))).rejects.toThrow(
      `No 1Password source can be used: ${server.url}: No token is stored for ${server.url}: run "1Password: Connect to Server…".`,
    );
    expect(server.requestsReceived()).toBe(0);
    expect(standIn.state.shownDocuments).toEqual([]);
  });
});
