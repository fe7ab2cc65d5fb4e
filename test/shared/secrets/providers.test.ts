// Every provider rule, held to its promise on the labelled corpus: its value is found in each kind of
// file (.env, Helm values, JSON settings), the finding names the provider, and its look-alikes are not.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectSecrets, exclusionFor, precisionRules, providerRules, type Finding } from "@op-bridge/shared";
import type { CorpusLabel } from "../../fixtures/secrets/generate.js";
import { providerExamples } from "../../fixtures/secrets/providerExamples.js";

const corpus = new URL("../../fixtures/secrets/corpus/", import.meta.url);
const labels: CorpusLabel[] = JSON.parse(readFileSync(new URL("labels.json", corpus), "utf8"));
const findingsByFile = new Map<string, Finding[]>();
async function findingsIn(file: string): Promise<Finding[]> {
  let findings = findingsByFile.get(file);
  if (!findings) {
    findings = await detectSecrets(readFileSync(new URL(file, corpus), "utf8"), { fileName: file });
    findingsByFile.set(file, findings);
  }
  return findings;
}

describe("provider rules", () => {
  it("has an example in the corpus for every rule, and a rule for every example", () => {
    const ruleKinds = new Set(providerRules.map((r) => r.kind));
    const exampleKinds = new Set(providerExamples.map((e) => e.kind));
    for (const kind of ruleKinds) expect(exampleKinds.has(kind), kind).toBe(true);
    expect(providerRules.length).toBeGreaterThanOrEqual(60);
  });

  it.each(providerRules.map((rule) => [rule.kind, rule] as const))("%s", async (kind, rule) => {
    const secrets = labels.filter((l) => l.secret && l.kind === kind && l.file.startsWith("providers/"));
    const flavours = new Set(secrets.map((l) => l.file.slice(l.file.lastIndexOf("/") + 1)));
    expect([...flavours].sort()).toEqual([".env", "settings.json", "values.yaml"]);
    for (const secret of secrets) {
      const finding = (await findingsIn(secret.file)).find(
        (f) => f.start === secret.start && f.end === secret.end,
      );
      expect(finding, `${secret.file}: ${secret.value}`).toMatchObject({
        kind,
        provider: rule.provider,
        description: rule.name,
      });
    }
    const lookAlikes = labels.filter((l) => !l.secret && l.kind.startsWith(`${kind}:`));
    expect(lookAlikes.length).toBeGreaterThanOrEqual(3);
    for (const lookAlike of lookAlikes) {
      const findings = await findingsIn(lookAlike.file);
      const flagged = findings.find((f) => f.start < lookAlike.end && lookAlike.start < f.end);
      expect(flagged, `${lookAlike.kind} ${lookAlike.value}`).toBeUndefined();
    }
  });
});

describe("precision rules", () => {
  const cases: Record<string, { value: string; key?: string }[]> = {
    "secret-reference": [{ value: "op://Work/GitHub/token" }],
    interpolation: [
      { value: "${GITHUB_TOKEN}" },
      { value: "$(cat /run/secrets/db)" },
      { value: "{{ .Values.token }}" },
      { value: "%DB_PASSWORD%" },
      { value: "$SECRET" },
    ],
    placeholder: [
      { value: "<your-api-key>" },
      { value: "YOUR_API_KEY" },
      { value: "changeme" },
      { value: "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx" },
      { value: "YourOpenAIKeyHere" },
    ],
    "documented-example": [
      { value: "AKIAIOSFODNN7EXAMPLE" },
      { value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      { value: "ghp_Zq8vT2pLm9zR4wXk7Nb3Fh6Jd1EXAMPLE" },
    ],
    "repeated-character": [
      { value: "ghp_000000000000000000000000000000000000" },
      { value: "aaaaaaaaaaaaaaaa" },
    ],
    sequential: [{ value: "sk_live_0123456789abcdefghijklmn" }, { value: "abcdefgh12345678" }],
    "public-by-design": [
      { value: "pk_live_51HxY2bKq8Vt2pLm9zR4wXk7N" },
      { value: "Zq8vT2pLm9zR4wXk7Nb3", key: "NEXT_PUBLIC_SUPABASE_ANON_KEY" },
      { value: "Zq8vT2pLm9zR4wXk7Nb3", key: "recaptcha_site_key" },
    ],
    "not-a-value": [
      { value: "1.2.3" },
      { value: "./secrets/token.txt" },
      { value: "https://api.acme.io/v1" },
    ],
  };

  it("has a test case for every rule", () => {
    expect(Object.keys(cases).sort()).toEqual(precisionRules.map((r) => r.name).sort());
  });

  it.each(Object.entries(cases))("%s excludes its look-alikes, and says why", (name, values) => {
    for (const context of values) {
      const rule = exclusionFor(context);
      expect(rule?.name, context.value).toBe(name);
      expect(rule?.because).toBeTruthy();
    }
  });

  it("excludes none of the made-up real values", () => {
    for (const label of labels.filter((l) => l.secret)) {
      expect(exclusionFor({ value: label.value }, true)?.name, label.value).toBeUndefined();
    }
  });
});
