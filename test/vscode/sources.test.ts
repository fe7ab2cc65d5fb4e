// Several sources at once: connect.serverUrl, connect.servers, OP_CONNECT_HOST and an SDK account together,
// two real loopback servers with different items (one item on both), merged in pickers and shown in the tree.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { browseItems } from "../../vscode-extension/src/commands/itemActions.js";
import { connectTokenKey } from "../../vscode-extension/src/sources/settings.js";
import { createStatusBar } from "../../vscode-extension/src/status/statusBar.js";
import { ItemsTreeProvider } from "../../vscode-extension/src/tree/ItemsTreeProvider.js";
import { ItemNode, SourceNode, VaultNode, type TreeNode } from "../../vscode-extension/src/tree/nodes.js";
import { createFakeSdk } from "./helpers/fakeSdk.js";
import { startTestConnect, type TestConnect } from "./helpers/connect.js";
import { connectEnv, createTestRegistry } from "./helpers/registry.js";
import * as vscode from "./stand-in/vscode.js";

const { standIn } = vscode;
const platform = { id: "pppppppppppppppppppppppp01", name: "Platform" };
const team = { id: "tttttttttttttttttttttttt01", name: "Team" };
const item = (id: string, title: string, vaultId: string) => ({
  id,
  title,
  category: "API_CREDENTIAL",
  vault: { id: vaultId },
  fields: [{ id: "credential", type: "CONCEALED", label: "credential", value: `value of ${title}` }],
});
// The same vault served by two Connect servers (two deployments for one account), plus a vault only B sees.
const shared = item("shared0000000000000000000a", "Shared deploy key", platform.id);
const onlyA = item("onlya00000000000000000000a", "Grafana admin", platform.id);
const onlyB = item("onlyb00000000000000000000a", "Team wiki", team.id);

let serverA: TestConnect;
let serverB: TestConnect;
let envServer: TestConnect;
beforeAll(async () => {
  [serverA, serverB, envServer] = await Promise.all([
    startTestConnect({
      token: "token-of-server-a-0123456",
      seed: { vaults: [{ ...platform, items: [shared, onlyA] }] },
    }),
    startTestConnect({
      token: "token-of-server-b-0123456",
      seed: {
        vaults: [
          { ...platform, items: [shared] },
          { ...team, items: [onlyB] },
        ],
      },
    }),
    startTestConnect({ token: "token-of-env-server-01234" }),
  ]);
});
afterAll(async () => {
  await Promise.all([serverA.close(), serverB.close(), envServer.close()]);
});
beforeEach(() => standIn.reset());

const host = (server: TestConnect) => new URL(server.url).host;

/** Every kind of source configured at once, as a user would: settings, secrets, environment, SDK sign-in. */
async function everySource() {
  const secrets = new vscode.MemorySecretStorage();
  const fake = createFakeSdk();
  const registry = createTestRegistry(connectEnv(envServer), { secrets, loadSdk: async () => fake.client });
  await secrets.store(connectTokenKey(serverA.url), serverA.token);
  await secrets.store(connectTokenKey(serverB.url), serverB.token);
  standIn.setSetting("opBridge.connect.serverUrl", serverA.url);
  standIn.setSetting("opBridge.connect.servers", [{ name: "Team server", serverUrl: `${serverB.url}/` }]);
  await registry.signInSdk({ serviceAccountToken: "ops_valid" });
  const tree = new ItemsTreeProvider(registry, vscode.window.createOutputChannel("t", { log: true }));
  return { registry, tree };
}

describe("two Connect servers, the environment's server and an SDK account together", () => {
  test("each source is built once, in order: environment, serverUrl, servers, SDK", async () => {
    const { registry } = await everySource();
    const sources = await registry.sources();
    expect(sources.map((s) => `${s.kind} ${s.label}`)).toEqual([
      `connect ${host(envServer)}`,
      `connect ${host(serverA)}`,
      "connect Team server",
      "sdk Service account",
    ]);
  });

  test("the picker merges every source's items; each row names the sources that hold it", async () => {
    const { registry, tree } = await everySource();
    const view = vscode.window.createTreeView("opBridge.items", { treeDataProvider: tree });
    standIn.answer({ quickPick: "Shared deploy key" });
    await browseItems(registry, tree, view as never);
    const rows = standIn.state.pickers[0]!.rows!;
    expect(rows).toEqual(
      expect.arrayContaining([
        // On both servers: one row, both labels.
        `Shared deploy key · Platform · API Credential · ${host(serverA)}, Team server`,
        `Grafana admin · Platform · API Credential · ${host(serverA)}`,
        "Team wiki · Team · API Credential · Team server",
        `Postgres Staging · Development · Database · ${host(envServer)}`,
        "Deploy key · Shared · API Credential · Service account",
      ]),
    );
    expect(rows.filter((row) => row.startsWith("Shared deploy key"))).toHaveLength(1);
    expect(rows).toHaveLength(6);
    expect(standIn.messages("warning")).toEqual([]);
  });

  test("the tree shows one node per source, each with its own vaults and items", async () => {
    const { tree } = await everySource();
    const roots = (await tree.getChildren()) as SourceNode[];
    expect(roots.map((node) => `${node.label} (${String(node.description)})`)).toEqual([
      `${host(envServer)} (Connect)`,
      `${host(serverA)} (Connect)`,
      "Team server (Connect)",
      "Service account (SDK)",
    ]);
    const listing = async (node: TreeNode): Promise<string[]> => {
      const vaults = (await tree.getChildren(node)) as VaultNode[];
      const lines: string[] = [];
      for (const vault of vaults) {
        const items = (await tree.getChildren(vault)) as ItemNode[];
        lines.push(`${String(vault.label)}: ${items.map((i) => String(i.label)).join(", ")}`);
      }
      return lines;
    };
    expect(await listing(roots[1]!)).toEqual(["Platform: Grafana admin, Shared deploy key"]);
    expect(await listing(roots[2]!)).toEqual(["Platform: Shared deploy key", "Team: Team wiki"]);
    expect(await listing(roots[3]!)).toEqual(["Shared: Deploy key"]);
    // The item on both servers has a node under each, with distinct IDs (VS Code needs them unique).
    const ids = new Set<string>();
    for (const root of roots) {
      for (const vault of await tree.getChildren(root)) {
        for (const node of await tree.getChildren(vault)) ids.add(String(node.id));
      }
    }
    expect([...ids].filter((id) => id.includes(shared.id))).toHaveLength(2);
  });

  test("the status bar counts every source and names them", async () => {
    const { registry } = await everySource();
    const disposable = createStatusBar(registry);
    const [bar] = standIn.state.statusBarItems;
    await expect.poll(() => bar!.text).toBe("$(unlock) 1Password (4)");
    expect(bar!.tooltip).toBe(
      `1Password: ${host(envServer)}, ${host(serverA)}, Team server, Service account`,
    );
    disposable.dispose();
  });

  test("one server answering 500 leaves the other sources' items, and its reason is shown", async () => {
    const { registry } = await everySource();
    serverA.setFaults({ serverErrors: { count: Infinity, status: 500 } });
    try {
      const snapshot = await registry.loadItems();
      expect(snapshot.items.map((i) => i.title)).toEqual(
        expect.arrayContaining(["Shared deploy key", "Team wiki", "Deploy key"]),
      );
      // Still listed by the Team server.
      const sharedItem = snapshot.items.find((i) => i.id === shared.id)!;
      expect(snapshot.sourcesOf(sharedItem).map((s) => s.label)).toEqual(["Team server"]);
      expect(snapshot.items.map((i) => i.title)).not.toContain("Grafana admin");
      expect(snapshot.problems).toEqual([
        {
          label: host(serverA),
          message: expect.stringMatching(
            /Connect server at .* failed to answer GET .* \(500 Internal Server Error\)/,
          ),
        },
      ]);
    } finally {
      serverA.setFaults({});
    }
  });
});

describe("settings that name the same server twice, or two servers alike", () => {
  test("a name given in connect.servers labels the server even when connect.serverUrl or the environment names it too", async () => {
    const secrets = new vscode.MemorySecretStorage();
    const registry = createTestRegistry(connectEnv(envServer), { secrets });
    await secrets.store(connectTokenKey(serverA.url), serverA.token);
    standIn.setSetting("opBridge.connect.serverUrl", serverA.url);
    standIn.setSetting("opBridge.connect.servers", [
      { name: "Platform server", serverUrl: `${serverA.url}/` },
      { name: "From the environment", serverUrl: envServer.url },
    ]);
    expect((await registry.sources()).map((s) => `${s.id} ${s.label}`)).toEqual([
      `env:${envServer.url} From the environment`,
      `connect:${serverA.url} Platform server`,
    ]);
  });

  test("two unnamed servers on one host are told apart by their paths", async () => {
    const secrets = new vscode.MemorySecretStorage();
    const seen: string[] = [];
    const registry = createTestRegistry({}, { secrets });
    for (const path of ["/team-a", "/team-b"]) {
      await secrets.store(connectTokenKey(`${serverA.url}${path}`), "token");
      seen.push(`${host(serverA)}${path}`);
    }
    standIn.setSetting("opBridge.connect.servers", [
      { serverUrl: `${serverA.url}/team-a` },
      { serverUrl: `${serverA.url}/team-b/` },
    ]);
    expect((await registry.sources()).map((s) => s.label)).toEqual(seen);
  });
});
