// Hides secret values in a process's output as it streams, as `op run` does, even when a value is split across chunks.

export const concealedText = "<concealed by 1Password>";

/** Values shorter than this are not masked: hiding every "1" or "on" would garble the output and hide nothing. */
const shortestMasked = 4;

export interface SecretMasker {
  /** The chunk with every complete secret replaced; text that may be the start of a secret is held back. */
  write(chunk: string): string;
  /** What was held back (the stream ended): nothing more can complete a secret. */
  flush(): string;
}

/**
 * A masker for one output stream. Each value (and each line of a multi-line value, as programs often
 * print them line by line) is replaced by `replacement`; colours and other escape sequences around
 * them pass through untouched. Only a tail that could still become a secret waits for the next chunk.
 */
export function createSecretMasker(values: Iterable<string>, replacement = concealedText): SecretMasker {
  const secrets = [...new Set(expand(values))].sort((a, b) => b.length - a.length);
  const longest = secrets[0]?.length ?? 0;
  let pending = "";
  /** Masks left to right; unless the stream ended, stops where the rest could still grow into a secret. */
  const mask = (text: string, ended: boolean) => {
    let result = "";
    let at = 0;
    while (at < text.length) {
      const left = text.length - at;
      if (!ended && left < longest && secrets.some((s) => s.length > left && s.startsWith(text.slice(at))))
        break;
      const secret = secrets.find((s) => text.startsWith(s, at));
      if (secret) {
        result += replacement;
        at += secret.length;
      } else {
        result += text[at++];
      }
    }
    pending = text.slice(at);
    return result;
  };
  return {
    write: (chunk) => mask(pending + chunk, false),
    flush: () => mask(pending, true),
  };
}

function* expand(values: Iterable<string>): Generator<string> {
  for (const value of values) {
    if (value.length >= shortestMasked) yield value;
    if (!/[\r\n]/.test(value)) continue;
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= shortestMasked) yield line;
  }
}
