// Reads the variables of a .env file as dotenv and the debug adapters do: NAME=value lines, `export`, comments, quotes.

/** One variable of an env file, with the line it starts on (1-based) for messages. */
export interface EnvFileEntry {
  name: string;
  value: string;
  line: number;
}

/** A line that is not NAME=value, or a quote that is never closed. */
export interface EnvFileProblem {
  line: number;
  reason: string;
}

export interface ParsedEnvFile {
  /** In file order; a name given twice appears twice (the last one wins when applied). */
  entries: EnvFileEntry[];
  problems: EnvFileProblem[];
}

const assignment = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;
const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\", $: "$" };

/**
 * Parses env file text. Unquoted values end at a ` #` comment and are trimmed; `'single'` quotes keep
 * their text as written; `"double"` quotes understand `\n`, `\t`, `\"` and `\\`; both quotes may span
 * several lines. `=` inside a value is part of it. Blank and `#` lines are skipped; anything else is
 * reported as a problem with its line, never silently dropped.
 */
export function parseEnvFile(text: string): ParsedEnvFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const entries: EnvFileEntry[] = [];
  const problems: EnvFileProblem[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const match = assignment.exec(line);
    if (!match) {
      problems.push({ line: index + 1, reason: "it is not NAME=value" });
      continue;
    }
    const name = match[1]!;
    const rest = line.slice(match[0].length);
    const quote = rest[0];
    if (quote !== '"' && quote !== "'" && quote !== "`") {
      entries.push({ name, value: unquotedValue(rest), line: index + 1 });
      continue;
    }
    const quoted = readQuoted(lines, index, match[0].length + 1, quote);
    if (!quoted) {
      problems.push({ line: index + 1, reason: `the ${quote} quote of ${name} is never closed` });
      break;
    }
    entries.push({ name, value: quoted.value, line: index + 1 });
    index = quoted.endLine;
  }
  return { entries, problems };
}

/** An unquoted value: up to a comment that follows whitespace, trimmed. */
function unquotedValue(rest: string): string {
  const comment = /(^|[ \t])#/.exec(rest);
  return (comment ? rest.slice(0, comment.index) : rest).trim();
}

/** A quoted value from `start` (after the opening quote) to its closing quote, perhaps lines later. */
function readQuoted(
  lines: readonly string[],
  startLine: number,
  start: number,
  quote: string,
): { value: string; endLine: number } | undefined {
  let value = "";
  for (let lineIndex = startLine; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex]!;
    for (let at = lineIndex === startLine ? start : 0; at < line.length; at++) {
      const char = line[at]!;
      if (char === quote) return { value, endLine: lineIndex };
      if (char === "\\" && quote === '"' && at + 1 < line.length) {
        const next = line[at + 1]!;
        value += escapes[next] ?? `\\${next}`;
        at++;
        continue;
      }
      value += char;
    }
    value += "\n";
  }
  return undefined;
}
