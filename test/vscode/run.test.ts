// Launch configurations with op:// references, resolved through a real loopback Connect server: what the debug adapter
// receives, what stops a launch and how it says so, trust, consent, progress and cancellation.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { concealedText } from "@op-bridge/shared";
import { SecretsDebugConfigurationProvider } from "../../vscode-extension/src/run/debugConfigurationProvider.js";
import { registerRunFeatures } from "../../vscode-extension/src/run/index.js";
import { reportRunFailure } from "../../vscode-extension/src/run/reportRunFailure.js";
import { developmentVault, startTestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import { useRunFixture, type RunSetup } from "./helpers/runFixture.js";
import type * as code from "vscode";
import * as vscode from "./stand-in/vscode.js";

const { standIn, runStandIn } = vscode;
const password = "s3cr3t-value-never-shown";
const stripeKey = "sk_live_never";
const postgres = "op://Development/Postgres Staging";
const stripe = "op://Development/iiiiiiiiiiiiiiiiiiiiiiiii2/credential";
const allow = { message: "Allow" };

const fixture = useRunFixture("op-run-");

/** The provider as activation registers it, over a fresh structure cache of the registry. */
function debugProvider(setup: RunSetup = {}) {
  const provider = new SecretsDebugConfigurationProvider(fixture().runSecrets(setup), fixture().log());
  return {
    launch: (configuration: Record<string, unknown>, token?: code.CancellationToken) =>
      provider.resolveDebugConfigurationWithSubstitutedVariables(
        fixture().workspaceFolder as never,
        { type: "node", request: "launch", name: "Debug API", ...configuration } as never,
        token as never,
      ),
  };
}

const envFile = (name: string, text: string) => fixture().writeFile(name, text);

const errors = () => standIn.state.notifications.filter((n) => n.level === "error");

describe("launch configurations", () => {
  test("references in env and in an envFile reach the adapter resolved, in env, with the envFile dropped", async () => {
    const file = await envFile(
      "api.env",
      `# database\nexport DB_PASSWORD="${postgres}/password"\nDB_HOST=${postgres}/Connection/host\nLOG_LEVEL=debug\n`,
    );
    const before = await readFile(file);
    standIn.answer(allow);
    const resolved = await debugProvider().launch({
      program: "${workspaceFolder}/index.js",
      envFile: file,
      env: { STRIPE_KEY: stripe, NODE_ENV: "development", DB_HOST: "overridden-by-env", UNSET: null },
    });
    expect(resolved).toEqual({
      type: "node",
      request: "launch",
      name: "Debug API",
      program: "${workspaceFolder}/index.js",
      env: {
        DB_PASSWORD: password,
        DB_HOST: "overridden-by-env",
        LOG_LEVEL: "debug",
        STRIPE_KEY: stripeKey,
        NODE_ENV: "development",
        UNSET: null,
      },
    });
    expect(errors()).toEqual([]);
    // The file is read, never written.
    expect(await readFile(file)).toEqual(before);
  });

  test("a relative envFile is read from the workspace folder, as debug adapters do", async () => {
    await envFile("relative.env", `TOKEN=${stripe}\n`);
    standIn.answer(allow);
    expect((await debugProvider().launch({ envFile: "relative.env" }))?.env).toEqual({ TOKEN: stripeKey });
  });

  test("a configuration without references passes through untouched, envFile and all, without asking anything", async () => {
    const file = await envFile("plain.env", "A=1\n");
    const configuration = { envFile: file, env: { B: "2" }, args: ["op://not/an/env/value"] };
    const resolved = await debugProvider().launch(configuration);
    expect(resolved).toEqual({ type: "node", request: "launch", name: "Debug API", ...configuration });
    expect(standIn.state.notifications).toEqual([]);
    expect(fixture().server.requests()).toEqual([]);
  });

  test("each item is read once, however many of its fields are referenced, and structure comes from the cache", async () => {
    standIn.answer(allow);
    const resolved = await debugProvider().launch({
      env: {
        USER: `${postgres}/username`,
        PASS: `${postgres}/password`,
        HOST: `${postgres}/Connection/host`,
        PASS_AGAIN: `${postgres}/password`,
        KEY: stripe,
      },
    });
    expect(resolved?.env).toEqual({
      USER: "app",
      PASS: password,
      HOST: "db.internal",
      PASS_AGAIN: password,
      KEY: stripeKey,
    });
    const itemReads = fixture()
      .server.requests()
      .filter((r) => /\/items\/\w+$/.test(r));
    expect(itemReads.sort()).toEqual([
      `GET /v1/vaults/${developmentVault.id}/items/iiiiiiiiiiiiiiiiiiiiiiiii1`,
      `GET /v1/vaults/${developmentVault.id}/items/iiiiiiiiiiiiiiiiiiiiiiiii2`,
    ]);
  });

  test("twenty references to five items cost five item reads, in parallel", async () => {
    const names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];
    const fields = ["one", "two", "three", "four"];
    const many = await startTestConnect({
      seed: {
        vaults: [
          {
            name: "Ops",
            items: names.map((title) => ({
              title,
              category: "PASSWORD",
              fields: fields.map((label) => ({
                id: label,
                type: "CONCEALED",
                label,
                value: `${title}-${label}-value`,
              })),
            })),
          },
        ],
      },
    });
    try {
      many.setFaults({ latencyMs: 20, only: { path: "/items/" } });
      const env = Object.fromEntries(
        names.flatMap((title) =>
          fields.map((label) => [`${title}_${label}`.toUpperCase(), `op://Ops/${title}/${label}`]),
        ),
      );
      standIn.answer(allow);
      many.clearRequests();
      many.resetPeakInFlight();
      const resolved = await debugProvider({ registry: createTestRegistry(connectEnv(many)) }).launch({
        env,
      });
      expect(Object.keys(resolved!.env as object)).toHaveLength(20);
      expect((resolved!.env as Record<string, string>).CHARLIE_THREE).toBe("Charlie-three-value");
      expect(many.requests().filter((r) => /\/items\/\w+$/.test(r))).toHaveLength(5);
      expect(many.stats.peakRequestsInFlight).toBeGreaterThan(1);
    } finally {
      await many.close();
    }
  });

  test("values never reach the log", async () => {
    standIn.answer(allow);
    await debugProvider().launch({ env: { PASS: `${postgres}/password` } });
    expect(standIn.state.logLines.join("\n")).not.toContain(password);
    expect(standIn.state.logLines.join("\n")).toContain("Debug API");
  });
});

describe("a reference that fails stops the launch with one message naming the variable, the reference and the reason", () => {
  const failures: [string, string, RegExp][] = [
    ["a vault that does not exist", "op://Nope/Postgres Staging/password", /no vault is named "Nope"/],
    [
      "an item that does not exist",
      "op://Development/Redis/password",
      /no item is named "Redis" or has that ID in vault "Development"/,
    ],
    ["a field that does not exist", `${postgres}/token`, /no field is named "token"/],
    ["a section that does not exist", `${postgres}/Nowhere/host`, /no section is named "Nowhere"/],
    ["a malformed reference", "op://Development/Postgres Staging", /./],
    ["a file attribute", `${postgres}/password?attribute=content`, /the content attribute is for files/],
    ["ssh-format", `${postgres}/password?ssh-format=openssh`, /ssh-format/],
  ];
  test.each(failures)("%s", async (_what, reference, reason) => {
    standIn.answer(allow);
    const resolved = await debugProvider().launch({ env: { GOOD: stripe, BROKEN: reference } });
    expect(resolved).toBeUndefined();
    expect(errors()).toHaveLength(1);
    const [message] = errors();
    expect(message!.message).toContain(`BROKEN could not be set from ${reference}: `);
    expect(message!.message).toMatch(reason);
    expect(message!.items).toEqual(["Open launch.json"]);
    expect(message!.message).not.toContain(stripeKey);
  });

  test("a name two items share is ambiguous, as diagnostics say", async () => {
    const twins = await startTestConnect({
      seed: {
        vaults: [
          {
            name: "Ops",
            items: [
              {
                title: "Token",
                category: "PASSWORD",
                fields: [{ id: "password", type: "CONCEALED", label: "password", value: "a-one" }],
              },
              {
                title: "Token",
                category: "PASSWORD",
                fields: [{ id: "password", type: "CONCEALED", label: "password", value: "a-two" }],
              },
            ],
          },
        ],
      },
    });
    try {
      standIn.answer(allow);
      const launched = await debugProvider({ registry: createTestRegistry(connectEnv(twins)) }).launch({
        env: { TOKEN: "op://Ops/Token/password" },
      });
      expect(launched).toBeUndefined();
      expect(errors()[0]!.message).toMatch(
        /TOKEN could not be set from op:\/\/Ops\/Token\/password: the item name "Token" is ambiguous/,
      );
    } finally {
      await twins.close();
    }
  });

  test("a line of the envFile names the file and line, and offers to open it there", async () => {
    const file = await envFile("broken.env", `OK=${stripe}\n\nMISSING=op://Development/Gone/password\n`);
    standIn.answer(allow);
    expect(await debugProvider().launch({ envFile: file })).toBeUndefined();
    expect(errors()).toEqual([
      {
        level: "error",
        message: expect.stringMatching(
          /^MISSING \(broken\.env, line 3\) could not be set from op:\/\/Development\/Gone\/password: no item is named "Gone"/,
        ),
        items: ["Open broken.env"],
      },
    ]);
  });

  test("several failures give one message naming the first and counting the rest", async () => {
    standIn.answer(allow);
    await debugProvider().launch({
      env: { A: "op://Development/X/y", B: "op://Development/Y/z", C: stripe },
    });
    expect(errors()).toHaveLength(1);
    expect(errors()[0]!.message).toMatch(
      /^A could not be set from op:\/\/Development\/X\/y: .* 1 other variable failed too\.$/,
    );
  });

  test("an envFile that does not exist, or holds a line that is not NAME=value, is named with its line", async () => {
    const provider = debugProvider();
    standIn.answer(allow);
    const absent = join(fixture().folder, "absent.env");
    expect(await provider.launch({ envFile: absent, env: { K: stripe } })).toBeUndefined();
    expect(errors()[0]!.message).toBe(`The env file ${absent} cannot be used: the file does not exist.`);
    standIn.answer(allow);
    const file = await envFile("garbled.env", `A=${stripe}\nnot a line\n`);
    expect(await provider.launch({ envFile: file })).toBeUndefined();
    expect(errors()[1]).toEqual({
      level: "error",
      message: `The env file ${file}, line 2, cannot be used: it is not NAME=value.`,
      items: ["Open garbled.env"],
    });
  });

  test("a configuration that names no secret goes on as written even when its envFile is one we cannot read", async () => {
    const file = await envFile("odd.env", "PLAIN=1\nsomething the adapter may understand\n");
    for (const configuration of [
      { envFile: file },
      { envFile: join(fixture().folder, "absent.env"), env: { A: "1" } },
    ]) {
      expect(await debugProvider().launch(configuration)).toEqual({
        type: "node",
        request: "launch",
        name: "Debug API",
        ...configuration,
      });
    }
    expect(standIn.state.notifications).toEqual([]);
  });

  test("no source configured says what to run, with both actions", async () => {
    standIn.answer(allow);
    expect(
      await debugProvider({ registry: createTestRegistry({}) }).launch({ env: { K: stripe } }),
    ).toBeUndefined();
    expect(errors()).toEqual([
      {
        level: "error",
        message: expect.stringContaining("No 1Password source is configured"),
        items: ["Connect to Server…", "Sign In…"],
      },
    ]);
  });

  test("a server that is down is named, not reported as a missing vault", async () => {
    const down = await startTestConnect();
    const env = connectEnv(down);
    await down.close();
    standIn.answer(allow);
    expect(
      await debugProvider({ registry: createTestRegistry(env) }).launch({ env: { K: stripe } }),
    ).toBeUndefined();
    const [message] = errors();
    expect(message!.message).toMatch(/^K could not be set from op:\/\/Development\/\w+\/credential: /);
    expect(message!.message).not.toMatch(/no vault/);
    expect(message!.message).toMatch(/127\.0\.0\.1|reach|connect/i);
  });

  test("a token the server refuses is named", async () => {
    standIn.answer(allow);
    const registry = createTestRegistry(connectEnv(fixture().server, "wrong-token-0123456789"));
    expect(await debugProvider({ registry }).launch({ env: { K: stripe } })).toBeUndefined();
    expect(errors()[0]!.message).toMatch(/^K could not be set from .*(token|401|refused)/i);
  });
});

describe("trust, consent, progress and cancellation", () => {
  test("nothing is read in Restricted Mode: the message says why and offers to manage trust", async () => {
    runStandIn.state.trusted = false;
    expect(await debugProvider().launch({ env: { K: stripe } })).toBeUndefined();
    expect(errors()).toEqual([
      {
        level: "error",
        message: expect.stringMatching(
          /^The launch configuration "Debug API" reads secrets from 1Password, which is not done in Restricted Mode/,
        ),
        items: ["Manage Workspace Trust"],
      },
    ]);
    expect(fixture().server.requests()).toEqual([]);
  });

  test("the first launch names the items it will read and asks once; a change of references asks again", async () => {
    const workspaceState = new vscode.MemoryMemento();
    const provider = debugProvider({ workspaceState });
    const env = { USER: `${postgres}/username`, PASS: `${postgres}/password`, KEY: stripe };

    standIn.answer({ message: undefined });
    expect(await provider.launch({ env })).toBeUndefined();
    const [asked] = standIn.state.notifications;
    expect(asked!.message).toBe(
      'The launch configuration "Debug API" reads secrets from 1Password. Allow it?',
    );
    expect(asked!.items).toEqual(["Allow"]);
    // Declining is not an error, and nothing was read.
    expect(errors()).toEqual([]);
    expect(fixture().server.requests()).toEqual([]);

    standIn.answer(allow);
    expect((await provider.launch({ env }))?.env).toMatchObject({ PASS: password });
    // Asked once: the same references launch without a prompt.
    const prompts = () => standIn.state.notifications.filter((n) => n.message.endsWith("Allow it?")).length;
    expect(prompts()).toBe(2);
    expect((await provider.launch({ env }))?.env).toMatchObject({ KEY: stripeKey });
    expect(prompts()).toBe(2);

    // Remembered without values or references: hashes only.
    const remembered = JSON.stringify([...workspaceState.values]);
    for (const secret of [password, stripeKey, "Postgres", "Debug API"])
      expect(remembered).not.toContain(secret);

    standIn.answer(allow);
    await provider.launch({ env: { ...env, HOST: `${postgres}/Connection/host` } });
    expect(prompts()).toBe(3);
  });

  test("the prompt names each item once, with its vault", async () => {
    standIn.answer({ message: undefined });
    const notify = vscode.window.showWarningMessage;
    const details: string[] = [];
    vscode.window.showWarningMessage = ((
      message: string,
      options: { detail?: string },
      ...items: string[]
    ) => {
      details.push(options.detail ?? "");
      return notify(message, options as never, ...items);
    }) as typeof notify;
    try {
      await debugProvider().launch({
        env: { A: `${postgres}/username`, B: `${postgres}/password`, C: stripe },
      });
    } finally {
      vscode.window.showWarningMessage = notify;
    }
    expect(details[0]).toContain(
      'It reads these items: "iiiiiiiiiiiiiiiiiiiiiiiii2" in Development, "Postgres Staging" in Development.',
    );
  });

  test("a read slower than a moment shows a cancellable progress notification; Cancel stops the launch and its requests", async () => {
    fixture().server.setFaults({ latencyMs: 30_000, only: { path: "/items/" } });
    standIn.answer(allow);
    const launching = debugProvider({ progressDelayMs: 0 }).launch({ env: { K: stripe } });
    await expect.poll(() => fixture().server.stats.requestsInFlight).toBeGreaterThan(0);
    await expect.poll(() => standIn.state.progress.length).toBe(1);
    expect(standIn.state.progress[0]!.title).toBe(
      'Reading 1 secret from 1Password for the launch configuration "Debug API"',
    );
    standIn.state.progress[0]!.cancel();
    expect(await launching).toBeUndefined();
    expect(errors()).toEqual([]);
    await expect.poll(() => fixture().server.stats.requestsInFlight).toBe(0);
  });

  test("cancelling the launch (its token) cancels the requests, silently", async () => {
    fixture().server.setFaults({ latencyMs: 30_000, only: { path: "/items/" } });
    standIn.answer(allow);
    const token = new vscode.CancellationTokenSource();
    const launching = debugProvider().launch({ env: { K: stripe } }, token.token);
    await expect.poll(() => fixture().server.stats.requestsInFlight).toBeGreaterThan(0);
    token.cancel();
    expect(await launching).toBeUndefined();
    expect(standIn.state.notifications.filter((n) => n.level !== "warning")).toEqual([]);
    await expect.poll(() => fixture().server.stats.requestsInFlight).toBe(0);
    // A fast read shows no progress at all (the delay here is a minute).
    expect(standIn.state.progress).toEqual([]);
  });
});

describe("the fix each failure offers does what it says", () => {
  /** Runs `work` with the user clicking `title` on the next error notification. */
  async function clicking<T>(title: string, work: () => Promise<T>): Promise<T> {
    const notify = vscode.window.showErrorMessage;
    vscode.window.showErrorMessage = (async (message: string, ...items: string[]) => {
      await notify(message, ...items);
      return items.includes(title) ? title : undefined;
    }) as unknown as typeof notify;
    try {
      return await work();
    } finally {
      vscode.window.showErrorMessage = notify;
    }
  }

  test("Open <file> opens the env file at the line of the failed variable", async () => {
    const file = await envFile("fix.env", `A=1\n\n# next\nB=op://Development/Gone/password\n`);
    vscode.editorStandIn.openDocument(await readFile(file, "utf8"), "dotenv", file);
    standIn.answer(allow);
    const failure = await clicking("Open fix.env", async () => {
      let caught: unknown;
      const run = fixture().runSecrets();
      await run
        .prepare({ title: "The task", consentKey: "k", envFiles: [file] })
        .catch((e: unknown) => (caught = e));
      await reportRunFailure(caught, { log: vscode.window.createOutputChannel("t", { log: true }) });
      return caught;
    });
    expect(failure).toMatchObject({ name: "SecretVariableError", variable: "B" });
    const [shown] = standIn.state.shownDocuments;
    expect(shown!.document.fileName).toBe(file);
    expect(shown!.selection?.start).toEqual(new vscode.Position(3, 0));
  });

  test("Manage Workspace Trust runs VS Code's trust editor; Connect to Server… runs the command", async () => {
    const ran: string[] = [];
    for (const id of ["workbench.trust.manage", "opBridge.connect"]) {
      vscode.commands.registerCommand(id, () => ran.push(id));
    }
    runStandIn.state.trusted = false;
    await clicking("Manage Workspace Trust", async () => {
      await debugProvider().launch({ env: { K: stripe } });
      // The launch does not wait for the message: let the click land.
      await expect.poll(() => ran).toEqual(["workbench.trust.manage"]);
    });
    runStandIn.state.trusted = true;
    standIn.answer(allow);
    await clicking("Connect to Server…", async () => {
      await debugProvider({ registry: createTestRegistry({}) }).launch({ env: { K: stripe } });
      await expect.poll(() => ran).toEqual(["workbench.trust.manage", "opBridge.connect"]);
    });
  });
});

describe("the Debug Console", () => {
  /** A debug session as VS Code hands it to trackers: its resolved configuration, maybe a parent. */
  const session = (configuration: Record<string, unknown>, parentSession?: code.DebugSession) =>
    ({ configuration, parentSession }) as unknown as code.DebugSession;
  const output = (text: string, category = "stdout") => ({
    type: "event",
    event: "output",
    body: { category, output: text },
  });

  test("shows the values a launch read as concealed, even split across events and in a child session", async () => {
    const run = fixture().runSecrets();
    // As activation registers them: the provider, and the tracker factory for every debug type.
    const subscriptions: { dispose(): unknown }[] = [];
    registerRunFeatures({ subscriptions } as never, run, fixture().log());
    const provider = new SecretsDebugConfigurationProvider(run, fixture().log());
    const [factory] = runStandIn.state.debugTrackerFactories.filter((f) => f.type === "*");
    standIn.answer(allow);
    const resolved = await provider.resolveDebugConfigurationWithSubstitutedVariables(
      fixture().workspaceFolder,
      { type: "node", request: "launch", name: "API", env: { PASS: `${postgres}/password`, MODE: "plain" } },
    );
    const launched = session(resolved!);
    // js-debug prints the program's output from a child session of the launch's.
    const child = session({ type: "pwa-node", request: "attach", name: "child" }, launched);
    const tracker = (await factory!.factory.createDebugAdapterTracker(child))!;
    const events = [output(`password: ${password.slice(0, 6)}`), output(`${password.slice(6)} mode plain\n`)];
    for (const event of events) tracker.onDidSendMessage!(event);
    const shown = events.map((e) => e.body.output).join("");
    expect(shown).toBe(`password: ${concealedText} mode plain\n`);

    // A session that read nothing is left alone; once the launch ended, its values are no longer kept.
    expect(
      await factory!.factory.createDebugAdapterTracker(session({ type: "node", env: { A: "1" } })),
    ).toBeUndefined();
    runStandIn.endDebugSession(launched);
    expect(await factory!.factory.createDebugAdapterTracker(child)).toBeUndefined();
    subscriptions.forEach((s) => s.dispose());
  });
});
