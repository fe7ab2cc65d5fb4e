// Reads JSON with comments and trailing commas, as VS Code reads its settings files.
// (jsonc-parser would do it too, but costs 9 KB of a bundle kept under 500 KB for one look at a settings file.)

// A string (kept as is, even unterminated) or a comment (an unterminated block comment runs to the end), so each
// character is looked at a bounded number of times whatever the text's shape.
const stringOrComment = /("(?:[^"\\]|\\.)*"?)|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;
// A string, or a comma that only whitespace separates from a closing bracket.
const stringOrTrailingComma = /("(?:[^"\\]|\\.)*"?)|,(\s*[}\]])/g;

/** The value of `text`, or undefined when it is not JSON even without its comments and trailing commas. */
export function parseJsonc(text: string): unknown {
  const withoutComments = text.replace(stringOrComment, (_, string?: string) => string ?? " ");
  const withoutTrailingCommas = withoutComments.replace(
    stringOrTrailingComma,
    (_, string?: string, closing?: string) => string ?? closing ?? "",
  );
  try {
    return JSON.parse(withoutTrailingCommas);
  } catch {
    return undefined;
  }
}
