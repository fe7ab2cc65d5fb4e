import { describe, expect, it } from "vitest";
import { detectSecrets, type Finding } from "@op-bridge/shared";
import { scoreCorpus } from "../../fixtures/secrets/evaluate.js";

async function findValues(text: string, fileName = "config.env"): Promise<string[]> {
  const findings = await detectSecrets(text, { fileName });
  return findings.map((f: Finding) => text.slice(f.start, f.end));
}

describe("detectSecrets on the labeled corpus", () => {
  it("reaches precision ≥ 0.95 and recall ≥ 0.90", async () => {
    const score = await scoreCorpus();
    expect(score.truePositives + score.falseNegatives).toBeGreaterThanOrEqual(100);
    expect(score.precision, JSON.stringify(score.wrong.slice(0, 5))).toBeGreaterThanOrEqual(0.95);
    expect(score.recall, JSON.stringify(score.missed.slice(0, 5))).toBeGreaterThanOrEqual(0.9);
  });
});

describe("detectSecrets", () => {
  it("returns the offsets of the value only, never of its key", async () => {
    const text = 'export GITHUB_TOKEN="ghp_0123456789abcdefghijABCDEFGHIJ012345"\n';
    const [finding] = await detectSecrets(text);
    expect(finding).toMatchObject({ kind: "github-token", suggestedTitle: "GitHub" });
    expect(text.slice(finding!.start, finding!.end)).toBe("ghp_0123456789abcdefghijABCDEFGHIJ012345");
  });

  it("finds known token formats wherever they stand", async () => {
    const text = [
      "aws = AKIAZ7VQ3MLKD5XYWP2T",
      "stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      'slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"',
      "maps_key: AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
      "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'",
    ].join("\n");
    const kinds = (await detectSecrets(text)).map((f) => f.kind);
    expect(kinds).toEqual(["aws-access-key-id", "stripe-secret-key", "slack-token", "google-api-key", "jwt"]);
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
    expect(findings.map((f) => [text.slice(f.start, f.end), f.kind, f.suggestedTitle])).toEqual([
      ["q8#Vt2!pLm9zR4wX", "password", "DB Password"],
      ["a81f9c0e4b7d2a6c3e5f", "secret", "Client Secret"],
    ]);
  });

  it("takes the password out of a connection string and names the database", async () => {
    const text = "DATABASE_URL=postgresql://app:Xk29vLq81mZp@db:5432/app\n";
    const [finding] = await detectSecrets(text);
    expect(text.slice(finding!.start, finding!.end)).toBe("Xk29vLq81mZp");
    expect(finding!.suggestedTitle).toBe("PostgreSQL");
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
    ].join("\n");
    expect(await findValues(text)).toEqual([]);
  });

  it("scans a large file in slices without freezing the event loop, and can be cancelled", async () => {
    const line = "LOG_LINE=nothing secret here, just text that goes on\n";
    const big =
      line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)) +
      "GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\n";
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
    ];
    for (const text of odd) await expect(Promise.resolve(detectSecrets(text))).resolves.toBeInstanceOf(Array);
  });
});
