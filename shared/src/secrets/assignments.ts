// Key/value pairs in the lines of configuration files and code, with the offset of each value.

export interface Assignment {
  key: string;
  value: string;
  valueStart: number;
  /** True when the value was written between quotes (a string in code, not an expression). */
  quoted: boolean;
}

// `KEY=value`, `key: value`, `"key": "value"`, `export KEY="value"`, `apiKey = 'value'`, `key => value`,
// `2FA_SECRET=…`. Keys are at most 128 characters, so a long line of letters is not retried from each.
const assignmentStart =
  /(?:^|[\s{,;(])(?:export\s+)?(["']?)([A-Za-z0-9_][\w.-]{0,127})\1[ \t]{0,16}(?::=|=>|=|:)[ \t]*/g;

/** A value longer than this is no secret a person pastes (looksRandom refuses it too): it is not read further. */
const longestValue = 4097;

/** Key/value pairs on one line, with the offset of each value's first character. */
export function findAssignments(line: string): Assignment[] {
  const assignments: Assignment[] = [];
  for (const match of line.matchAll(assignmentStart)) {
    const key = match[2] ?? "";
    let valueStart = match.index + match[0].length;
    const first = line[valueStart];
    if (first === "=" || first === undefined) continue; // `==` comparisons, empty values
    let value: string;
    const quoted = first === '"' || first === "'" || first === "`";
    if (quoted) {
      const close = findClosingQuote(line, valueStart + 1, first);
      if (close === -1) continue;
      valueStart += 1;
      value = line.slice(valueStart, close);
    } else {
      const end = unquotedEnd(line, valueStart);
      value = line.slice(valueStart, end);
    }
    if (value) assignments.push({ key, value, valueStart, quoted });
  }
  return assignments;
}

/** Where an unquoted value ends: at a space, `,`, `;`, `}` or `]`, and never past {@link longestValue}. */
function unquotedEnd(line: string, from: number): number {
  const limit = Math.min(line.length, from + longestValue);
  let at = from;
  while (at < limit) {
    const c = line.charCodeAt(at);
    // space, tab, `,`, `;`, `}`, `]`, CR
    if (c === 32 || c === 9 || c === 44 || c === 59 || c === 125 || c === 93 || c === 13) break;
    at++;
  }
  return at;
}

function findClosingQuote(line: string, from: number, quote: string): number {
  const limit = Math.min(line.length, from + longestValue);
  for (let i = from; i < limit; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}

/** `|`, `>-`, `|+2`: the value of a YAML key is the indented block that follows. */
export function isBlockScalarIndicator(value: string): boolean {
  return /^[|>][-+]?\d?$/.test(value);
}

/** The indentation of a line (spaces and tabs). */
export function indentOf(line: string): number {
  let at = 0;
  while (at < line.length && (line[at] === " " || line[at] === "\t")) at++;
  return at;
}

/**
 * In code, `password = getPassword()` or `token: process.env.TOKEN` assign an expression, not a value.
 * Outside code files only calls and environment lookups count: `dp.st.…` in a .env file is a token.
 */
export function looksLikeCode(value: string, codeFile: boolean): boolean {
  if (/^[A-Za-z_$][\w$.]*\(|^(?:process\.env|import\.meta\.env|os\.environ|ENV)\b/.test(value)) return true;
  return (
    codeFile && /^[A-Za-z_$][\w$]*(?:\[|(?:\.[A-Za-z_$][\w$]*)+(?:\[|$))/.test(value) && !/\d{3}/.test(value)
  );
}

/** Files whose unquoted values can be expressions (code), rather than literal text (configuration). */
export function isCodeFile(fileName?: string, languageId?: string): boolean {
  if (
    languageId &&
    /^(?:javascript|typescript|javascriptreact|typescriptreact|python|ruby|go|java|kotlin|csharp|php|rust|swift|scala|groovy|dart)$/.test(
      languageId,
    )
  )
    return true;
  return (
    !!fileName &&
    /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|cs|php|rs|swift|scala|groovy|gradle|dart)$/i.test(fileName)
  );
}
