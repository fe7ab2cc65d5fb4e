// The built-in `demo` seed: six vaults and a few hundred items a developer has, the same on every run.
import { createId } from "./ids.js";
import { createRandom, type Random } from "./random.js";
import { encodeBase32 } from "./totp.js";
import type { SeedItem, SeedObject, SeedVault } from "./types.js";

/** Bytes of the large file: over the default 100 KB inline limit, so 413 and the content endpoint can be shown. */
const LARGE_FILE_BYTES = 150 * 1024;
const START = Date.parse("2023-01-09T09:00:00Z");
const DAY = 86_400_000;

type Field = Record<string, unknown>;

/** Builds the demo seed; every ID, value and date comes from one seeded generator. */
export function buildDemoSeed(): SeedObject {
  const random = createRandom(20_240_601);
  const make = new ItemMaker(random);
  const vaults: SeedVault[] = [
    vault(random, "Private", "PERSONAL", "Your own logins, cards and documents.", privateItems(make)),
    vault(
      random,
      "Development",
      "USER_CREATED",
      "Developer tools, tokens and local databases.",
      developmentItems(make),
    ),
    vault(random, "Staging", "USER_CREATED", "Credentials of the staging environment.", stagingItems(make)),
    vault(
      random,
      "Production",
      "USER_CREATED",
      "Production credentials: handle with care.",
      productionItems(make),
    ),
    vault(random, "Shared", "EVERYONE", "Accounts the whole team uses.", sharedItems(make)),
    vault(random, "Finance", "USER_CREATED", "Company cards, banks and accounting.", financeItems(make)),
  ];
  addFillers(make, vaults);
  return { vaults };
}

function vault(
  random: Random,
  name: string,
  type: SeedVault["type"],
  description: string,
  items: SeedItem[],
): SeedVault {
  return { id: createId(random), name, type, description, createdAt: new Date(START).toISOString(), items };
}

/** Builds items with IDs, fields and dates from the shared generator. */
class ItemMaker {
  constructor(readonly random: Random) {}

  item(
    title: string,
    category: string,
    fields: Field[],
    extra: { urls?: string[]; tags?: string[]; favorite?: boolean; sections?: Field[]; files?: Field[] } = {},
  ): SeedItem {
    const created = START + this.random.int(600) * DAY + this.random.int(DAY);
    const updated = created + this.random.int(200) * DAY;
    return {
      id: createId(this.random),
      title,
      category,
      urls: (extra.urls ?? []).map((href, i) => (i === 0 ? { href, primary: true } : { href })),
      tags: extra.tags ?? [],
      favorite: extra.favorite ?? false,
      version: 1 + this.random.int(6),
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      sections: extra.sections ?? [],
      fields,
      files: extra.files ?? [],
    };
  }

  section(label: string): Field {
    return { id: createId(this.random), label };
  }

  password(length = 24): string {
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+-=?@^_";
    let text = "";
    for (let i = 0; i < length; i++) text += this.random.pick([...alphabet]);
    return text;
  }

  token(
    prefix: string,
    length: number,
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  ): string {
    let text = prefix;
    for (let i = 0; i < length; i++) text += this.random.pick([...alphabet]);
    return text;
  }

  /** An otpauth:// URI with a real base32 secret, so the server's `totp` is a current, valid code. */
  otp(issuer: string, account: string, section?: Field): Field {
    const secret = encodeBase32(Buffer.from(Array.from({ length: 20 }, () => this.random.int(256))));
    return {
      id: createId(this.random),
      type: "OTP",
      label: "one-time password",
      value: `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`,
      ...(section ? { section: { id: section.id } } : {}),
    };
  }

  field(label: string, value: string, type = "STRING", section?: Field): Field {
    return {
      id: createId(this.random),
      type,
      label,
      value,
      ...(section ? { section: { id: section.id } } : {}),
    };
  }

  file(name: string, content: Buffer, section?: Field): Field {
    return {
      id: createId(this.random),
      name,
      content: content.toString("base64"),
      ...(section ? { section: { id: section.id } } : {}),
    };
  }

  date(fromYear: number, years: number): string {
    const at = new Date(
      Date.UTC(fromYear + this.random.int(years), this.random.int(12), 1 + this.random.int(28)),
    );
    return at.toISOString().slice(0, 10);
  }
}

const username = (value: string): Field => ({
  id: "username",
  type: "STRING",
  purpose: "USERNAME",
  label: "username",
  value,
});
const password = (value: string): Field => ({
  id: "password",
  type: "CONCEALED",
  purpose: "PASSWORD",
  label: "password",
  value,
});
const notes = (value: string): Field => ({
  id: "notesPlain",
  type: "STRING",
  purpose: "NOTES",
  label: "notesPlain",
  value,
});

function login(
  make: ItemMaker,
  title: string,
  user: string,
  url: string,
  extra: {
    tags?: string[];
    favorite?: boolean;
    otp?: boolean;
    more?: (security: Field) => Field[];
    note?: string;
  } = {},
): SeedItem {
  const security = make.section("Security");
  const fields = [username(user), password(make.password())];
  if (extra.note) fields.push(notes(extra.note));
  const more = extra.more?.(security) ?? [];
  if (extra.otp) more.unshift(make.otp(title, user, security));
  fields.push(...more);
  return make.item(title, "LOGIN", fields, {
    urls: [url],
    tags: extra.tags,
    favorite: extra.favorite,
    sections: more.length > 0 ? [security] : [],
  });
}

function apiCredential(
  make: ItemMaker,
  title: string,
  credential: string,
  extra: { url?: string; tags?: string[]; favorite?: boolean; more?: Field[]; user?: string } = {},
): SeedItem {
  const fields: Field[] = [
    ...(extra.user ? [{ id: "username", type: "STRING", label: "username", value: extra.user }] : []),
    { id: "credential", type: "CONCEALED", label: "credential", value: credential },
    { id: "type", type: "MENU", label: "type", value: "bearer" },
    { id: "validFrom", type: "DATE", label: "valid from", value: make.date(2023, 1) },
    { id: "expires", type: "DATE", label: "expires", value: make.date(2026, 2) },
    ...(extra.more ?? []),
  ];
  return make.item(title, "API_CREDENTIAL", fields, {
    urls: extra.url ? [extra.url] : [],
    tags: extra.tags,
    favorite: extra.favorite,
  });
}

function database(
  make: ItemMaker,
  title: string,
  engine: string,
  host: string,
  port: string,
  db: string,
  tags: string[],
): SeedItem {
  return make.item(
    title,
    "DATABASE",
    [
      { id: "database_type", type: "MENU", label: "type", value: engine },
      { id: "hostname", type: "STRING", label: "server", value: host },
      { id: "port", type: "STRING", label: "port", value: port },
      { id: "database", type: "STRING", label: "database", value: db },
      username("app"),
      password(make.password(28)),
      { id: "options", type: "STRING", label: "connection options", value: "sslmode=require" },
    ],
    { tags },
  );
}

function textFile(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

function privateItems(make: ItemMaker): SeedItem[] {
  const card = make.section("Contact Information");
  return [
    login(make, "Google", "jordan.lee@gmail.com", "https://accounts.google.com", {
      favorite: true,
      otp: true,
      tags: ["personal"],
    }),
    login(make, "Netflix", "jordan.lee@gmail.com", "https://www.netflix.com/login", {
      tags: ["personal", "streaming"],
    }),
    login(make, "Amazon", "jordan.lee@gmail.com", "https://www.amazon.com", {
      tags: ["personal", "shopping"],
    }),
    login(make, "Personal Email", "jordan@fastmail.example", "https://app.fastmail.com", {
      otp: true,
      tags: ["personal"],
    }),
    make.item(
      "Home Wi-Fi",
      "WIRELESS_ROUTER",
      [
        make.field("base station name", "Lee Home"),
        { id: "password", type: "CONCEALED", label: "base station password", value: make.password(16) },
        make.field("network name", "LeeHome-5G"),
        {
          id: "wireless_password",
          type: "CONCEALED",
          label: "wireless network password",
          value: make.password(20),
        },
        make.field("wireless security", "WPA3 Personal", "MENU"),
      ],
      { tags: ["home"] },
    ),
    make.item(
      "Visa Platinum",
      "CREDIT_CARD",
      [
        make.field("cardholder name", "Jordan Lee"),
        make.field("type", "Visa", "MENU"),
        { id: "ccnum", type: "CONCEALED", label: "number", value: "4111 1111 1111 1111" },
        { id: "cvv", type: "CONCEALED", label: "verification number", value: "123" },
        { id: "expiry", type: "MONTH_YEAR", label: "expiry date", value: "202811" },
        make.field("issuing bank", "Example Bank", "STRING", card),
        make.field("phone (toll free)", "+1 800 555 0100", "STRING", card),
      ],
      { favorite: true, tags: ["personal", "cards"], sections: [card] },
    ),
    make.item(
      "Passport",
      "PASSPORT",
      [
        make.field("type", "P", "MENU"),
        make.field("issuing country", "Canada"),
        { id: "number", type: "CONCEALED", label: "number", value: "AB1234567" },
        make.field("full name", "Jordan Lee"),
        make.field("date of birth", "1990-04-12", "DATE"),
        make.field("expiry date", "2031-06-30", "DATE"),
      ],
      { tags: ["personal", "travel"] },
    ),
    make.item(
      "Driver License",
      "DRIVER_LICENSE",
      [
        make.field("full name", "Jordan Lee"),
        { id: "number", type: "CONCEALED", label: "number", value: "L1234-56789-01234" },
        make.field("state", "Ontario"),
        make.field("expiry date", "2029-04-12", "DATE"),
      ],
      { tags: ["personal"] },
    ),
    make.item(
      "Bank of Example",
      "BANK_ACCOUNT",
      [
        make.field("bank name", "Bank of Example"),
        make.field("name on account", "Jordan Lee"),
        make.field("type", "Checking", "MENU"),
        { id: "routingNo", type: "STRING", label: "routing number", value: "021000021" },
        { id: "accountNo", type: "CONCEALED", label: "account number", value: "000123456789" },
        { id: "iban", type: "CONCEALED", label: "IBAN", value: "GB33BUKB20201555555555" },
        { id: "telephonePin", type: "CONCEALED", label: "PIN", value: "4821" },
      ],
      { urls: ["https://online.bankofexample.com"], tags: ["personal", "banking"] },
    ),
    make.item("Identity", "IDENTITY", [
      make.field("first name", "Jordan"),
      make.field("last name", "Lee"),
      make.field("birth date", "1990-04-12", "DATE"),
      make.field("email", "jordan.lee@gmail.com", "EMAIL"),
      make.field("phone", "+1 416 555 0199"),
    ]),
    make.item(
      "Health Insurance",
      "MEDICAL_RECORD",
      [
        make.field("healthcare professional", "Dr. Patel"),
        { id: "member", type: "CONCEALED", label: "member ID", value: "HX-99812-04" },
        make.field("date", "2024-02-02", "DATE"),
      ],
      { tags: ["personal", "health"] },
    ),
    make.item("Social Insurance Number", "SOCIAL_SECURITY_NUMBER", [
      make.field("name", "Jordan Lee"),
      { id: "number", type: "CONCEALED", label: "number", value: "046 454 286" },
    ]),
    make.item(
      "Frequent Flyer",
      "REWARD_PROGRAM",
      [
        make.field("company name", "Example Air"),
        make.field("member name", "Jordan Lee"),
        { id: "membership_no", type: "STRING", label: "member ID", value: "EA8812331" },
        { id: "pin", type: "CONCEALED", label: "PIN", value: "7731" },
      ],
      { tags: ["travel"] },
    ),
    make.item("Gym Membership", "MEMBERSHIP", [
      make.field("group", "Downtown Fitness"),
      make.field("member ID", "DF-22831"),
      make.field("expiry date", "2026-01-31", "DATE"),
    ]),
    make.item("Fishing License", "OUTDOOR_LICENSE", [
      make.field("full name", "Jordan Lee"),
      make.field("approved wildlife", "Trout, Bass"),
      make.field("expires", "2025-12-31", "DATE"),
    ]),
    make.item(
      "JetBrains All Products",
      "SOFTWARE_LICENSE",
      [
        make.field("version", "2024.3"),
        { id: "reg_code", type: "CONCEALED", label: "license key", value: make.token("JB-", 40) },
        make.field("licensed to", "Jordan Lee"),
        make.field("registered email", "jordan.lee@gmail.com", "EMAIL"),
      ],
      { tags: ["dev", "licenses"] },
    ),
    make.item("Email (Fastmail IMAP)", "EMAIL_ACCOUNT", [
      make.field("type", "IMAP", "MENU"),
      make.field("username", "jordan@fastmail.example"),
      make.field("server", "imap.fastmail.com"),
      make.field("port number", "993"),
      { id: "password", type: "CONCEALED", label: "password", value: make.password() },
    ]),
    make.item(
      "Recovery Codes",
      "SECURE_NOTE",
      [notes("Backup codes for the accounts that have two-factor authentication.")],
      { tags: ["personal", "2fa"], files: [make.file("recovery-codes.txt", textFile(recoveryCodes(make)))] },
    ),
  ];
}

function developmentItems(make: ItemMaker): SeedItem[] {
  const deployKey = make.section("Key");
  return [
    login(make, "GitHub", "jordan-dev", "https://github.com/login", {
      favorite: true,
      otp: true,
      tags: ["dev", "git"],
      more: (security) => [
        make.field("personal access token", make.token("ghp_", 36), "CONCEALED", security),
        make.field("recovery email", "jordan.lee@gmail.com", "EMAIL", security),
      ],
    }),
    login(make, "GitLab", "jordan-dev", "https://gitlab.com/users/sign_in", {
      tags: ["dev", "git"],
      otp: true,
    }),
    login(make, "npm", "jordanlee", "https://www.npmjs.com/login", {
      tags: ["dev", "registry"],
      otp: true,
      more: (security) => [make.field("automation token", make.token("npm_", 36), "CONCEALED", security)],
    }),
    login(make, "Docker Hub", "jordanlee", "https://hub.docker.com/login", {
      tags: ["dev", "registry"],
      more: (security) => [make.field("access token", make.token("dckr_pat_", 27), "CONCEALED", security)],
    }),
    apiCredential(make, "OpenAI API", make.token("sk-proj-", 48), {
      url: "https://platform.openai.com",
      tags: ["dev", "ai"],
      favorite: true,
    }),
    apiCredential(make, "Anthropic API", make.token("sk-ant-api03-", 60), {
      url: "https://console.anthropic.com",
      tags: ["dev", "ai"],
    }),
    login(make, "Vercel", "jordan-dev", "https://vercel.com/login", { tags: ["dev", "hosting"] }),
    login(make, "Heroku", "jordan.lee@example.com", "https://id.heroku.com/login", {
      tags: ["dev", "hosting"],
    }),
    login(make, "Jira", "jordan.lee@example.com", "https://example.atlassian.net", { tags: ["dev", "work"] }),
    database(make, "Postgres Local", "postgresql", "localhost", "5432", "app_dev", ["dev", "database"]),
    database(make, "MongoDB Atlas Dev", "mongodb", "dev-cluster.abcde.mongodb.net", "27017", "app", [
      "dev",
      "database",
    ]),
    make.item(
      "SSH Deploy Key",
      "SSH_KEY",
      [
        {
          id: "private_key",
          type: "CONCEALED",
          label: "private key",
          value: fakePrivateKey(make),
          section: { id: deployKey.id },
        },
        make.field(
          "public key",
          `ssh-ed25519 ${make.token("AAAAC3NzaC1lZDI1NTE5AAAAI", 43)} deploy@example.com`,
          "STRING",
          deployKey,
        ),
        make.field("fingerprint", `SHA256:${make.token("", 43)}`, "STRING", deployKey),
      ],
      {
        tags: ["dev", "ssh"],
        sections: [deployKey],
        files: [
          make.file(
            "id_ed25519.pub",
            textFile(`ssh-ed25519 ${make.token("AAAAC3NzaC1lZDI1NTE5AAAAI", 43)} deploy@example.com\n`),
            deployKey,
          ),
        ],
      },
    ),
    make.item(
      "Local Dev .env",
      "SECURE_NOTE",
      [notes("The variables the app needs locally; values live in this vault, not in the repository.")],
      {
        tags: ["dev"],
        files: [
          make.file(
            ".env.example",
            textFile(
              "DATABASE_URL=op://Development/Postgres Local/password\nOPENAI_API_KEY=op://Development/OpenAI API/credential\nLOG_LEVEL=debug\n",
            ),
          ),
        ],
      },
    ),
  ];
}

function stagingItems(make: ItemMaker): SeedItem[] {
  return [
    database(
      make,
      "Postgres Staging",
      "postgresql",
      "staging-db.internal.example.com",
      "5432",
      "app_staging",
      ["staging", "database"],
    ),
    database(make, "Redis Staging", "redis", "staging-cache.internal.example.com", "6379", "0", [
      "staging",
      "cache",
    ]),
    apiCredential(make, "AWS Staging", make.token("", 40), {
      url: "https://console.aws.amazon.com",
      user: make.token("AKIA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
      tags: ["staging", "aws"],
      more: [make.field("region", "eu-west-1")],
    }),
    apiCredential(make, "Stripe Test Mode", make.token("sk_test_", 24), {
      url: "https://dashboard.stripe.com/test",
      tags: ["staging", "payments"],
    }),
    login(make, "Staging Admin Console", "admin", "https://admin.staging.example.com", { tags: ["staging"] }),
  ];
}

function productionItems(make: ItemMaker): SeedItem[] {
  const consoleSection = make.section("Console sign-in");
  const cluster = make.section("Cluster");
  return [
    make.item(
      "AWS Production",
      "API_CREDENTIAL",
      [
        {
          id: "username",
          type: "STRING",
          label: "access key id",
          value: make.token("AKIA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
        },
        { id: "credential", type: "CONCEALED", label: "secret access key", value: make.token("", 40) },
        make.field("region", "us-east-1"),
        make.field("console user", "deploy-bot", "STRING", consoleSection),
        make.field("console password", make.password(), "CONCEALED", consoleSection),
        make.otp("AWS", "deploy-bot", consoleSection),
      ],
      {
        urls: ["https://console.aws.amazon.com"],
        tags: ["prod", "aws"],
        favorite: true,
        sections: [consoleSection],
      },
    ),
    apiCredential(make, "Stripe", make.token("sk_live_", 24), {
      url: "https://dashboard.stripe.com",
      tags: ["prod", "payments"],
      favorite: true,
      more: [
        make.field("publishable key", make.token("pk_live_", 24)),
        make.field("webhook signing secret", make.token("whsec_", 32), "CONCEALED"),
      ],
    }),
    database(make, "Postgres Production", "postgresql", "prod-db.internal.example.com", "5432", "app", [
      "prod",
      "database",
    ]),
    database(make, "Redis Production", "redis", "prod-cache.internal.example.com", "6379", "0", [
      "prod",
      "cache",
    ]),
    apiCredential(make, "Datadog", make.token("", 32, "abcdef0123456789"), {
      url: "https://app.datadoghq.com",
      tags: ["prod", "monitoring"],
    }),
    login(make, "Sentry", "ops@example.com", "https://sentry.io/auth/login", {
      tags: ["prod", "monitoring"],
    }),
    login(make, "Cloudflare", "ops@example.com", "https://dash.cloudflare.com/login", {
      tags: ["prod", "dns"],
      otp: true,
      more: (security) => [make.field("API token", make.token("", 40), "CONCEALED", security)],
    }),
    apiCredential(make, "Twilio", make.token("", 32, "abcdef0123456789"), {
      url: "https://console.twilio.com",
      user: make.token("AC", 32, "abcdef0123456789"),
      tags: ["prod", "messaging"],
    }),
    apiCredential(make, "SendGrid", make.token("SG.", 66), {
      url: "https://app.sendgrid.com",
      tags: ["prod", "email"],
    }),
    make.item(
      "Kubernetes Prod Cluster",
      "SERVER",
      [
        { id: "url", type: "URL", label: "URL", value: "https://k8s.prod.example.com:6443" },
        username("cluster-admin"),
        password(make.password(32)),
        make.field("context", "prod-us-east-1", "STRING", cluster),
        make.field(
          "service account token",
          make.token("eyJhbGciOiJSUzI1NiIsImtpZCI6", 120),
          "CONCEALED",
          cluster,
        ),
      ],
      {
        tags: ["prod", "kubernetes"],
        sections: [cluster],
        files: [make.file("kubeconfig.yaml", textFile(kubeconfig()), cluster)],
      },
    ),
    make.item(
      "TLS Certificate api.example.com",
      "SECURE_NOTE",
      [notes("Renewed by the ACME job; the key is here for emergencies.")],
      { tags: ["prod", "tls"], files: [make.file("api.example.com.pem", textFile(fakeCertificate(make)))] },
    ),
    make.item(
      "Production Database Backup",
      "DOCUMENT",
      [notes("Nightly logical backup, kept for restore drills.")],
      {
        tags: ["prod", "database", "backup"],
        files: [make.file("prod-db-backup.sql.gz", largeFile(make.random))],
      },
    ),
  ];
}

function sharedItems(make: ItemMaker): SeedItem[] {
  return [
    login(make, "Slack", "team@example.com", "https://example.slack.com", { tags: ["team"], favorite: true }),
    login(make, "Google Workspace Admin", "admin@example.com", "https://admin.google.com", {
      tags: ["team", "admin"],
      otp: true,
    }),
    login(make, "Zoom", "team@example.com", "https://zoom.us/signin", { tags: ["team"] }),
    login(make, "Figma", "design@example.com", "https://www.figma.com/login", { tags: ["team", "design"] }),
    login(make, "Company VPN", "jordan.lee", "https://vpn.example.com", {
      tags: ["team", "network"],
      otp: true,
    }),
    make.item(
      "Office Wi-Fi",
      "WIRELESS_ROUTER",
      [
        make.field("network name", "Example-Office"),
        {
          id: "wireless_password",
          type: "CONCEALED",
          label: "wireless network password",
          value: make.password(20),
        },
        make.field("wireless security", "WPA2 Enterprise", "MENU"),
      ],
      { tags: ["team", "network"] },
    ),
    make.item(
      "Team Onboarding",
      "SECURE_NOTE",
      [notes("Ask #it-help for a laptop, then enrol in the VPN and 1Password.")],
      {
        tags: ["team"],
        files: [
          make.file(
            "onboarding-checklist.md",
            textFile("# Onboarding\n\n- [ ] Laptop\n- [ ] VPN\n- [ ] 1Password\n- [ ] GitHub org\n"),
          ),
        ],
      },
    ),
  ];
}

function financeItems(make: ItemMaker): SeedItem[] {
  return [
    make.item(
      "Corporate Amex",
      "CREDIT_CARD",
      [
        make.field("cardholder name", "Example Inc."),
        make.field("type", "American Express", "MENU"),
        { id: "ccnum", type: "CONCEALED", label: "number", value: "3782 822463 10005" },
        { id: "cvv", type: "CONCEALED", label: "verification number", value: "1234" },
        { id: "expiry", type: "MONTH_YEAR", label: "expiry date", value: "202709" },
      ],
      { tags: ["finance", "cards"] },
    ),
    make.item(
      "Business Checking",
      "BANK_ACCOUNT",
      [
        make.field("bank name", "First Example Bank"),
        make.field("type", "Checking", "MENU"),
        { id: "routingNo", type: "STRING", label: "routing number", value: "011000015" },
        { id: "accountNo", type: "CONCEALED", label: "account number", value: "987654321000" },
      ],
      { tags: ["finance", "banking"] },
    ),
    login(make, "QuickBooks", "finance@example.com", "https://qbo.intuit.com", {
      tags: ["finance"],
      otp: true,
    }),
    login(make, "Expensify", "finance@example.com", "https://www.expensify.com", { tags: ["finance"] }),
    login(make, "Gusto Payroll", "finance@example.com", "https://app.gusto.com/login", {
      tags: ["finance", "payroll"],
      otp: true,
    }),
  ];
}

const SERVICES = [
  "Airtable",
  "Algolia",
  "Asana",
  "Auth0",
  "Bitbucket",
  "Buildkite",
  "CircleCI",
  "Confluence",
  "Contentful",
  "DigitalOcean",
  "Discord",
  "Dropbox",
  "Elastic Cloud",
  "Fastly",
  "Firebase",
  "Fly.io",
  "Grafana Cloud",
  "HashiCorp Cloud",
  "Honeycomb",
  "Intercom",
  "Linear",
  "Mailgun",
  "Miro",
  "Mixpanel",
  "Netlify",
  "New Relic",
  "Notion",
  "Okta",
  "PagerDuty",
  "PlanetScale",
  "Postman",
  "Railway",
  "Render",
  "Segment",
  "Snowflake",
  "Sonatype",
  "Supabase",
  "Terraform Cloud",
  "Trello",
  "Upstash",
  "Azure DevOps",
  "Backblaze B2",
  "Clerk",
  "Doppler",
  "Expo",
  "Google Cloud",
  "Hasura",
  "Confluent Kafka",
  "LaunchDarkly",
  "Neon",
  "Pusher",
  "Sanity",
  "Temporal Cloud",
  "Zapier",
];
const ENVIRONMENTS = [
  { vault: "Development", suffix: "Dev", tag: "dev" },
  { vault: "Staging", suffix: "Staging", tag: "staging" },
  { vault: "Production", suffix: "Production", tag: "prod" },
];
const PERSONAL = [
  "Airbnb",
  "Apple ID",
  "Booking.com",
  "Coursera",
  "Duolingo",
  "eBay",
  "Etsy",
  "Facebook",
  "Instagram",
  "Kindle",
  "LinkedIn",
  "Lyft",
  "Medium",
  "PayPal",
  "Pinterest",
  "Reddit",
  "Spotify",
  "Steam",
  "Strava",
  "Uber",
  "Venmo",
  "YouTube",
  "X (Twitter)",
  "Yahoo Mail",
  "Zillow",
];
const CATEGORIES_FOR_FILLERS = [
  "LOGIN",
  "LOGIN",
  "LOGIN",
  "API_CREDENTIAL",
  "PASSWORD",
  "SERVER",
  "DATABASE",
  "SECURE_NOTE",
];

/** Fills the vaults to a few hundred items: every service in each environment, and personal logins. */
function addFillers(make: ItemMaker, vaults: SeedVault[]): void {
  const byName = new Map(vaults.map((v) => [v.name, v]));
  for (const service of SERVICES) {
    const slug = service.toLowerCase().replace(/[^a-z0-9]+/g, "");
    for (const env of ENVIRONMENTS) {
      const title = `${service} ${env.suffix}`;
      const category = make.random.pick(CATEGORIES_FOR_FILLERS);
      const url = `https://${env.tag === "prod" ? "" : `${env.tag}.`}${slug}.example.com`;
      const tags = [env.tag, make.random.pick(["saas", "infra", "tooling", "analytics"])];
      byName.get(env.vault)!.items!.push(filler(make, title, category, url, tags, `${slug}-${env.tag}`));
    }
  }
  for (const site of PERSONAL) {
    const slug = site.toLowerCase().replace(/[^a-z0-9]+/g, "");
    byName.get("Private")!.items!.push(
      login(make, site, "jordan.lee@gmail.com", `https://www.${slug}.com/login`, {
        tags: ["personal"],
        otp: make.random.chance(0.25),
        favorite: make.random.chance(0.1),
      }),
    );
  }
}

function filler(
  make: ItemMaker,
  title: string,
  category: string,
  url: string,
  tags: string[],
  user: string,
): SeedItem {
  switch (category) {
    case "API_CREDENTIAL":
      return apiCredential(make, title, make.token("key_", 32), { url, tags });
    case "PASSWORD":
      return make.item(title, "PASSWORD", [password(make.password(32))], { tags });
    case "SERVER":
      return make.item(
        title,
        "SERVER",
        [{ id: "url", type: "URL", label: "URL", value: url }, username("admin"), password(make.password())],
        { tags },
      );
    case "DATABASE":
      return database(
        make,
        title,
        make.random.pick(["postgresql", "mysql", "mongodb"]),
        new URL(url).host,
        "5432",
        "main",
        tags,
      );
    case "SECURE_NOTE":
      return make.item(
        title,
        "SECURE_NOTE",
        [notes(`Runbook for ${title}: rotate the keys every 90 days.`)],
        { tags },
      );
    default:
      return login(make, title, user, url, {
        tags,
        otp: make.random.chance(0.3),
        favorite: make.random.chance(0.05),
      });
  }
}

function recoveryCodes(make: ItemMaker): string {
  return (
    Array.from({ length: 10 }, () => make.token("", 10, "abcdefghjkmnpqrstuvwxyz23456789")).join("\n") + "\n"
  );
}

function fakePrivateKey(make: ItemMaker): string {
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${make.token("b3BlbnNzaC1rZXktdjEAAAAA", 200)}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

function fakeCertificate(make: ItemMaker): string {
  const body = make.token("MII", 380).replace(/(.{64})/g, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

function kubeconfig(): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: prod-us-east-1",
    "    cluster:",
    "      server: https://k8s.prod.example.com:6443",
    "contexts:",
    "  - name: prod-us-east-1",
    "    context: { cluster: prod-us-east-1, user: cluster-admin }",
    "current-context: prod-us-east-1",
    "",
  ].join("\n");
}

/** Deterministic bytes that look like compressed data (gzip magic first). */
function largeFile(random: Random): Buffer {
  const bytes = Buffer.alloc(LARGE_FILE_BYTES);
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256);
  bytes[0] = 0x1f;
  bytes[1] = 0x8b;
  return bytes;
}
