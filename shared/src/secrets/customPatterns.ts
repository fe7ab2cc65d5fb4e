// Patterns a user adds to secret detection (name + regular expression), checked before use: a
// pattern that could backtrack catastrophically is refused with a clear message, and the ones that
// pass only ever run on lines of bounded length, so no setting can freeze a scan.

export interface CustomPatternSetting {
  name: string;
  /** A JavaScript regular expression; its first group, when it has one, is the secret part. */
  pattern: string;
}

export interface CustomPattern {
  name: string;
  regex: RegExp;
}

/** Lines longer than this are not matched against custom patterns (minified code, data). */
export const customPatternLineLimit = 2000;
const longestPattern = 300;

/** Compiles the patterns that are safe to run; `errors` says, per refused pattern, what is wrong. */
export function compileCustomPatterns(settings: unknown): { patterns: CustomPattern[]; errors: string[] } {
  const patterns: CustomPattern[] = [];
  const errors: string[] = [];
  if (settings === undefined || settings === null) return { patterns, errors };
  if (!Array.isArray(settings)) {
    return { patterns, errors: ["Custom secret patterns must be a list of { name, pattern } entries."] };
  }
  settings.forEach((entry: unknown, index) => {
    const { name, pattern } = (entry ?? {}) as Partial<CustomPatternSetting>;
    const label = typeof name === "string" && name.trim() ? `"${name.trim()}"` : `number ${index + 1}`;
    const problem = problemOf(name, pattern);
    if (problem) {
      errors.push(`Custom secret pattern ${label} is ignored: ${problem}`);
      return;
    }
    patterns.push({ name: name!.trim(), regex: new RegExp(pattern!, "g") });
  });
  return { patterns, errors };
}

function problemOf(name: unknown, pattern: unknown): string | undefined {
  if (typeof name !== "string" || !name.trim()) return "it needs a name.";
  if (typeof pattern !== "string" || !pattern) return "it needs a pattern (a regular expression).";
  if (pattern.length > longestPattern) return `the pattern is longer than ${longestPattern} characters.`;
  try {
    new RegExp(pattern, "g");
  } catch (error) {
    return `the pattern is not a valid regular expression (${(error as Error).message}).`;
  }
  if (new RegExp(pattern).test("")) return "the pattern matches empty text.";
  return riskOf(pattern);
}

/**
 * Refuses the shapes that make backtracking explode: back-references, and a repeated group that
 * itself repeats or offers alternatives (`(a+)+`, `(a|ab)*`). More than three unbounded repeats in
 * one pattern are refused too, as their cost grows with a power of the line's length.
 */
function riskOf(pattern: string): string | undefined {
  if (/\\[1-9]|\\k</.test(pattern)) return "back-references (\\1, \\k<name>) are not allowed.";
  const groups: { repeats: boolean; alternates: boolean }[] = [];
  let unbounded = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    const quantified = (at: number) => /[*+?{]/.test(pattern[at] ?? "");
    const isUnbounded = (at: number) =>
      pattern[at] === "*" || pattern[at] === "+" || /^\{\d+,\}/.test(pattern.slice(at));
    if (c === "[") inClass = true;
    else if (c === "(") groups.push({ repeats: false, alternates: false });
    else if (c === "|" && groups.length) groups[groups.length - 1]!.alternates = true;
    else if (c === ")") {
      const group = groups.pop();
      if (group && quantified(i + 1) && (group.repeats || group.alternates)) {
        return "a repeated group that itself repeats or has alternatives ((a+)+, (a|b)*) can freeze the editor.";
      }
      if (group?.repeats && groups.length) groups[groups.length - 1]!.repeats = true;
    }
    if (isUnbounded(i + 1) && c !== "(") {
      unbounded++;
      if (groups.length) groups[groups.length - 1]!.repeats = true;
    }
  }
  if (unbounded > 3)
    return "more than three unbounded repeats (*, +, {n,}) can freeze the editor on long lines.";
  return undefined;
}
