// Indexes over the provider rules, so a line is matched only against the rules whose literal text
// it contains, and a key name can say which provider its value belongs to.
import { splitKeyWords } from "./heuristics.js";
import { providerRules, type ProviderRule } from "./providers.js";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const rulesByAnchor = new Map<string, number[]>();
providerRules.forEach((rule, index) => {
  for (const anchor of rule.anchors) rulesByAnchor.set(anchor, [...(rulesByAnchor.get(anchor) ?? []), index]);
});
// Longest first, so an anchor is not hidden by a shorter one that starts at the same place.
const anchorPattern = new RegExp(
  [...rulesByAnchor.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|"),
  "g",
);

/** The rules whose anchors occur in the line, in the order of {@link providerRules}. */
export function rulesWithAnchors(line: string): ProviderRule[] {
  let seen: Set<number> | undefined;
  anchorPattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = anchorPattern.exec(line))) {
    seen ??= new Set();
    for (const index of rulesByAnchor.get(match[0])!) seen.add(index);
    // One character on, not past the match: anchors may overlap ("sk_live_" holds "k_l…").
    anchorPattern.lastIndex = match.index + 1;
  }
  if (!seen) return [];
  return [...seen].sort((a, b) => a - b).map((index) => providerRules[index]!);
}

/** The rules that take a value only under a key naming their provider. */
export const keyHintRules: readonly ProviderRule[] = providerRules.filter((rule) => rule.keyHint);
const anyKeyHint = new RegExp(keyHintRules.map((rule) => rule.keyHint!.source).join("|"), "i");

/** The key-hinted rules whose hint the key matches (most keys match none: one test answers them). */
export function rulesHintedBy(key: string): readonly ProviderRule[] {
  return anyKeyHint.test(key) ? keyHintRules.filter((rule) => rule.keyHint!.test(key)) : [];
}

// Anchors that start a token ("ghp_", "glpat-", "dp."): a value that starts with one but matches no rule
// has the wrong length or alphabet for that provider.
const prefixes = [...rulesByAnchor.keys()].filter((a) => a.length >= 3 && /^[A-Za-z][\w.-]*[_.-]$/.test(a));

/** True when the value starts like a provider's token (while no rule took it whole). */
export function startsWithKnownPrefix(value: string): boolean {
  return prefixes.some((prefix) => value.startsWith(prefix));
}

const providerWords = new Map<string, string>();
for (const rule of providerRules) {
  const words = splitKeyWords(rule.provider);
  if (words[0] && words[0].length > 2 && !["microsoft", "google", "hcp"].includes(words[0])) {
    providerWords.set(words[0], rule.provider);
  }
  providerWords.set(words.join(""), rule.provider);
}
for (const [word, provider] of Object.entries({
  gh: "GitHub",
  vault: "HashiCorp Vault",
  google: "Google Cloud",
  gcp: "Google Cloud",
  azure: "Azure",
  entra: "Microsoft Entra ID",
  terraform: "HCP Terraform",
  tfc: "HCP Terraform",
  hf: "Hugging Face",
  postgres: "PostgreSQL",
  pg: "PostgreSQL",
  mysql: "MySQL",
  mongo: "MongoDB",
  mongodb: "MongoDB",
  redis: "Redis",
  rabbitmq: "RabbitMQ",
  firebase: "Firebase",
  algolia: "Algolia",
  mapbox: "Mapbox",
  okta: "Okta",
  auth0: "Auth0",
  jira: "Atlassian",
  confluence: "Atlassian",
  docker: "Docker Hub",
  dockerhub: "Docker Hub",
  cohere: "Cohere",
  mistral: "Mistral AI",
  gemini: "Google Gemini",
  paypal: "PayPal",
  smtp: "SMTP",
})) {
  providerWords.set(word, provider);
}

/** The provider a key names, if any: `SHOPIFY_KEY` → "Shopify", `GH_TOKEN` → "GitHub". */
export function providerOfKey(key: string): string | undefined {
  for (const word of splitKeyWords(key)) {
    const provider = providerWords.get(word);
    if (provider) return provider;
  }
  return undefined;
}
