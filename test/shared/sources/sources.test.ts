// The shared source layer driven without a host: a real metadata folder on disk, a real Connect server on
// loopback, and a fake SDK client typed from @1password/sdk. Every kind of source fails alone here, and the
// others' items stay listed each time.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AuthExpiredError } from "@1password/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createConnectSource,
  createDesktopAppSource,
  createMetadataSource,
  createSdkSessions,
  createServiceAccountSource,
  createSourceSet,
  type SdkClient,
  type Source,
  type SourceSet,
  type SourcesSnapshot,
  viewItemUrl,
} from "../../../shared/src/index.js";
import { startConnectServer, type ConnectServer } from "../../connect-server/server.js";
import {
  metadataFileName,
  writeMetadataTree,
  type MetadataRecord,
} from "../../fixtures/metadata/generate.js";
import { developmentSeed } from "../../vscode/helpers/connect.js";
import { createFakeSdk } from "../../vscode/helpers/fakeSdk.js";
import { makeTempDir } from "../metadata/helpers.js";

const token = "connect-token-never-shown-0123";
let server: ConnectServer;
beforeAll(async () => {
  server = await startConnectServer({ host: "127.0.0.1", port: 0, token, seed: developmentSeed });
});
afterAll(() => server.close());
afterEach(() => server.setFaults({}));

const sets: SourceSet[] = [];
afterEach(async () => {
  await Promise.all(sets.splice(0).map((set) => set.close()));
});

function record(uuid: string, title: string): MetadataRecord {
  return {
    uuid,
    itemTitle: title,
    itemDescription: "me@example.com",
    categoryUUID: "001",
    categorySingularName: "Login",
    categoryPluralName: "Logins",
    vaultUUID: "metavault0000000000000001",
    vaultName: "Personal",
    createdAt: 1_600_000_000,
    modifiedAt: 1_600_000_000,
    websiteURLs: ["https://gitlab.com"],
  };
}

async function metadataFolder(): Promise<string> {
  const root = await makeTempDir("op-sources-");
  await writeMetadataTree(root, [record("metaitem00000000000000001", "GitLab")]);
  return root;
}

/** The SDK's own error class, as its core throws it when a sign-in is no longer valid. */
const SdkAuthExpired: typeof AuthExpiredError = class AuthExpiredError extends Error {};

function failingSdk(error: Error): SdkClient {
  const fail = async () => {
    throw error;
  };
  return { vaults: { list: fail }, items: { list: fail } } as unknown as SdkClient;
}

interface Kinds {
  root?: string;
  connect?: { url?: string; token?: string };
  serviceAccount?: SdkClient;
  desktop?: () => Promise<SdkClient>;
}

/** All four kinds of source together, each replaceable by a failing one. */
async function everyKind(kinds: Kinds = {}): Promise<SourceSet> {
  const root = kinds.root ?? (await metadataFolder());
  const serviceAccount = kinds.serviceAccount ?? createFakeSdk().client;
  const sessions = createSdkSessions({
    signIn: async (auth) =>
      "serviceAccountToken" in auth ? serviceAccount : (kinds.desktop?.() ?? desktopSdk()),
  });
  // Two session caches: the service account and the desktop app sign in side by side.
  const desktopSessions = createSdkSessions({ signIn: async () => kinds.desktop?.() ?? desktopSdk() });
  const sources: Source[] = [
    createMetadataSource({ root, cacheFile: false }),
    createConnectSource({
      serverUrl: kinds.connect?.url ?? server.url,
      token: kinds.connect?.token ?? token,
      allowInsecureHttp: true,
      maxRetries: 0,
    }),
    createServiceAccountSource("ops_valid", sessions),
    createDesktopAppSource("My Team", desktopSessions, { id: "desktop" }),
  ];
  const set = createSourceSet(sources);
  sets.push(set);
  return set;
}

/** A desktop account with its own vault and item. */
async function desktopSdk(): Promise<SdkClient> {
  const fake = createFakeSdk();
  const items = await fake.client.items.list("x");
  const renamed = items.map((item) => ({ ...item, id: "desktopitem00000000000001", title: "Team VPN" }));
  return { ...fake.client, items: { ...fake.client.items, list: async () => renamed } } as SdkClient;
}

const titles = (snapshot: SourcesSnapshot) => snapshot.items.map((item) => item.title).sort();
const everyTitle = ["Deploy key", "GitLab", "Postgres Staging", "Stripe: live key", "Team VPN"];

describe("every kind of source together", () => {
  it("lists the items of all four, each with the source that holds it, and no problem", async () => {
    const snapshot = await (await everyKind()).settled();
    expect(titles(snapshot)).toEqual(everyTitle);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.loading).toEqual([]);
    const labels = (title: string) =>
      snapshot.sourcesOf(snapshot.items.find((item) => item.title === title)!).map((s) => s.label);
    expect(labels("GitLab")).toEqual(["1Password 7 metadata"]);
    expect(labels("Postgres Staging")).toEqual([new URL(server.url).host]);
    expect(labels("Deploy key")).toEqual(["Service account"]);
    expect(labels("Team VPN")).toEqual(["My Team"]);
    expect(snapshot.items.find((item) => item.title === "Team VPN")?.accountName).toBe("My Team");
  });
});

describe("one source failing leaves the others' items and says what to do", () => {
  const without = (title: string) => everyTitle.filter((t) => t !== title);

  it("a missing metadata folder: the guide to turning it on", async () => {
    const root = join(await makeTempDir("op-sources-"), "not-there");
    const snapshot = await (await everyKind({ root })).settled();
    expect(titles(snapshot)).toEqual(without("GitLab"));
    expect(snapshot.problems).toEqual([
      {
        sourceId: "metadata",
        label: "1Password 7 metadata",
        kind: "metadata-missing",
        message: expect.stringMatching(/No 1Password metadata folder at .*not-there.*opbookmarks/s),
      },
    ]);
  });

  it("a malformed metadata file: the folder's other items stay, the file is named with why", async () => {
    const root = await metadataFolder();
    const broken = join(root, "metavault0000000000000001", "broken.onepassword-item-metadata");
    await writeFile(broken, "{ not json");
    const snapshot = await (await everyKind({ root })).settled();
    expect(titles(snapshot)).toEqual(everyTitle);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.fileProblems).toEqual([{ path: broken, reason: expect.stringMatching(/JSON|parse/i) }]);
  });

  it("Connect down: the server cannot be reached", async () => {
    const snapshot = await (await everyKind({ connect: { url: "http://127.0.0.1:9" } })).settled();
    expect(titles(snapshot)).toEqual(without("Postgres Staging").filter((t) => t !== "Stripe: live key"));
    expect(snapshot.problems).toEqual([
      expect.objectContaining({
        kind: "connect-unreachable",
        message: expect.stringMatching(/cannot be reached/),
      }),
    ]);
  });

  it("a wrong Connect token: rejected, and the token is never in the problem", async () => {
    const wrong = "wrong-token-never-shown-456";
    const snapshot = await (await everyKind({ connect: { token: wrong } })).settled();
    expect(titles(snapshot)).toEqual(["Deploy key", "GitLab", "Team VPN"]);
    const [problem] = snapshot.problems;
    expect(problem).toMatchObject({ kind: "connect-token-rejected", label: new URL(server.url).host });
    expect(problem!.message).toMatch(/token was rejected .*check the token/);
    expect(JSON.stringify(snapshot.problems)).not.toContain(wrong);
  });

  it.each([
    [{ tooManyRequests: { count: 10, retryAfterSeconds: 0 } }, "connect-rate-limited", /429.*wait a moment/],
    [{ serverErrors: { count: 10, status: 500 } }, "connect-server-error", /500.*check that it is running/],
  ])("Connect answering %j: %s", async (faults, kind, message) => {
    server.setFaults(faults);
    const snapshot = await (await everyKind()).settled();
    expect(titles(snapshot)).toEqual(["Deploy key", "GitLab", "Team VPN"]);
    expect(snapshot.problems).toEqual([
      expect.objectContaining({ kind, message: expect.stringMatching(message) }),
    ]);
  });

  it("a service account whose sign-in expired: sign in again", async () => {
    const serviceAccount = failingSdk(new SdkAuthExpired("auth expired"));
    const snapshot = await (await everyKind({ serviceAccount })).settled();
    expect(titles(snapshot)).toEqual(without("Deploy key"));
    expect(snapshot.problems).toEqual([
      {
        sourceId: "sdk",
        label: "Service account",
        kind: "sdk-auth-expired",
        message: "The 1Password sign-in expired: sign in again.",
      },
    ]);
  });

  it("the desktop app not installed: how to set it up", async () => {
    const desktop = () => Promise.reject(new Error("1Password desktop application not found"));
    const snapshot = await (await everyKind({ desktop })).settled();
    expect(titles(snapshot)).toEqual(without("Team VPN"));
    expect(snapshot.problems).toEqual([
      expect.objectContaining({
        sourceId: "desktop",
        kind: "sdk-desktop-unavailable",
        message: expect.stringMatching(/install and open 1Password 8.*Integrate with other apps/),
      }),
    ]);
  });
});

describe("refresh, cancellation and live updates", () => {
  it("a source that failed is read again on refresh and its items join; the others are not asked again", async () => {
    server.setFaults({ serverErrors: { count: 1, status: 503 } });
    const set = await everyKind();
    expect((await set.settled()).problems.map((p) => p.kind)).toEqual(["connect-server-error"]);
    const sdkCalls: string[] = [];
    set.subscribe(() => sdkCalls.push(set.snapshot().loading.join()));
    set.refresh(set.sources[1]!.id);
    const snapshot = await set.settled();
    expect(snapshot.problems).toEqual([]);
    expect(titles(snapshot)).toEqual(everyTitle);
    // Only the Connect server was loading again.
    expect(sdkCalls).toEqual([set.sources[1]!.id, ""]);
  });

  it("closing while a source is slow ends the wait with no problem and no late items", async () => {
    server.setFaults({ latencyMs: 5_000 });
    const set = await everyKind();
    const settled = set.settled();
    await expect.poll(() => titles(set.snapshot())).toContain("GitLab");
    // The slow server holds nothing up: the other sources are listed while it is still reading.
    expect(set.snapshot().loading).toEqual([set.sources[1]!.id]);
    await set.close();
    const snapshot = await settled;
    expect(snapshot.problems).toEqual([]);
    expect(titles(snapshot)).not.toContain("Postgres Staging");
  });

  it("a caller's signal stops its wait without cancelling the shared read", async () => {
    const set = await everyKind();
    const controller = new AbortController();
    const waiting = set.settled(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toHaveProperty("name", "AbortError");
    expect(titles(await set.settled())).toEqual(everyTitle);
  });

  it("a watched metadata folder updates the list in place; the other sources' items stay", async () => {
    const root = await metadataFolder();
    const set = createSourceSet(
      [
        createMetadataSource({ root, cacheFile: false }),
        createConnectSource({ serverUrl: server.url, token, allowInsecureHttp: true }),
      ],
      { live: true },
    );
    sets.push(set);
    let changes = 0;
    set.subscribe(() => changes++);
    await expect
      .poll(() => titles(set.snapshot()))
      .toEqual(["GitLab", "Postgres Staging", "Stripe: live key"]);
    const added = record("metaitem00000000000000002", "Grafana");
    await mkdir(join(root, added.vaultUUID), { recursive: true });
    await writeFile(join(root, added.vaultUUID, metadataFileName(added)), JSON.stringify(added));
    await expect
      .poll(() => titles(set.snapshot()), { timeout: 10_000 })
      .toEqual(["GitLab", "Grafana", "Postgres Staging", "Stripe: live key"]);
    expect(changes).toBeGreaterThanOrEqual(3);
  });
});

describe("remembered items before the source answers", () => {
  /** A watched source that gives remembered items first, then what its read gives. */
  function rememberingSource(remembered: string[], read: () => Promise<string[]>): Source {
    const summaries = (titles: string[]) =>
      titles.map((title) => ({
        id: `item-${title}`,
        vaultId: "connectvault00000000000001",
        vaultName: "Servers",
        title,
        categoryId: "LOGIN",
        category: "Login",
        urls: [],
        source: "connect" as const,
      }));
    return {
      id: "remembering",
      kind: "connect",
      label: "Remembering",
      load: async () => ({ items: summaries(await read()) }),
      watch(listener) {
        listener.onResult({ items: summaries(remembered), stale: true });
        read().then((names) => listener.onResult({ items: summaries(names) }), listener.onError);
        return { close() {} };
      },
    };
  }

  it("shows them at once, still loading, then the read replaces them: removed items go", async () => {
    let answer: (names: string[]) => void = () => undefined;
    const set = createSourceSet(
      [rememberingSource(["Old VPN", "Mail"], () => new Promise((resolve) => (answer = resolve)))],
      { live: true },
    );
    sets.push(set);
    set.subscribe(() => undefined);
    expect(titles(set.snapshot())).toEqual(["Mail", "Old VPN"]);
    expect(set.snapshot().loading).toEqual(["remembering"]);
    answer(["Mail", "New VPN"]);
    await expect.poll(() => titles(set.snapshot())).toEqual(["Mail", "New VPN"]);
    expect(set.snapshot().loading).toEqual([]);
  });

  it("a source that now fails shows its problem, and its remembered items go", async () => {
    const set = createSourceSet(
      [
        rememberingSource(["Old VPN"], async () => {
          throw new SdkAuthExpired("session expired");
        }),
      ],
      { live: true },
    );
    sets.push(set);
    const snapshot = await set.settled();
    expect(titles(snapshot)).toEqual([]);
    expect(snapshot.problems.map((p) => p.sourceId)).toEqual(["remembering"]);
  });
});

describe("a 1Password 8 account's item links", () => {
  const ACCOUNT = "3B2ZGWDZOZG6XDG5H2IJGUEADQ";
  /** The desktop account's client, its item with an ID of 1Password's shape. */
  async function linkableSdk(): Promise<SdkClient> {
    const client = await desktopSdk();
    const items = await client.items.list("x");
    const renamed = items.map((item) => ({ ...item, id: "desktopitem000000000000001" }));
    return { ...client, items: { ...client.items, list: async () => renamed } } as SdkClient;
  }

  it("an account named by its UUID gives its items that account, so their links open in it", async () => {
    const source = createDesktopAppSource(ACCOUNT, createSdkSessions({ signIn: linkableSdk }));
    const { items } = await source.load(new AbortController().signal);
    const [item] = items;
    expect(item?.accountId).toBe(ACCOUNT);
    expect(viewItemUrl(item!)).toBe(`onepassword://view-item/?a=${ACCOUNT}&v=${item!.vaultId}&i=${item!.id}`);
  });

  it("an account named by its name leaves the account out: the SDK does not say its UUID", async () => {
    const source = createDesktopAppSource("My Team", createSdkSessions({ signIn: linkableSdk }));
    const { items } = await source.load(new AbortController().signal);
    expect(items[0]?.accountId).toBeUndefined();
    expect(viewItemUrl(items[0]!)).not.toContain("a=");
  });
});
