// Known token formats: values whose shape alone says which service issued them.

export interface TokenPattern {
  kind: string;
  /** The service the token belongs to, used as the suggested item title. */
  service: string;
  /** Global, single-line pattern; group 1 (when present) is the secret part. */
  regex: RegExp;
}

// Word boundaries are spelled out ((?<![\w-]) … (?![\w-])) because tokens often contain
// "-" or "_", which \b treats as boundaries; "/" and "+" keep us out of the middle of base64.
const start = String.raw`(?<![\w\-/+])`;
const end = String.raw`(?![\w\-/+])`;
const token = (body: string) => new RegExp(start + body + end, "g");

export const tokenPatterns: readonly TokenPattern[] = [
  {
    kind: "aws-access-key-id",
    service: "AWS",
    regex: token("(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[A-Z2-7]{16}"),
  },
  { kind: "github-token", service: "GitHub", regex: token("gh[pousr]_[A-Za-z0-9]{36,251}") },
  { kind: "github-token", service: "GitHub", regex: token("github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}") },
  { kind: "gitlab-token", service: "GitLab", regex: token("glpat-[A-Za-z0-9_-]{20,}") },
  {
    kind: "stripe-secret-key",
    service: "Stripe",
    regex: token("(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}"),
  },
  { kind: "stripe-webhook-secret", service: "Stripe", regex: token("whsec_[A-Za-z0-9]{24,}") },
  {
    kind: "slack-token",
    service: "Slack",
    regex: token("xox[abposr]-(?:[A-Za-z0-9]+-){1,4}[A-Za-z0-9]{10,}"),
  },
  {
    kind: "slack-webhook",
    service: "Slack",
    regex:
      /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}/g,
  },
  { kind: "google-api-key", service: "Google", regex: token("AIza[0-9A-Za-z_-]{35}") },
  {
    kind: "openai-api-key",
    service: "OpenAI",
    regex: token("sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"),
  },
  {
    kind: "anthropic-api-key",
    service: "Anthropic",
    regex: token("sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,}"),
  },
  { kind: "npm-token", service: "npm", regex: token("npm_[A-Za-z0-9]{36}") },
  {
    kind: "sendgrid-api-key",
    service: "SendGrid",
    regex: token("SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
  },
  { kind: "twilio-api-key", service: "Twilio", regex: token("SK[0-9a-f]{32}") },
  { kind: "mailgun-api-key", service: "Mailgun", regex: token("key-[0-9a-z]{32}") },
  { kind: "digitalocean-token", service: "DigitalOcean", regex: token("do[opr]_v1_[a-f0-9]{64}") },
  { kind: "shopify-token", service: "Shopify", regex: token("shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}") },
  {
    kind: "1password-service-account-token",
    service: "1Password",
    regex: token("ops_eyJ[A-Za-z0-9_-]{40,}={0,2}"),
  },
  {
    kind: "jwt",
    service: "JWT",
    regex: token("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"),
  },
  {
    // The password part of a connection string: scheme://user:password@host
    kind: "connection-string-password",
    service: "Database",
    regex:
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver):\/\/[^\s:/@'"]+:([^\s@'"/]{6,})@/g,
  },
  { kind: "azure-storage-key", service: "Azure Storage", regex: /AccountKey=([A-Za-z0-9+/]{86}==)/g },
];

/** Services named by a connection string's scheme, for a better suggested title. */
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
};

/** The header line of a PEM private key block; the block runs to the matching END line. */
export const privateKeyBegin =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
