// The stand-in itself: its library keeps the contract shared_lib_core.js relies on, its app answers the
// SDK's invocations in the SDK's shapes and refuses unknown ones in the SDK's error shape, and its
// installation is visible to this run only.
import { existsSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { createClient, DesktopAuth, type Client } from "@1password/sdk";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_ENVIRONMENT_ID, buildDemoAccounts } from "./accounts.js";
import { findRealApp, ourInstallation } from "./install.js";
import { useDesktopApp } from "./useDesktopApp.js";

const app = useDesktopApp();
const company = buildDemoAccounts()[0]!;
const development = [...company.vaults.values()].find((v) => v.overview.title === "Development")!;
const [first, second] = [...development.items.values()];

function loadLibrary(): { sendMessage: (message: unknown) => unknown } {
  const module = { exports: {} as { sendMessage: (message: unknown) => unknown } };
  process.dlopen(module, ourInstallation()!.libraryPath);
  return module.exports;
}

const signIn = (): Promise<Client> =>
  createClient({
    auth: new DesktopAuth(DEMO_ACCOUNTS.company.name),
    integrationName: "stand-in test",
    integrationVersion: "1",
  });

describe("the ipc-client library", () => {
  it("answers a Promise of bytes, as shared_lib_core.js awaits and decodes it", async () => {
    const request = {
      account_name: "Jordan Lee",
      kind: "init_client",
      payload: Buffer.from("{}").toString("base64"),
    };
    const answer = loadLibrary().sendMessage(Buffer.from(JSON.stringify(request)));
    expect(answer).toBeInstanceOf(Promise);
    const bytes = (await answer) as Uint8Array;
    expect(bytes).toBeInstanceOf(Uint8Array);
    const reply = JSON.parse(new TextDecoder().decode(bytes)) as { success: boolean; payload: number[] };
    expect(reply.success).toBe(true);
    expect(Number(Buffer.from(reply.payload).toString("utf8"))).toBeGreaterThan(0);
  });

  it("refuses anything but bytes, and says so when no app listens", async () => {
    const library = loadLibrary();
    expect(() => library.sendMessage("text")).toThrow(TypeError);
    await app().setFailure("integration-off");
    await expect(library.sendMessage(Buffer.from("{}"))).rejects.toThrow(
      /failed to send message to Desktop App\. .*Return code: -2$/,
    );
  });
});

describe("the stand-in app through the real SDK client", () => {
  it("answers the invocations the project uses in the SDK's own shapes", async () => {
    const client = await signIn();
    const all = await client.items.getAll(development.overview.id, [first!.id, "missingitem000000000000000"]);
    expect(all.individualResponses[0]?.content?.title).toBe(first!.title);
    expect(all.individualResponses[0]?.content?.createdAt).toBeInstanceOf(Date);
    expect(all.individualResponses[1]).toEqual({ error: { type: "itemNotFound" } });

    const resolved = await client.secrets.resolveAll([
      "op://Development/Postgres Local/password",
      "op://Development/No Such Item/password",
    ]);
    expect(resolved.individualResponses["op://Development/Postgres Local/password"]?.content?.vaultId).toBe(
      development.overview.id,
    );
    expect(resolved.individualResponses["op://Development/No Such Item/password"]?.error).toEqual({
      type: "itemNotFound",
    });

    const environment = await client.environments.getVariables(DEMO_ENVIRONMENT_ID);
    expect(environment.variables.map((v) => [v.name, v.masked])).toEqual([
      ["DATABASE_URL", true],
      ["OPENAI_API_KEY", true],
      ["LOG_LEVEL", false],
    ]);
    expect(environment.variables[0]!.value).toBe(
      await client.secrets.resolve("op://Development/Postgres Local/password"),
    );

    const item = await client.items.get(development.overview.id, second!.id);
    const put = await client.items.put({ ...item, title: `${item.title} (renamed)` });
    expect(put).toMatchObject({ title: `${item.title} (renamed)`, version: item.version + 1 });
  });

  it("refuses an invocation it does not know with the SDK's error shape", async () => {
    const client = await signIn();
    await expect(client.vaults.create({ title: "New vault" })).rejects.toThrow(
      'invocation "VaultsCreate" is not supported by this version of 1Password',
    );
    expect(app().calls.at(-1)).toMatchObject({ invocation: "VaultsCreate", outcome: "Internal" });
  });
});

describe("the installation", () => {
  it("is seen by this run only: the machine's own /opt has no 1Password folder", () => {
    const installed = ourInstallation()!;
    expect(existsSync(installed.libraryPath)).toBe(true);
    // /proc/1/root is the file system as the machine's first process sees it, outside our mount namespace.
    expect(existsSync(join("/proc/1/root", installed.libraryPath))).toBe(false);
  });

  it("is refused where a folder of the SDK's is not the stand-in's (a real app)", () => {
    const folder = dirname(ourInstallation()!.libraryPath);
    expect(findRealApp()).toBeUndefined();
    const marker = join(folder, "op-bridge-stand-in");
    renameSync(marker, `${marker}.away`);
    try {
      expect(findRealApp()).toBe(folder);
    } finally {
      renameSync(`${marker}.away`, marker);
    }
  });
});
