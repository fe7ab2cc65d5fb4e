// The credential formats a developer's configuration commonly holds, one named rule per format: the
// provider's documented shape (prefix, length, alphabet) and its checksum where the format has one.
// Shapes were learnt from the providers' documentation and public scanners' rule sets; the rules
// and their tests are our own.
import { hasBase62Crc32Checksum } from "./checksums.js";

/** What Save in 1Password proposes for a finding: the item's category and the field's label. */
export type SuggestedCategory = "API_CREDENTIAL" | "PASSWORD" | "DATABASE" | "SSH_KEY" | "SECURE_NOTE";

export interface ProviderRule {
  /** Stable id of the format, e.g. "github-fine-grained-token"; a finding's `kind`. */
  kind: string;
  /** What a user calls it: "GitHub fine-grained token". */
  name: string;
  /** The service, proposed as the item title: "GitHub". */
  provider: string;
  category: SuggestedCategory;
  fieldLabel: string;
  /**
   * Global, single-line pattern with explicit boundaries and bounded repetition (so each line is
   * matched in linear time); group 1, when present, is the secret part of the match.
   */
  regex: RegExp;
  /** Literal text every match contains: a line without any rule's anchor is not matched against it. */
  anchors: readonly string[];
  /** The format's checksum or structure, when it has one; a value that fails it is a look-alike. */
  verify?: (secret: string) => boolean;
  /**
   * For shapes too common to stand alone (40 base64 characters, a UUID): the value is taken only
   * under a key that names the provider (`AWS_SECRET_ACCESS_KEY`, `HEROKU_API_KEY`).
   */
  keyHint?: RegExp;
}

// Boundaries spelled out: tokens hold "-" and "_", which \b treats as boundaries; "/", "+" and "="
// keep a match out of the middle of base64 text.
const before = String.raw`(?<![A-Za-z0-9_\-/+])`;
const after = String.raw`(?![A-Za-z0-9_\-/+])`;
const token = (body: string) => new RegExp(before + body + after, "g");
const b62 = "[A-Za-z0-9]";
const b64url = "[A-Za-z0-9_-]";
const hex = "[a-f0-9]";

type RuleInput = Omit<ProviderRule, "category" | "fieldLabel"> &
  Partial<Pick<ProviderRule, "category" | "fieldLabel">>;
const rule = (input: RuleInput): ProviderRule => ({
  category: "API_CREDENTIAL",
  fieldLabel: "credential",
  ...input,
});

const githubTokenTypes = [
  ["p", "github-classic-token", "GitHub personal access token (classic)"],
  ["o", "github-oauth-token", "GitHub OAuth access token"],
  ["u", "github-user-to-server-token", "GitHub App user access token"],
  ["s", "github-app-installation-token", "GitHub App installation token"],
  ["r", "github-refresh-token", "GitHub App refresh token"],
] as const;

const cloud: ProviderRule[] = [
  rule({
    kind: "aws-access-key-id",
    name: "AWS access key ID",
    provider: "AWS",
    fieldLabel: "access key id",
    regex: token("(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"),
    anchors: ["AKIA", "ASIA", "ABIA", "ACCA"],
  }),
  rule({
    kind: "aws-secret-access-key",
    name: "AWS secret access key",
    provider: "AWS",
    fieldLabel: "secret access key",
    regex: token("[A-Za-z0-9/+]{40}"),
    anchors: [],
    keyHint: /aws|secret.?access.?key/i,
  }),
  rule({
    kind: "google-api-key",
    name: "Google API key",
    provider: "Google Cloud",
    fieldLabel: "api key",
    regex: token(`AIza${b64url}{35}`),
    anchors: ["AIza"],
  }),
  rule({
    kind: "google-oauth-client-secret",
    name: "Google OAuth client secret",
    provider: "Google Cloud",
    fieldLabel: "client secret",
    regex: token(`GOCSPX-${b64url}{28}`),
    anchors: ["GOCSPX-"],
  }),
  rule({
    kind: "azure-storage-account-key",
    name: "Azure Storage account key",
    provider: "Azure Storage",
    fieldLabel: "account key",
    regex: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    anchors: ["AccountKey="],
  }),
  rule({
    kind: "azure-client-secret",
    name: "Microsoft Entra ID client secret",
    provider: "Microsoft Entra ID",
    fieldLabel: "client secret",
    regex: token("[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}"),
    anchors: ["Q~"],
  }),
  rule({
    kind: "digitalocean-token",
    name: "DigitalOcean token",
    provider: "DigitalOcean",
    fieldLabel: "token",
    regex: token(`do[opr]_v1_${hex}{64}`),
    anchors: ["_v1_"],
  }),
  rule({
    kind: "heroku-api-key",
    name: "Heroku API key",
    provider: "Heroku",
    fieldLabel: "api key",
    regex: token(`HRKU-${b64url}{60}`),
    anchors: ["HRKU-"],
  }),
  // The older keys are plain UUIDs: only a key that says Heroku tells them from any other ID.
  rule({
    kind: "heroku-api-key-uuid",
    name: "Heroku API key",
    provider: "Heroku",
    fieldLabel: "api key",
    regex: token(`${hex}{8}-${hex}{4}-${hex}{4}-${hex}{4}-${hex}{12}`),
    anchors: [],
    keyHint: /heroku/i,
  }),
  rule({
    kind: "alibaba-access-key-id",
    name: "Alibaba Cloud AccessKey ID",
    provider: "Alibaba Cloud",
    fieldLabel: "access key id",
    regex: token(`LTAI${b62}{20}`),
    anchors: ["LTAI"],
  }),
  rule({
    kind: "databricks-token",
    name: "Databricks personal access token",
    provider: "Databricks",
    fieldLabel: "token",
    regex: token(`dapi${hex}{32}(?:-\\d)?`),
    anchors: ["dapi"],
  }),
  rule({
    kind: "netlify-token",
    name: "Netlify access token",
    provider: "Netlify",
    fieldLabel: "token",
    regex: token(`nf[pcoub]_${b62}{36}`),
    anchors: ["nfp_", "nfc_", "nfo_", "nfu_", "nfb_"],
  }),
  rule({
    kind: "vercel-token",
    name: "Vercel access token",
    provider: "Vercel",
    fieldLabel: "token",
    regex: token(`${b62}{24}`),
    anchors: [],
    keyHint: /vercel/i,
  }),
  rule({
    kind: "supabase-token",
    name: "Supabase access token",
    provider: "Supabase",
    fieldLabel: "token",
    regex: token(`sbp_${hex}{40}|sb_secret_${b64url}{31}`),
    anchors: ["sbp_", "sb_secret_"],
  }),
  rule({
    kind: "cloudflare-api-token",
    name: "Cloudflare API token",
    provider: "Cloudflare",
    fieldLabel: "api token",
    regex: token(`${b64url}{40}`),
    anchors: [],
    keyHint: /cloudflare|\bcf_/i,
  }),
  rule({
    kind: "hashicorp-vault-token",
    name: "HashiCorp Vault token",
    provider: "HashiCorp Vault",
    fieldLabel: "token",
    regex: token(`hv[sbr]\\.${b64url}{24,180}`),
    anchors: ["hvs.", "hvb.", "hvr."],
  }),
  rule({
    kind: "terraform-cloud-token",
    name: "HCP Terraform API token",
    provider: "HCP Terraform",
    fieldLabel: "token",
    regex: token(`${b62}{14}\\.atlasv1\\.${b64url}{60,70}`),
    anchors: [".atlasv1."],
  }),
  rule({
    kind: "doppler-token",
    name: "Doppler token",
    provider: "Doppler",
    fieldLabel: "token",
    regex: token(`dp\\.(?:pt|st(?:\\.[a-z0-9_-]{2,35})?|sa|ct|scim|audit)\\.${b62}{40,44}`),
    anchors: ["dp."],
  }),
  rule({
    kind: "pulumi-token",
    name: "Pulumi access token",
    provider: "Pulumi",
    fieldLabel: "token",
    regex: token(`pul-${hex}{40}`),
    anchors: ["pul-"],
  }),
];

const codeHosts: ProviderRule[] = [
  ...githubTokenTypes.map(([letter, kind, name]) =>
    rule({
      kind,
      name,
      provider: "GitHub",
      fieldLabel: "token",
      regex: token(`gh${letter}_${b62}{36}`),
      anchors: [`gh${letter}_`],
      verify: hasBase62Crc32Checksum,
    }),
  ),
  rule({
    kind: "github-fine-grained-token",
    name: "GitHub fine-grained personal access token",
    provider: "GitHub",
    fieldLabel: "token",
    regex: token(`github_pat_${b62}{22}_${b62}{59}`),
    anchors: ["github_pat_"],
  }),
  rule({
    kind: "gitlab-personal-access-token",
    name: "GitLab personal access token",
    provider: "GitLab",
    fieldLabel: "token",
    regex: token(`glpat-${b64url}{20,64}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{9})?`),
    anchors: ["glpat-"],
  }),
  rule({
    kind: "gitlab-runner-token",
    name: "GitLab runner authentication token",
    provider: "GitLab",
    fieldLabel: "token",
    regex: token(`glrt-${b64url}{20,64}`),
    anchors: ["glrt-"],
  }),
  rule({
    kind: "gitlab-pipeline-trigger-token",
    name: "GitLab pipeline trigger token",
    provider: "GitLab",
    fieldLabel: "token",
    regex: token(`glptt-${hex}{40}`),
    anchors: ["glptt-"],
  }),
  rule({
    kind: "gitlab-deploy-token",
    name: "GitLab deploy token",
    provider: "GitLab",
    fieldLabel: "token",
    regex: token(`gldt-${b64url}{20,64}`),
    anchors: ["gldt-"],
  }),
  rule({
    kind: "bitbucket-app-password",
    name: "Bitbucket app password",
    provider: "Bitbucket",
    fieldLabel: "app password",
    regex: token(`ATBB${b62}{28}${hex.replace("a-f", "A-F")}{8}`),
    anchors: ["ATBB"],
  }),
  rule({
    kind: "atlassian-api-token",
    name: "Atlassian API token",
    provider: "Atlassian",
    fieldLabel: "api token",
    regex: token(`ATATT3${b64url}{150,250}=${hex.replace("a-f", "A-F")}{8}`),
    anchors: ["ATATT3"],
  }),
  rule({
    kind: "circleci-token",
    name: "CircleCI personal API token",
    provider: "CircleCI",
    fieldLabel: "token",
    regex: token(`CCIPAT_${b62}{22}_${hex}{40}`),
    anchors: ["CCIPAT_"],
  }),
  rule({
    kind: "buildkite-token",
    name: "Buildkite API access token",
    provider: "Buildkite",
    fieldLabel: "token",
    regex: token(`bkua_${hex}{40}`),
    anchors: ["bkua_"],
  }),
];

const payments: ProviderRule[] = [
  rule({
    kind: "stripe-live-secret-key",
    name: "Stripe live secret key",
    provider: "Stripe",
    fieldLabel: "secret key",
    regex: token(`sk_live_${b62}{24,247}`),
    anchors: ["sk_live_"],
  }),
  rule({
    kind: "stripe-test-secret-key",
    name: "Stripe test secret key",
    provider: "Stripe",
    fieldLabel: "secret key",
    regex: token(`sk_test_${b62}{24,247}`),
    anchors: ["sk_test_"],
  }),
  rule({
    kind: "stripe-restricted-key",
    name: "Stripe restricted key",
    provider: "Stripe",
    fieldLabel: "restricted key",
    regex: token(`rk_(?:live|test)_${b62}{24,247}`),
    anchors: ["rk_live_", "rk_test_"],
  }),
  rule({
    kind: "stripe-webhook-secret",
    name: "Stripe webhook signing secret",
    provider: "Stripe",
    fieldLabel: "webhook secret",
    regex: token(`whsec_${b62}{32,64}`),
    anchors: ["whsec_"],
  }),
  rule({
    kind: "square-access-token",
    name: "Square access token",
    provider: "Square",
    fieldLabel: "access token",
    regex: token(`EAAA${b64url}{60}|sq0atp-${b64url}{22}`),
    anchors: ["EAAA", "sq0atp-"],
  }),
  rule({
    kind: "square-oauth-secret",
    name: "Square application secret",
    provider: "Square",
    fieldLabel: "application secret",
    regex: token(`sq0csp-${b64url}{43}`),
    anchors: ["sq0csp-"],
  }),
  rule({
    kind: "braintree-access-token",
    name: "Braintree access token",
    provider: "Braintree",
    fieldLabel: "access token",
    regex: token(`access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$${hex}{32}`),
    anchors: ["access_token$"],
  }),
  rule({
    kind: "shopify-access-token",
    name: "Shopify access token",
    provider: "Shopify",
    fieldLabel: "access token",
    regex: token(`shp(?:at|ca|pa)_${hex}{32}`),
    anchors: ["shpat_", "shpca_", "shppa_"],
  }),
  rule({
    kind: "shopify-shared-secret",
    name: "Shopify app shared secret",
    provider: "Shopify",
    fieldLabel: "shared secret",
    regex: token(`shpss_${hex}{32}`),
    anchors: ["shpss_"],
  }),
];

const messaging: ProviderRule[] = [
  rule({
    kind: "slack-bot-token",
    name: "Slack bot token",
    provider: "Slack",
    fieldLabel: "bot token",
    regex: token(`xoxb-\\d{8,14}-\\d{8,14}-${b62}{24}`),
    anchors: ["xoxb-"],
  }),
  rule({
    kind: "slack-user-token",
    name: "Slack user token",
    provider: "Slack",
    fieldLabel: "user token",
    regex: token(`xox[pe]-\\d{8,14}-\\d{8,14}-\\d{8,14}-${hex}{32}`),
    anchors: ["xoxp-", "xoxe-"],
  }),
  rule({
    kind: "slack-app-token",
    name: "Slack app-level token",
    provider: "Slack",
    fieldLabel: "app token",
    regex: token(`xapp-\\d-[A-Z0-9]{9,12}-\\d{10,14}-${hex}{64}`),
    anchors: ["xapp-"],
  }),
  rule({
    kind: "slack-webhook-url",
    name: "Slack incoming webhook URL",
    provider: "Slack",
    fieldLabel: "webhook URL",
    regex:
      /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}(?![A-Za-z0-9])/g,
    anchors: ["hooks.slack.com/"],
  }),
  rule({
    kind: "discord-bot-token",
    name: "Discord bot token",
    provider: "Discord",
    fieldLabel: "bot token",
    regex: token(`[MNO]${b64url}{23,25}\\.${b64url}{6}\\.${b64url}{27,38}`),
    anchors: [],
    keyHint: /discord/i,
  }),
  rule({
    kind: "discord-webhook-url",
    name: "Discord webhook URL",
    provider: "Discord",
    fieldLabel: "webhook URL",
    regex:
      /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68}(?![A-Za-z0-9_-])/g,
    anchors: ["/api/webhooks/"],
  }),
  rule({
    kind: "telegram-bot-token",
    name: "Telegram bot token",
    provider: "Telegram",
    fieldLabel: "bot token",
    regex: token(`\\d{8,10}:AA${b64url}{33}`),
    anchors: [":AA"],
  }),
  rule({
    kind: "teams-webhook-url",
    name: "Microsoft Teams webhook URL",
    provider: "Microsoft Teams",
    fieldLabel: "webhook URL",
    regex:
      /https:\/\/[a-z0-9-]{1,40}\.webhook\.office\.com\/webhookb2\/[a-f0-9-]{36}@[a-f0-9-]{36}\/IncomingWebhook\/[a-f0-9]{32}\/[a-f0-9-]{36}(?:\/[A-Za-z0-9_-]{20,60})?/g,
    anchors: [".webhook.office.com/"],
  }),
  rule({
    kind: "twilio-api-key",
    name: "Twilio API key",
    provider: "Twilio",
    fieldLabel: "api key",
    regex: token(`SK${hex}{32}`),
    anchors: ["SK"],
  }),
  rule({
    kind: "twilio-auth-token",
    name: "Twilio auth token",
    provider: "Twilio",
    fieldLabel: "auth token",
    regex: token(`${hex}{32}`),
    anchors: [],
    keyHint: /twilio/i,
  }),
  rule({
    kind: "sendgrid-api-key",
    name: "SendGrid API key",
    provider: "SendGrid",
    fieldLabel: "api key",
    regex: token(`SG\\.${b64url}{22}\\.${b64url}{43}`),
    anchors: ["SG."],
  }),
  rule({
    kind: "mailgun-api-key",
    name: "Mailgun API key",
    provider: "Mailgun",
    fieldLabel: "api key",
    regex: token("key-[0-9a-z]{32}"),
    anchors: ["key-"],
  }),
  rule({
    kind: "mailgun-api-key-hinted",
    name: "Mailgun API key",
    provider: "Mailgun",
    fieldLabel: "api key",
    regex: token(`${hex}{32}-${hex}{8}-${hex}{8}`),
    anchors: [],
    keyHint: /mailgun/i,
  }),
  rule({
    kind: "mailchimp-api-key",
    name: "Mailchimp API key",
    provider: "Mailchimp",
    fieldLabel: "api key",
    regex: token(`${hex}{32}-us\\d{1,2}`),
    anchors: ["-us"],
  }),
  rule({
    kind: "postmark-server-token",
    name: "Postmark server token",
    provider: "Postmark",
    fieldLabel: "server token",
    regex: token(`${hex}{8}-${hex}{4}-${hex}{4}-${hex}{4}-${hex}{12}`),
    anchors: [],
    keyHint: /postmark/i,
  }),
];

const ai: ProviderRule[] = [
  rule({
    kind: "openai-api-key",
    name: "OpenAI API key",
    provider: "OpenAI",
    fieldLabel: "api key",
    regex: token(`sk-(?:proj-|svcacct-|admin-|None-)?${b64url}{20,160}T3BlbkFJ${b64url}{20,160}`),
    anchors: ["T3BlbkFJ"],
  }),
  rule({
    kind: "anthropic-api-key",
    name: "Anthropic API key",
    provider: "Anthropic",
    fieldLabel: "api key",
    regex: token(`sk-ant-(?:api|admin)\\d{2}-${b64url}{80,120}`),
    anchors: ["sk-ant-"],
  }),
  rule({
    kind: "huggingface-token",
    name: "Hugging Face access token",
    provider: "Hugging Face",
    fieldLabel: "token",
    regex: token("hf_[A-Za-z]{34}"),
    anchors: ["hf_"],
  }),
  rule({
    kind: "groq-api-key",
    name: "Groq API key",
    provider: "Groq",
    fieldLabel: "api key",
    regex: token(`gsk_${b62}{52}`),
    anchors: ["gsk_"],
  }),
  rule({
    kind: "replicate-api-token",
    name: "Replicate API token",
    provider: "Replicate",
    fieldLabel: "api token",
    regex: token(`r8_${b62}{37}`),
    anchors: ["r8_"],
  }),
  rule({
    kind: "perplexity-api-key",
    name: "Perplexity API key",
    provider: "Perplexity",
    fieldLabel: "api key",
    regex: token(`pplx-${b62}{48}`),
    anchors: ["pplx-"],
  }),
  rule({
    kind: "xai-api-key",
    name: "xAI API key",
    provider: "xAI",
    fieldLabel: "api key",
    regex: token(`xai-${b62}{80}`),
    anchors: ["xai-"],
  }),
];

const registries: ProviderRule[] = [
  rule({
    kind: "npm-token",
    name: "npm access token",
    provider: "npm",
    fieldLabel: "token",
    regex: token(`npm_${b62}{36}`),
    anchors: ["npm_"],
    verify: hasBase62Crc32Checksum,
  }),
  rule({
    kind: "pypi-token",
    name: "PyPI API token",
    provider: "PyPI",
    fieldLabel: "api token",
    regex: token(`pypi-AgEIcHlwaS5vcmc${b64url}{50,300}`),
    anchors: ["pypi-AgEIcHlwaS5vcmc"],
  }),
  rule({
    kind: "rubygems-api-key",
    name: "RubyGems API key",
    provider: "RubyGems",
    fieldLabel: "api key",
    regex: token(`rubygems_${hex}{48}`),
    anchors: ["rubygems_"],
  }),
  rule({
    kind: "nuget-api-key",
    name: "NuGet API key",
    provider: "NuGet",
    fieldLabel: "api key",
    regex: token("oy2[a-z0-9]{43}"),
    anchors: ["oy2"],
  }),
  rule({
    kind: "docker-hub-token",
    name: "Docker Hub personal access token",
    provider: "Docker Hub",
    fieldLabel: "token",
    regex: token(`dckr_pat_${b64url}{27}`),
    anchors: ["dckr_pat_"],
  }),
  rule({
    kind: "crates-io-token",
    name: "crates.io API token",
    provider: "crates.io",
    fieldLabel: "api token",
    regex: token(`cio${b62}{32}`),
    anchors: ["cio"],
  }),
];

const observability: ProviderRule[] = [
  rule({
    kind: "datadog-api-key",
    name: "Datadog API key",
    provider: "Datadog",
    fieldLabel: "api key",
    regex: token(`${hex}{32}|${hex}{40}`),
    anchors: [],
    keyHint: /datadog|\bdd_/i,
  }),
  rule({
    kind: "new-relic-key",
    name: "New Relic key",
    provider: "New Relic",
    fieldLabel: "api key",
    regex: token(`NRAK-[A-Z0-9]{27}|NRII-${b64url}{32}|${hex}{32}FFFFNRAL`),
    anchors: ["NRAK-", "NRII-", "NRAL"],
  }),
  rule({
    kind: "sentry-token",
    name: "Sentry auth token",
    provider: "Sentry",
    fieldLabel: "auth token",
    regex: token(`sntrys_eyJ${b64url}{60,300}={0,2}_${b64url}{43}|sntryu_${hex}{64}`),
    anchors: ["sntrys_", "sntryu_"],
  }),
  rule({
    kind: "grafana-token",
    name: "Grafana service account token",
    provider: "Grafana",
    fieldLabel: "token",
    regex: token(`glsa_${b62}{32}_${hex}{8}|glc_[A-Za-z0-9+/]{32,400}={0,2}`),
    anchors: ["glsa_", "glc_"],
  }),
  rule({
    kind: "dynatrace-token",
    name: "Dynatrace API token",
    provider: "Dynatrace",
    fieldLabel: "api token",
    regex: token("dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}"),
    anchors: ["dt0c01."],
  }),
];

const productivity: ProviderRule[] = [
  rule({
    kind: "notion-token",
    name: "Notion integration token",
    provider: "Notion",
    fieldLabel: "token",
    regex: token(`secret_${b62}{43}|ntn_\\d{11}${b62}{35}`),
    anchors: ["secret_", "ntn_"],
  }),
  rule({
    kind: "linear-api-key",
    name: "Linear API key",
    provider: "Linear",
    fieldLabel: "api key",
    regex: token(`lin_api_${b62}{40}`),
    anchors: ["lin_api_"],
  }),
  rule({
    kind: "airtable-token",
    name: "Airtable personal access token",
    provider: "Airtable",
    fieldLabel: "token",
    regex: token(`pat${b62}{14}\\.${hex}{64}`),
    anchors: ["pat"],
  }),
  rule({
    kind: "figma-token",
    name: "Figma personal access token",
    provider: "Figma",
    fieldLabel: "token",
    regex: token(`figd_${b64url}{40,48}`),
    anchors: ["figd_"],
  }),
  rule({
    kind: "1password-service-account-token",
    name: "1Password service account token",
    provider: "1Password",
    fieldLabel: "token",
    regex: token(`ops_eyJ${b64url}{40,2000}={0,2}`),
    anchors: ["ops_eyJ"],
  }),
  rule({
    kind: "1password-secret-key",
    name: "1Password account Secret Key",
    provider: "1Password",
    fieldLabel: "secret key",
    regex: token("A3-[A-Z0-9]{6}-[A-Z0-9]{5,6}(?:-[A-Z0-9]{5}){4}"),
    anchors: ["A3-"],
  }),
];

const keysAndFrameworks: ProviderRule[] = [
  rule({
    kind: "jwt",
    name: "JSON Web Token",
    provider: "JWT",
    fieldLabel: "token",
    regex: token(`eyJ${b64url}{8,2000}\\.eyJ${b64url}{8,8000}\\.${b64url}{16,1000}`),
    anchors: ["eyJ"],
  }),
  rule({
    kind: "laravel-app-key",
    name: "Laravel application key",
    provider: "Laravel",
    fieldLabel: "app key",
    regex: token("base64:[A-Za-z0-9+/]{43}="),
    anchors: ["base64:"],
  }),
  rule({
    kind: "age-secret-key",
    name: "age secret key",
    provider: "age",
    fieldLabel: "secret key",
    regex: token("AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
    anchors: ["AGE-SECRET-KEY-1"],
  }),
];

/** Every provider rule, most specific first (overlapping findings keep the earlier rule's). */
export const providerRules: readonly ProviderRule[] = [
  ...codeHosts,
  ...payments,
  ...ai,
  ...messaging,
  ...registries,
  ...observability,
  ...productivity,
  ...cloud,
  ...keysAndFrameworks,
];

/** Services named by a URL's scheme, for the title of a credential found in it. */
export const schemeServices: Record<string, string> = {
  postgres: "PostgreSQL",
  postgresql: "PostgreSQL",
  mysql: "MySQL",
  mariadb: "MariaDB",
  mongodb: "MongoDB",
  "mongodb+srv": "MongoDB",
  redis: "Redis",
  rediss: "Redis",
  amqp: "RabbitMQ",
  amqps: "RabbitMQ",
  mssql: "SQL Server",
  sqlserver: "SQL Server",
  ftp: "FTP",
  sftp: "SFTP",
  smtp: "SMTP",
  smtps: "SMTP",
  ldap: "LDAP",
  ldaps: "LDAP",
};

/** Schemes whose URLs point at a database: their credentials become Database items. */
export const databaseSchemes = new Set([
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "mssql",
  "sqlserver",
]);

/** The password of a URL with credentials, of any scheme: scheme://user:password@host. */
export const urlCredentials =
  /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@'"`<>]{0,128}):([^\s@'"`<>/]{1,256})@(?=[A-Za-z0-9[.-])/gi;

/** The header line of a PEM private key block; the block runs to the matching END line. */
export const privateKeyBegin =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
