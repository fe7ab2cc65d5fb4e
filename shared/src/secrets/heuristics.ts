// Judging key names and values that have no known token format: is this a secret or a look-alike?

// Words that make a key a secret's key, in the spellings people use (German "passwort" included).
const secretWords = new Set([
  "password",
  "passwords",
  "passwd",
  "passwort",
  "pass",
  "pwd",
  "pw",
  "passphrase",
  "secret",
  "secrets",
  "token",
  "tokens",
  "apikey",
  "apitoken",
  "authtoken",
  "accesstoken",
  "refreshtoken",
  "credential",
  "credentials",
  "creds",
  "cred",
  "auth",
  "privatekey",
  "accesskey",
  "secretkey",
  "signingkey",
  "encryptionkey",
  "masterkey",
  "sessionkey",
  "clientsecret",
  "bearer",
  "webhook",
  "pat",
  "salt",
  "pepper",
  "hmac",
  "dsn",
]);

// A key with one of these words describes a secret (its length, where it lives, its name) rather
// than holding one: `password_min_length`, `token_url`, `secret_name`.
const metaWords = new Set(
  (
    "length min max minimum maximum expiry expires expiration ttl lifetime url uri endpoint header name file " +
    "path type enabled enable disabled required policy mode field prefix suffix hint label regex pattern " +
    "timeout count hash format provider strategy method location dir env var id ids algorithm alg version " +
    "rotation retries host port user username login email scope scopes audience issuer ref reference " +
    "placeholder description help link usage flag store storage backend source limit rate reset " +
    "changed updated created date time age days"
  ).split(" "),
);

// "key" alone names a secret (`SHOPIFY_KEY`, `api.key`) unless a word before it says it is some
// other kind of key: `cache_key`, `primary_key`, `sort_key`.
const otherKeys = new Set(
  (
    "cache sort partition primary foreign unique composite index lookup map object s3 row column hash " +
    "idempotency translation i18n registry license licence hot short dict redis storage bucket group " +
    "public publishable pub site"
  ).split(" "),
);

// Keys repeat through a file (`token=` on every line of a log): their words are worked out once.
const wordsOfKey = new Map<string, readonly string[]>();

/** Splits `DB_PASSWORD`, `spring.datasource.password`, `apiKey`, `APIKey`, `token2` into lower-case words. */
export function splitKeyWords(key: string): readonly string[] {
  let words = wordsOfKey.get(key);
  if (!words) {
    words = key
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/([A-Za-z])(\d)/g, "$1 $2")
      .replace(/(\d)([A-Za-z])/g, "$1 $2")
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase());
    if (wordsOfKey.size > 4096) wordsOfKey.clear();
    wordsOfKey.set(key, words);
  }
  return words;
}

/** True when a key name says its value is a secret: `password`, `API_KEY`, `clientSecret`, `SHOPIFY_KEY`, `token2`. */
export function isSecretKeyName(key: string): boolean {
  const words = splitKeyWords(key).filter((w) => !/^\d+$/.test(w));
  // The last word that names a secret ("api key", "access key" are two words in most spellings)…
  let last = -1;
  words.forEach((w, i) => {
    if (secretWords.has(w)) last = i;
    else if (i > 0 && secretWords.has(words[i - 1]! + w)) last = i;
  });
  const end = words.length - 1;
  if (last === -1 && (words[end] === "key" || words[end] === "keys") && !otherKeys.has(words[end - 1] ?? ""))
    last = end;
  // …unless a word after it describes the secret instead: `password_min_length`, `token_url`.
  return last !== -1 && !words.slice(last + 1).some((w) => metaWords.has(w));
}

const asciiCounts = new Int32Array(128);

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) return false;
  return true;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  let bits = 0;
  const add = (n: number) => {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  };
  if (isAscii(value)) {
    // The common case without a Map: counts by character code, reset as they are read.
    for (let i = 0; i < value.length; i++) asciiCounts[value.charCodeAt(i)]!++;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (asciiCounts[code]) add(asciiCounts[code]!);
      asciiCounts[code] = 0;
    }
    return bits;
  }
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  for (const n of counts.values()) add(n);
  return bits;
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
}

/**
 * True when a value under a secret-looking key is random enough to be a real secret: long enough,
 * not a plain word or phrase, and of high entropy for its length.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || value.length > 4096 || /\s/.test(value)) return false;
  // Plain words and phrases ("password", "correct-horse") carry too little surprise to flag.
  if (/^[a-z]+(?:[-_.][a-z]+)*$/i.test(value)) return false;
  const classes = characterClasses(value);
  const entropy = shannonEntropy(value);
  if (classes >= 3) return entropy >= 2.8;
  if (classes === 2) return entropy >= 3.2 && value.length >= 12;
  return entropy >= 3.5 && value.length >= 20;
}

const acronyms = /^(?:db|api|aws|gcp|jwt|ssh|sql|url|id|s3|smtp|npm|ci|oauth|hmac|pat|dsn)$/;

/** `DB_PASSWORD` → "DB Password", `stripeSecretKey` → "Stripe Secret Key". */
export function titleFromKey(key: string): string {
  const words = splitKeyWords(key.split(/[.:/]/).slice(-2).join("_"));
  return words
    .map((w) => (acronyms.test(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** The kind of secret a key names, for findings that have no provider format. */
export function kindOfKey(key: string): "password" | "token" | "api-key" | "secret" {
  const words = splitKeyWords(key);
  const joined = words.join("");
  if (words.some((w) => ["password", "passwd", "passwort", "pass", "pwd", "pw", "passphrase"].includes(w)))
    return "password";
  if (words.some((w) => w === "token" || w === "bearer" || w === "pat") || /token/.test(joined))
    return "token";
  if (words.includes("key") || words.includes("apikey")) return "api-key";
  return "secret";
}
