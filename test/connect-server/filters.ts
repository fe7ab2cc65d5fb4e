// SCIM-style filters of the list endpoints: `title eq "…"`, `title co "…"`, `tag eq "…"`, `name eq "…"`, with and/or.
import { badRequest } from "./errors.js";

/** What a filter can ask about one entry: its values for an attribute name (lowercase). */
export type AttributeReader = (attribute: string) => string[] | undefined;
export type FilterPredicate = (read: AttributeReader) => boolean;

type Token =
  { kind: "word"; text: string } | { kind: "string"; text: string } | { kind: "paren"; text: string };

const OPERATORS = new Set(["eq", "ne", "co", "sw", "ew", "pr"]);

/**
 * Parses a filter for a collection whose attributes are `attributes`; throws a 400 for anything a
 * Connect server would refuse, including a single quote anywhere (Connect 1.5.2).
 */
export function parseFilter(filter: string, attributes: readonly string[]): FilterPredicate {
  if (filter.includes("'")) throw badRequest("Invalid filter: single quotes are not allowed");
  const tokens = tokenize(filter);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];

  const parseOr = (): FilterPredicate => {
    let left = parseAnd();
    while (isWord(peek(), "or")) {
      take();
      const right = parseAnd();
      const l = left;
      left = (read) => l(read) || right(read);
    }
    return left;
  };
  const parseAnd = (): FilterPredicate => {
    let left = parseComparison();
    while (isWord(peek(), "and")) {
      take();
      const right = parseComparison();
      const l = left;
      left = (read) => l(read) && right(read);
    }
    return left;
  };
  const parseComparison = (): FilterPredicate => {
    const first = take();
    if (first?.kind === "paren" && first.text === "(") {
      const inner = parseOr();
      const close = take();
      if (close?.kind !== "paren" || close.text !== ")") throw badRequest("Invalid filter: missing )");
      return inner;
    }
    if (isWord(first, "not")) {
      const inner = parseComparison();
      return (read) => !inner(read);
    }
    if (first?.kind !== "word")
      throw badRequest(`Invalid filter: expected an attribute in ${JSON.stringify(filter)}`);
    const attribute = first.text.toLowerCase();
    if (!attributes.includes(attribute)) {
      throw badRequest(`Invalid filter: cannot filter by "${first.text}" (use ${attributes.join(" or ")})`);
    }
    const operatorToken = take();
    const operator = operatorToken?.kind === "word" ? operatorToken.text.toLowerCase() : "";
    if (!OPERATORS.has(operator)) {
      throw badRequest(`Invalid filter: unknown operator ${JSON.stringify(operatorToken?.text ?? "")}`);
    }
    if (operator === "pr") return (read) => (read(attribute) ?? []).some((v) => v !== "");
    const valueToken = take();
    if (valueToken?.kind !== "string") {
      throw badRequest(
        `Invalid filter: the value after "${first.text} ${operator}" must be in double quotes`,
      );
    }
    const wanted = valueToken.text;
    const test = compare(operator, wanted);
    return operator === "ne"
      ? (read) => !(read(attribute) ?? []).some((v) => v === wanted)
      : (read) => (read(attribute) ?? []).some(test);
  };

  const predicate = parseOr();
  if (position !== tokens.length)
    throw badRequest(`Invalid filter: unexpected ${JSON.stringify(peek()?.text)}`);
  return predicate;
}

function compare(operator: string, wanted: string): (value: string) => boolean {
  const lower = wanted.toLowerCase();
  switch (operator) {
    case "co":
      return (value) => value.toLowerCase().includes(lower);
    case "sw":
      return (value) => value.toLowerCase().startsWith(lower);
    case "ew":
      return (value) => value.toLowerCase().endsWith(lower);
    default:
      // Titles are matched exactly, as the SDKs' "exact match on title" expects.
      return (value) => value === wanted;
  }
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: "paren", text: c });
      i++;
    } else if (c === '"') {
      let text = "";
      i++;
      while (i < filter.length && filter[i] !== '"') {
        if (filter[i] === "\\" && i + 1 < filter.length) i++;
        text += filter[i];
        i++;
      }
      if (i >= filter.length) throw badRequest("Invalid filter: a quoted value is not closed");
      i++;
      tokens.push({ kind: "string", text });
    } else {
      const start = i;
      while (i < filter.length && /[^\s()"]/.test(filter[i]!)) i++;
      tokens.push({ kind: "word", text: filter.slice(start, i) });
    }
  }
  if (tokens.length === 0) throw badRequest("Invalid filter: it is empty");
  return tokens;
}

const isWord = (token: Token | undefined, word: string) =>
  token?.kind === "word" && token.text.toLowerCase() === word;
