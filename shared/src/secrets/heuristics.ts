// Judging key names and values that have no known token format: is this a secret or a look-alike?

const secretWords = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "credential",
  "credentials",
  "auth",
  "privatekey",
  "accesskey",
  "secretkey",
  "signingkey",
  "encryptionkey",
  "masterkey",
  "sessionkey",
  "clientsecret",
  "dsn",
  "bearer",
  "webhook",
]);

// A key with one of these words describes a secret (its length, where it lives, its name) rather
// than holding one: `password_min_length`, `token_url`, `secret_name`.
const metaWords = new Set([
  "length",
  "min",
  "max",
  "expiry",
  "expires",
  "expiration",
  "ttl",
  "lifetime",
  "url",
  "uri",
  "endpoint",
  "header",
  "name",
  "file",
  "path",
  "type",
  "enabled",
  "enable",
  "disabled",
  "required",
  "policy",
  "mode",
  "field",
  "prefix",
  "hint",
  "label",
  "regex",
  "pattern",
  "timeout",
  "count",
  "hash",
  "format",
  "provider",
  "strategy",
  "method",
  "location",
  "dir",
  "env",
  "var",
  "id",
  "algorithm",
  "alg",
  "version",
  "rotation",
  "retries",
  "host",
  "port",
  "user",
  "username",
  "scope",
  "scopes",
  "audience",
  "issuer",
  "ref",
  "reference",
  "placeholder",
  "description",
  "help",
  "link",
]);

/** Splits `DB_PASSWORD`, `spring.datasource.password`, `apiKey` into lower-case words. */
export function splitKeyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True when a key name says its value is a secret: `password`, `API_KEY`, `clientSecret`. */
export function isSecretKeyName(key: string): boolean {
  const words = splitKeyWords(key);
  if (words.length === 0 || words.some((w) => metaWords.has(w))) return false;
  // "api key", "access key", "private key" are two words in most spellings.
  const joined = words.map((w, i) => (i + 1 < words.length ? w + words[i + 1] : ""));
  return words.some((w) => secretWords.has(w)) || joined.some((w) => secretWords.has(w));
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
}

const placeholderShapes: readonly RegExp[] = [
  /^op:\/\//i, // already a secret reference
  /\$\{/, // ${VAR}
  /\{\{/, // {{ template }}
  /^\$[A-Za-z_]\w*$/, // $VAR
  /^%[A-Za-z_(]/, // %(name)s, %VAR%
  /^<[^>]*>$/, // <your-token>
  /^\[[^\]]*\]$/, // [REDACTED]
  /^(?:your|my|insert|enter|replace|change|put|add)[-_ ]?/i,
  /example|placeholder|changeme|change_me|dummy|sample|redacted|notasecret|not-a-secret|xxxx|\*\*\*\*|todo|fixme/i,
  /^(?:true|false|null|none|nil|undefined|yes|no|on|off)$/i,
  /^[\d.,:+-]+$/, // numbers, versions, times
  /^(?:https?|ftp|file):\/\/[^:@\s]*$/i, // URLs without credentials
  /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/, // paths
  /^[\w.+-]+@[\w-]+\.[\w.-]+$/, // e-mail addresses
  /^#[0-9a-f]{3,8}$/i, // colours
];

/** True for template placeholders, references, booleans, paths and other obvious non-secrets. */
export function isPlaceholder(value: string): boolean {
  return placeholderShapes.some((shape) => shape.test(value));
}

/**
 * True when a value under a secret-looking key is random enough to be a real secret: long enough,
 * not a placeholder, not a plain word or phrase, and of high entropy for its length.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || value.length > 4096 || /\s/.test(value)) return false;
  if (isPlaceholder(value)) return false;
  // Plain words and phrases ("password", "correct-horse") carry too little surprise to flag.
  if (/^[a-z]+(?:[-_.][a-z]+)*$/i.test(value)) return false;
  const classes = characterClasses(value);
  const entropy = shannonEntropy(value);
  if (classes >= 3) return entropy >= 2.8;
  if (classes === 2) return entropy >= 3.2 && value.length >= 12;
  return entropy >= 3.5 && value.length >= 20;
}

/** `DB_PASSWORD` → "DB Password", `stripeSecretKey` → "Stripe Secret Key". */
export function titleFromKey(key: string): string {
  const words = splitKeyWords(key.split(/[.:/]/).slice(-2).join("_"));
  return words
    .map((w) =>
      w.length <= 3 && /^(?:db|api|aws|gcp|jwt|ssh|sql|url|id|s3|smtp)$/.test(w) ? w.toUpperCase() : w,
    )
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
