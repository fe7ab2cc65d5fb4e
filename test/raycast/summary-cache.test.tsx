// Search 1Password Items lists a Connect server's items from the summaries it remembered last time, before the
// server answers, then follows the server's answer in place: removed items go, a failing server's remembered
// rows go, another server or token starts empty, and the remembered file holds no value and no token.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ReactTestRenderer } from "react-test-renderer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import SearchItems from "../../raycast-extension/src/search-items";
import { recorder } from "./stand-in/raycast-api";
import { closeCommandFixtures, openCommandFixtures, type CommandFixtures } from "./helpers/fixtures";
import { itemTitles, listOf, renderCommand, unmount, until } from "./helpers/render";

const SERVERS = "serversvault0000000000000a";
const PASSWORD = "correct-horse-battery-staple-42";
const USERNAME = "db-admin-person";

let fixtures: CommandFixtures;
const mounted: ReactTestRenderer[] = [];

beforeAll(async () => {
  fixtures = await openCommandFixtures({
    vaults: [
      {
        id: SERVERS,
        name: "Servers",
        items: [
          {
            id: "itempostgres0000000000000a",
            title: "Postgres Staging",
            category: "LOGIN",
            urls: [{ href: "https://db.example.com", primary: true }],
            fields: [
              { id: "username", type: "STRING", purpose: "USERNAME", label: "username", value: USERNAME },
              { id: "password", type: "CONCEALED", purpose: "PASSWORD", label: "password", value: PASSWORD },
            ],
          },
          { id: "itemredis000000000000000aa", title: "Redis", category: "LOGIN" },
        ],
      },
    ],
  });
});
afterAll(() => closeCommandFixtures(fixtures));
afterEach(async () => {
  for (const r of mounted.splice(0)) await unmount(r);
  fixtures.server.setFaults({});
});

const preferences = (url = fixtures.server.url) => ({
  metadataFolder: fixtures.root,
  connectUrl: url,
  connectToken: fixtures.server.token,
});

async function open(prefs = preferences()): Promise<ReactTestRenderer> {
  const r = await renderCommand(<SearchItems />, prefs);
  mounted.push(r);
  return r;
}

const itemListings = () => fixtures.server.requests().filter((r) => /\/items$/.test(r)).length;
const summaryFiles = async () =>
  (await readdir(fixtures.support)).filter((name) => name.startsWith("summaries-") && name.endsWith(".json"));

describe("Connect items remembered between launches", () => {
  it("the first launch lists the server's items and remembers their summaries only, in a private file", async () => {
    const r = await open();
    await until(
      () => itemTitles(r).includes("Redis"),
      () => JSON.stringify(itemTitles(r)),
    );
    await until(() => listOf(r).props.isLoading === false, "the list to finish loading");
    await unmount(mounted.pop());
    await expect.poll(summaryFiles).toHaveLength(1);
    const [name] = await summaryFiles();
    const file = join(fixtures.support, name!);
    const text = await readFile(file, "utf8");
    expect(text).toContain("Postgres Staging");
    expect(text).toContain("https://db.example.com");
    for (const secret of [PASSWORD, USERNAME, fixtures.server.token]) expect(text).not.toContain(secret);
    if (process.platform !== "win32") expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("the next launch shows them before the server answers, still loading, then follows the answer", async () => {
    // The server now answers slowly, and Redis was deleted meanwhile.
    const deleted = await fetch(
      `${fixtures.server.url}/v1/vaults/${SERVERS}/items/itemredis000000000000000aa`,
      {
        method: "DELETE",
        headers: { authorization: `Bearer ${fixtures.server.token}` },
      },
    );
    expect(deleted.status).toBe(204);
    fixtures.server.setFaults({ latencyMs: 1_500 });
    const listingsBefore = itemListings();
    const r = await open();
    await until(() => itemTitles(r).includes("Postgres Staging"), "the remembered rows");
    // Shown from what was remembered: the server has not answered a listing yet, and the list says it is loading.
    expect(itemListings()).toBe(listingsBefore);
    expect(itemTitles(r)).toContain("Redis");
    expect(listOf(r).props.isLoading).toBe(true);
    await until(() => !itemTitles(r).includes("Redis"), "the deleted item to go", 400);
    expect(itemTitles(r)).toContain("Postgres Staging");
    expect(listOf(r).props.isLoading).toBe(false);
  });

  it("a server that now fails drops its remembered rows and says so; the metadata items stay", async () => {
    fixtures.server.setFaults({ serverErrors: { count: 10, status: 503 } });
    const r = await open();
    await until(() => recorder.toasts.length > 0, "the failure toast");
    await until(() => listOf(r).props.isLoading === false, "the list to finish loading");
    expect(itemTitles(r)).not.toContain("Postgres Staging");
    expect(itemTitles(r)).toContain("GitHub");
    expect(recorder.toasts[0]?.title).toMatch(/Connect/);
  });

  it("another server URL or token never shows the old one's rows, and its file is removed", async () => {
    const before = await summaryFiles();
    expect(before).toHaveLength(1);
    fixtures.server.setFaults({ latencyMs: 800 });
    // The same server by another name is another configuration: nothing is shown until it answers.
    const r = await open(preferences(fixtures.server.url.replace("127.0.0.1", "localhost")));
    await until(() => itemTitles(r).includes("GitHub"), "the metadata rows");
    expect(itemTitles(r)).not.toContain("Postgres Staging");
    await until(() => itemTitles(r).includes("Postgres Staging"), "the server's answer", 400);
    await expect.poll(summaryFiles).toHaveLength(1);
    expect(await summaryFiles()).not.toEqual(before);
  });
});
