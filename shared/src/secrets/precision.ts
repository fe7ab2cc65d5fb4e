// Values that have a secret's shape but are not secrets. Each exclusion is a named rule, so a test
// can hold each one to its promise and a user can be told why a value was left alone.

/** What an exclusion rule knows about a value. */
export interface ValueContext {
  value: string;
  /** The key it was assigned to, when there was one. */
  key?: string;
}

export interface PrecisionRule {
  name: string;
  /** Why a value it matches is not a secret, in a user's words. */
  because: string;
  excludes(context: ValueContext): boolean;
  /** False for rules about plain values only: a provider's format (a webhook URL) is judged without them. */
  judgesFormats?: false;
}

// Values that documentation publishes as examples: flagging them teaches users to ignore the lens.
const documentedExamples = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
  "pk_test_TYooMQauvdEDq54NiTphI7jx",
]);
// The signature of jwt.io's sample token, which tutorials copy with every payload.
const jwtIoSampleSignature = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

/** Where a provider prefix is known, the part after it: what is judged for repetition and sequences. */
function bodyOf(value: string): string {
  const prefix = /^(?:[A-Za-z0-9]{1,12}[_-]){1,3}(?=[A-Za-z0-9])/.exec(value)?.[0] ?? "";
  return value.slice(prefix.length);
}

const counts = new Int32Array(65536);

function isMostlyOneCharacter(body: string): boolean {
  if (body.length < 4) return false;
  let most = 0;
  let distinct = 0;
  for (let i = 0; i < body.length; i++) {
    const n = ++counts[body.charCodeAt(i)]!;
    if (n === 1) distinct++;
    if (n > most) most = n;
  }
  for (let i = 0; i < body.length; i++) counts[body.charCodeAt(i)] = 0;
  return most / body.length >= 0.5 || distinct <= 2;
}

/** True for "1" after "0", "b" after "a", "B" after "A": one step of a run such as "123456" or "abcdef". */
function isStep(previous: number, next: number): boolean {
  if (next !== previous + 1) return false;
  const within = (low: number, high: number) => previous >= low && next <= high;
  return within(48, 57) || within(97, 122) || within(65, 90);
}

/** True when half the body or more is made of runs of four or more such as "1234" or "abcd". */
function isMostlySequential(body: string): boolean {
  if (body.length < 8) return false;
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= body.length; i++) {
    if (i < body.length && isStep(body.charCodeAt(i - 1), body.charCodeAt(i))) run++;
    else {
      if (run >= 4) inRuns += run;
      run = 1;
    }
  }
  return inRuns / body.length >= 0.5;
}

// "your-api-key", "YOUR_TOKEN", "yourApiKey", "<insert>": but not a token that happens to start "my" or "add".
const placeholderStart =
  /^(?:[Yy]our|YOUR|[Mm]y|MY|[Ii]nsert|INSERT|[Ee]nter|ENTER|[Rr]eplace|REPLACE|[Pp]ut|PUT|[Aa]dd|ADD|[Cc]hange|CHANGE)(?:[-_ .]|[A-Z][a-z])/;

/** Words of the key that say the value is meant to be public. */
const publicKeyName =
  /(?:^|[^a-z])(?:public|publishable|pub|anon|site[-_]?key)(?:[^a-z]|$)|^(?:NEXT_PUBLIC|VITE|REACT_APP|EXPO_PUBLIC|GATSBY|NUXT_PUBLIC)_|publicKey|publishableKey|siteKey|anonKey/i;

export const precisionRules: readonly PrecisionRule[] = [
  {
    name: "secret-reference",
    because: "it is already a 1Password secret reference",
    excludes: ({ value }) => /^op:\/\//i.test(value),
  },
  {
    name: "interpolation",
    because: "it is filled in from elsewhere (${VAR}, $(cmd), {{ template }}, %VAR%)",
    excludes: ({ value }) =>
      /\$\{|\$\(|\{\{|\{%|<%|#\{|%\([\w.]+\)[sd]|%[A-Z_][A-Z0-9_]*%|^\$[A-Za-z_]\w*$|^\{[A-Za-z_][\w.]*\}$/.test(
        value,
      ),
  },
  {
    name: "placeholder",
    because: "it is a placeholder for the real value (<your-key>, changeme, xxxx, …Here)",
    excludes: ({ value }) =>
      placeholderStart.test(value) ||
      /^<[^>]*>$|^\[[^\]]*\]$|placeholder|changeme|change_me|dummy|sample|redacted|notasecret|not-a-secret|xxxx|XXXX|\*\*\*\*|\.\.\.|…|todo|fixme|here$|^(?:true|false|null|none|nil|undefined|yes|no|on|off)$/i.test(
        value,
      ),
  },
  {
    name: "documented-example",
    because: "it is an example value published in documentation",
    excludes: ({ value }) =>
      documentedExamples.has(value) || value.endsWith(jwtIoSampleSignature) || /example/i.test(value),
  },
  {
    name: "repeated-character",
    because: "it is mostly one repeated character",
    excludes: ({ value }) => isMostlyOneCharacter(bodyOf(value)),
  },
  {
    name: "sequential",
    because: "it is mostly a sequence such as 123456 or abcdef",
    excludes: ({ value }) => isMostlySequential(bodyOf(value)),
  },
  {
    name: "public-by-design",
    because: "the provider publishes it (a publishable key, a client-side public key)",
    excludes: ({ value, key }) =>
      /^(?:pk_(?:live|test)_|pk\.eyJ|sb_publishable_)/.test(value) || (!!key && publicKeyName.test(key)),
  },
  {
    name: "not-a-value",
    because: "it is a number, version, path, e-mail address, colour or URL without credentials",
    judgesFormats: false,
    excludes: ({ value }) =>
      /^[\d.,:+-]+$|^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|^[\w.+-]+@[\w-]+\.[\w.-]+$|^#[0-9a-f]{3,8}$|^(?:https?|ftp|file):\/\/[^:@\s]*$/i.test(
        value,
      ),
  },
];

/** The first precision rule that says the value is not a secret, or undefined; `format` for a value a provider rule matched. */
export function exclusionFor(context: ValueContext, format = false): PrecisionRule | undefined {
  return precisionRules.find((rule) => (!format || rule.judgesFormats !== false) && rule.excludes(context));
}
