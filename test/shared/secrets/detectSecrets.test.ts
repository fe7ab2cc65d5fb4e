import { describe, expect, it } from "vitest";
import { detectSecrets, type Finding } from "@op-bridge/shared";
import { scoreCorpus } from "../../fixtures/secrets/evaluate.js";
import { checksummedToken } from "../../fixtures/secrets/providerExamples.js";
import { createRandom } from "../../connect-server/random.js";
import { growth, repeatTo } from "./growth.js";

async function findValues(text: string, fileName = "config.env"): Promise<string[]> {
  const findings = await detectSecrets(text, { fileName });
  return findings.map((f: Finding) => text.slice(f.start, f.end));
}

const random = createRandom(11);
const seeded = {
  next: random.next,
  pick: random.pick,
  chars: (alphabet: string, n: number) =>
    Array.from({ length: n }, () => random.pick([...alphabet])).join(""),
};
const githubToken = checksummedToken(seeded, "ghp_");

describe("detectSecrets on the labelled corpus", () => {
  it("reaches precision ≥ 0.97, recall ≥ 0.95 and, for formats found by shape, recall ≥ 0.80 under keys that say nothing", async () => {
    const score = await scoreCorpus();
    expect(score.truePositives + score.falseNegatives).toBeGreaterThanOrEqual(500);
    expect(score.lookAlikes).toBeGreaterThanOrEqual(400);
    expect(score.precision, JSON.stringify(score.wrong.slice(0, 5))).toBeGreaterThanOrEqual(0.97);
    expect(score.recall, JSON.stringify(score.missed.slice(0, 5))).toBeGreaterThanOrEqual(0.95);
    expect(score.neutralRecall).toBeGreaterThanOrEqual(0.8);
  });
});

describe("detectSecrets", () => {
  it("returns the offsets of the value only, never of its key, and names the provider", async () => {
    const text = `export GITHUB_TOKEN="${githubToken}"\n`;
    const [finding] = await detectSecrets(text);
    expect(finding).toMatchObject({
      kind: "github-classic-token",
      provider: "GitHub",
      description: "GitHub personal access token (classic)",
      suggestedTitle: "GitHub",
      suggestedCategory: "API_CREDENTIAL",
      suggestedFieldLabel: "token",
    });
    expect(finding!.reason).toMatch(/checksum verifies/);
    expect(text.slice(finding!.start, finding!.end)).toBe(githubToken);
  });

  it("finds known token formats wherever they stand", async () => {
    const text = [
      "aws = AKIAZ7VQ3MLKD5XYWP2T",
      "stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      'slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"',
      "maps_key: AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
      "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'",
      `VALUE=${githubToken}`,
    ].join("\n");
    const kinds = (await detectSecrets(text)).map((f) => f.kind);
    expect(kinds).toEqual([
      "aws-access-key-id",
      "stripe-live-secret-key",
      "slack-bot-token",
      "google-api-key",
      "jwt",
      "github-classic-token",
    ]);
  });

  it("takes a GitHub or npm token whose checksum fails only where the key names a secret", async () => {
    const broken = githubToken.slice(0, -1) + (githubToken.endsWith("A") ? "B" : "A");
    expect(await findValues(`VALUE=${broken}\n`)).toEqual([]);
    const [finding] = await detectSecrets(`GITHUB_TOKEN=${broken}\n`);
    expect(finding?.reason).toMatch(/checksum does not verify/);
  });

  it("flags a whole private key block as one finding", async () => {
    const key =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----";
    const text = `deploy_key: |\n${key}\n`;
    expect(await findValues(text)).toEqual([key]);
  });

  it("flags random values under secret-looking keys, with a title from the key", async () => {
    const text = "DB_PASSWORD=q8#Vt2!pLm9zR4wX\nclientSecret: 'a81f9c0e4b7d2a6c3e5f'\n";
    const findings = await detectSecrets(text);
    expect(
      findings.map((f) => [text.slice(f.start, f.end), f.kind, f.suggestedTitle, f.suggestedCategory]),
    ).toEqual([
      ["q8#Vt2!pLm9zR4wX", "password", "DB Password", "PASSWORD"],
      ["a81f9c0e4b7d2a6c3e5f", "secret", "Client Secret", "API_CREDENTIAL"],
    ]);
    expect(findings[0]!.reason).toMatch(/DB_PASSWORD names a secret/);
  });

  it("reads key names as people write them", async () => {
    const value = "Zq8vT2pLm9zR4wXk7Nb3";
    const keys = [
      "SHOPIFY_KEY",
      "token2",
      "2FA_SECRET",
      "dbPasswort",
      "mysql_pwd",
      "AppCredential",
      "x-auth",
      "APIKey",
      "service.api-key",
      "PRIVATE_KEY_PASSPHRASE",
    ];
    for (const key of keys) expect(await findValues(`${key}=${value}\n`), key).toEqual([value]);
    const notSecrets = [
      "cache_key",
      "primary_key",
      "token_url",
      "password_min_length",
      "secret_name",
      "client_id",
    ];
    for (const key of notSecrets) expect(await findValues(`${key}=${value}\n`), key).toEqual([]);
    const [shopify] = await detectSecrets(`SHOPIFY_KEY=${value}\n`);
    expect(shopify).toMatchObject({ provider: "Shopify", suggestedTitle: "Shopify" });
  });

  it("does not take a value that starts with a word and a dot for code in a configuration file", async () => {
    expect(await findValues("SECRET=abc.Zq8vT2pLm9zR4wXk7Nb3\n")).toEqual(["abc.Zq8vT2pLm9zR4wXk7Nb3"]);
    expect(await findValues("secret = config.serviceSecret\n", "app.ts")).toEqual([]);
  });

  it("takes the password out of a connection string and names the database", async () => {
    const text = "DATABASE_URL=postgresql://app:Xk29vLq81mZp@db:5432/app\n";
    const [finding] = await detectSecrets(text);
    expect(text.slice(finding!.start, finding!.end)).toBe("Xk29vLq81mZp");
    expect(finding).toMatchObject({ suggestedTitle: "PostgreSQL", suggestedCategory: "DATABASE" });
  });

  it("takes credentials out of a URL of any scheme, but not interpolations or a user repeated as password", async () => {
    expect(await findValues("REMOTE=https://deploy:Hq2Vx9LmT4pZ@git.acme.io/a.git\n")).toEqual([
      "Hq2Vx9LmT4pZ",
    ]);
    expect(await findValues("AMQP=amqp://svc:Mv8Kp2Qx7Lr4@mq:5672\n")).toEqual(["Mv8Kp2Qx7Lr4"]);
    const none = [
      "DATABASE_URL=postgres://app:${PASSWORD}@db/app",
      "DATABASE_URL=postgres://app:$(PGPASSWORD)@db/app",
      "DATABASE_URL=postgres://postgres:postgres@localhost/app",
      "url: https://user:<password>@host/",
    ];
    expect(await findValues(none.join("\n"))).toEqual([]);
  });

  it("finds Laravel's APP_KEY", async () => {
    const key = "base64:3q2+7w8Zk1Vb9Lm4Nc6Xp0Rt5Yh2Jg8Fd4Se7Wa1Qz0=";
    const [finding] = await detectSecrets(`APP_KEY=${key}\n`);
    expect(finding).toMatchObject({ kind: "laravel-app-key", provider: "Laravel" });
    expect(`APP_KEY=${key}\n`.slice(finding!.start, finding!.end)).toBe(key);
  });

  it("finds a secret in a YAML block scalar under a secret key", async () => {
    const text = "db:\n  password: |\n    Xk29vLq81mZpQ7rT\n  host: db\n";
    expect(await findValues(text, "config.yaml")).toEqual(["Xk29vLq81mZpQ7rT"]);
    const folded =
      "app:\n  signing_secret: >-\n    q8Vt2pLm9zR4wXk7Nb3Fh6Jd1Sa5Gc0\n    Yu4Ie7Ow2Pq9Lk3Mn8Bv5Cx1Zz6\nnext: 1\n";
    expect(await findValues(folded, "config.yaml")).toEqual([
      "q8Vt2pLm9zR4wXk7Nb3Fh6Jd1Sa5Gc0\n    Yu4Ie7Ow2Pq9Lk3Mn8Bv5Cx1Zz6",
    ]);
    expect(await findValues("description: |\n  Some words about the service\n", "config.yaml")).toEqual([]);
  });

  it("leaves references, placeholders, words and metadata alone", async () => {
    const text = [
      "API_KEY=op://dev/Stripe/secret key",
      'token: "{{ op://Work/Slack/token }}"',
      "DB_PASSWORD=${DB_PASSWORD}",
      "password: changeme",
      "secret = supersecret",
      "password_min_length: 12",
      "token_url: https://auth.example.com/token",
      "const password = getPassword();",
      "apiKey: process.env.API_KEY,",
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "commit: 3f7a9c2e1b0d4f6a8c5e7b9d1f3a5c7e9b2d4f6a",
      "password: string;",
      "STRIPE_PUBLISHABLE_KEY=pk_live_51HxY2bKq8Vt2pLm9zR4wXk7N",
      "NEXT_PUBLIC_SUPABASE_ANON_KEY=Zq8vT2pLm9zR4wXk7Nb3Fh6Jd1",
      "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "GITHUB_TOKEN=ghp_Zq8vT2pLm9zR4wXk7Nb3",
      "OPENAI_API_KEY=YourOpenAIKeyHere",
    ].join("\n");
    expect(await findValues(text)).toEqual([]);
  });

  it("scans a large file in slices without freezing the event loop, and can be cancelled", async () => {
    const line = "LOG_LINE=nothing secret here, just text that goes on\n";
    const big = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)) + `GITHUB_TOKEN=${githubToken}\n`;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const findings = await detectSecrets(big, { signal: new AbortController().signal });
    clearInterval(timer);
    expect(findings).toHaveLength(1);
    expect(ticks).toBeGreaterThan(0);

    const controller = new AbortController();
    const scan = detectSecrets(big, { signal: controller.signal });
    controller.abort();
    await expect(scan).rejects.toMatchObject({ name: "AbortError" });
  });

  it("never throws on arbitrary text", async () => {
    const odd = [
      "",
      "=",
      ":::",
      '"unterminated: "abc',
      "\u0000\uffff",
      "key=" + "a".repeat(200_000),
      "-----BEGIN RSA PRIVATE KEY-----",
      "token: |",
      "a: |\n  \n",
    ];
    for (const text of odd) await expect(Promise.resolve(detectSecrets(text))).resolves.toBeInstanceOf(Array);
  });
});

describe("detectSecrets on hostile input", () => {
  // 8× the text costs about 8× the time; the quadratic overlap check took 64× (20.7 s for 4 MB of token= lines).
  it.each([
    ["many token= lines", `token=${"Zq8vT2pLm9zR4wXk7Nb3"}\n`],
    ["many findings on long lines", `${"token=ghp_Zq8vT2pLm9zR4wXk7Nb3Fh6Jd1Sa5Gc0Yu4I ".repeat(200)}\n`],
    ["many BEGIN lines without END", "-----BEGIN RSA PRIVATE KEY-----\n"],
    ["one long line of eyJ", "eyJa.eyJb."],
  ])("grows linearly on %s", (_name, unit) => {
    const scan = (text: string) => detectSecrets(text);
    // Both sizes are under the synchronous limit, so the time measured is the whole scan.
    const ratio = growth(scan, repeatTo(unit, 24 * 1024), repeatTo(unit, 192 * 1024));
    expect(ratio).toBeLessThan(32);
  });
});
