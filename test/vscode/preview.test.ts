// Preview with Secrets against a real loopback Connect server: values in an untitled editor beside the file,
// failures with their reason in place, the file on disk untouched, nothing sent before the user agrees.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { guard } from "../../vscode-extension/src/commands/run.js";
import { previewWithSecrets } from "../../vscode-extension/src/commands/previewWithSecrets.js";
import { SourceRegistry } from "../../vscode-extension/src/sources/SourceRegistry.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { demoVault, startMiniConnect, type MiniConnect } from "./helpers/miniConnect.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
let server: MiniConnect;
let folder: string;

beforeAll(async () => {
  server = await startMiniConnect();
  folder = await mkdtemp(join(tmpdir(), "op-preview-"));
});
afterAll(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});
beforeEach(() => {
  standIn.reset();
  server.requests.length = 0;
});
afterEach(() => {
  server.failWith(undefined);
  server.setLatency(0);
});

function registry(
  env: Record<string, string> = { OP_CONNECT_HOST: server.url, OP_CONNECT_TOKEN: server.token },
) {
  return new SourceRegistry({
    secrets: new vscode.MemorySecretStorage(),
    globalState: new vscode.MemoryMemento(),
    env,
    log: vscode.window.createOutputChannel("test", { log: true }),
  });
}

/** A real file on disk, open in the editor as VS Code would have it. */
async function openFile(name: string, text: string, languageId: string) {
  const path = join(folder, name);
  await writeFile(path, text, "utf8");
  standIn.openEditor(text, languageId, path);
  return path;
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
  test("opens an untitled .env beside the file with values in place and failures with their reason; the file is untouched", async () => {
    const path = await openFile("staging.env", dotenv, "dotenv");
    standIn.answer({ message: "Show Secrets" });
    const returned = await previewWithSecrets(registry());
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
    expect(document.isUntitled).toBe(true);
    expect(document.languageId).toBe("dotenv");
    expect(viewColumn).toBe(vscode.ViewColumn.Beside);
    // Nothing written: the file on disk and the editor keep their references.
    expect(await readFile(path, "utf8")).toBe(dotenv);
    expect(standIn.state.activeTextEditor!.document.getText()).toBe(dotenv);
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

  test("each distinct reference is resolved once, and the sources' vaults and items are listed once per run", async () => {
    await openFile("again.env", dotenv, "dotenv");
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(registry());
    const count = (pattern: RegExp) => server.requests.filter((r) => pattern.test(r)).length;
    expect(count(/^GET \/v1\/vaults\/?(\?.*)?$/)).toBe(1);
    expect(count(new RegExp(`^GET /v1/vaults/${demoVault.id}/items(\\?.*)?$`))).toBe(1);
    // Two items' structures once each, then one read per distinct resolved field (4).
    expect(count(/^GET \/v1\/vaults\/\w+\/items\/\w+/)).toBe(2 + 4);
  });

  test("references to a Connect server and to the SDK account resolve in one preview", async () => {
    const fake = createFakeSdk();
    const both = new SourceRegistry({
      secrets: new vscode.MemorySecretStorage(),
      globalState: new vscode.MemoryMemento(),
      env: { OP_CONNECT_HOST: server.url, OP_CONNECT_TOKEN: server.token },
      log: vscode.window.createOutputChannel("test", { log: true }),
      loadSdk: async () => fake.client,
    });
    await both.signInSdk({ serviceAccountToken: "ops_valid" });
    await openFile(
      "both.yaml",
      "db: op://Development/Postgres Staging/username\ndeploy: op://Shared/Deploy key/credential\n",
      "yaml",
    );
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(both);
    expect(shownPreview().text).toBe("db: app\ndeploy: sdk-secret-never-shown\n");
    expect(standIn.messages("warning")).toEqual(["Preview both.yaml with its secrets?"]);
  });

  test("cancelling the confirmation does nothing and sends no request", async () => {
    await openFile("cancel.env", dotenv, "dotenv");
    standIn.answer({ message: undefined });
    const run = guard(vscode.window.createOutputChannel("t", { log: true }), "preview", () =>
      previewWithSecrets(registry()),
    );
    await run();
    expect(server.requests).toEqual([]);
    expect(standIn.state.shownDocuments).toEqual([]);
    expect(standIn.state.progress).toEqual([]);
    // Only the question itself; cancelling is not reported as an error.
    expect(standIn.messages()).toEqual(["Preview cancel.env with its secrets?"]);
  });

  test("cancelling the progress stops resolving and opens nothing", async () => {
    await openFile("slow.env", dotenv, "dotenv");
    server.setLatency(200);
    standIn.answer({ message: "Show Secrets" });
    const running = previewWithSecrets(registry());
    await expect.poll(() => standIn.state.progress.length).toBe(1);
    standIn.state.progress[0]!.cancel();
    await expect(running).rejects.toHaveProperty("name", "CancellationError");
    expect(standIn.state.shownDocuments).toEqual([]);
    // The requests in flight were the first wave only (listing vaults), not one per reference.
    expect(server.requests.length).toBeLessThanOrEqual(1);
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
    server.setLatency(20);
    server.resetPeakInFlight();
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(registry(), { concurrency: 2 });
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
    expect(server.peakInFlight).toBe(2);

    // Without a tighter bound the default (4) lets more run at once: the bound above is what held them.
    standIn.reset();
    standIn.openEditor(text, "shellscript", join(folder, "many.sh"));
    server.resetPeakInFlight();
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(registry());
    expect(server.peakInFlight).toBe(4);
  });

  test("JSON stays JSON: values and reasons are escaped inside strings; a {{ op://… }} template is replaced whole", async () => {
    await openFile(
      "config.json",
      '{\n  "user": "op://Development/Postgres Staging/username",\n  "pass": "op://Development/Postgres Staging/nope",\n  "dsn": "postgres://{{ op://Development/Postgres Staging/username }}@{{op://Development/Postgres Staging/Connection/host}}/db"\n}\n',
      "json",
    );
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(registry());
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
    server.failWith({
      status: 403,
      message: `Authorization: token does not have access to vault ${demoVault.id}`,
      match: (_method, path) => path.includes("/items/"),
    });
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(registry());
    expect(shownPreview().text).toBe(
      `A=op://Development/Postgres Staging/password <unresolved: This token has no access to vault ${demoVault.id} on ${server.url}: give the Connect token access to that vault in 1Password, or use a token that has it.>\n`,
    );
    expect(standIn.messages("warning").at(-1)).toBe(
      "None of the 1 secret reference in denied.env could be resolved; the preview shows why next to each.",
    );

    standIn.reset();
    server.failWith({ status: 500, message: "internal error" });
    standIn.openEditor("A=op://Development/Postgres Staging/password\n", "dotenv", join(folder, "down.env"));
    standIn.answer({ message: "Show Secrets" });
    await previewWithSecrets(registry());
    expect(shownPreview().text).toMatch(
      /^A=op:\/\/Development\/Postgres Staging\/password <unresolved: The Connect server at http:\/\/127\.0\.0\.1:\d+ failed to answer GET \/v1\/vaults\S* \(500 internal error\): check that it is running and healthy/,
    );
  });

  test("without an editor, without references or without a source it says so and asks nothing", async () => {
    await expect(previewWithSecrets(registry())).rejects.toThrow(
      "Open a file that holds op:// secret references, then run Preview with Secrets again.",
    );

    await openFile("plain.env", "A=1\nB=op://not-a-reference\n", "dotenv");
    expect(await previewWithSecrets(registry())).toBeUndefined();
    expect(standIn.messages()).toEqual([
      "plain.env holds no op:// secret references: there is nothing to preview.",
    ]);

    await openFile("nosource.env", dotenv, "dotenv");
    await expect(previewWithSecrets(registry({}))).rejects.toThrow(/No 1Password source is configured/);
    // A server in settings without a stored token: the reason, not "nothing configured".
    standIn.setSetting("opBridge.connect.serverUrl", server.url);
    await expect(previewWithSecrets(registry({}))).rejects.toThrow(
      `No 1Password source can be used: ${server.url}: No token is stored for ${server.url}: run "1Password: Connect to Server…".`,
    );
    expect(server.requests).toEqual([]);
    expect(standIn.state.shownDocuments).toEqual([]);
  });
});
