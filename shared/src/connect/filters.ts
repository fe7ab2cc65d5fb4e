// SCIM filter builders for the list endpoints; values a Connect server cannot take are refused here.
import { ConnectConfigError } from "./errors.js";

/**
 * Real servers answer 400 to a single quote (Connect 1.5.2 changelog), and no escaping of double
 * quotes or backslashes is documented: such values are refused instead of being sent.
 */
function quoteFilterValue(value: string, what: string): string {
  if (typeof value !== "string") throw new ConnectConfigError(`A ${what} filter needs a text value.`);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  const bad = /['"\\]|[\u0000-\u001f\u007f]/.exec(value);
  if (bad) {
    const shown = bad[0] === "'" || bad[0] === '"' || bad[0] === "\\" ? bad[0] : "a control character";
    throw new ConnectConfigError(
      `Connect cannot filter by a ${what} containing ${shown}: list without a filter and compare the ${what}s locally instead.`,
    );
  }
  return `"${value}"`;
}

/** `title eq "…"`: items (and, for connect-sdk-js compatibility, vaults) whose title is exactly the value. */
export function titleEquals(value: string): string {
  return `title eq ${quoteFilterValue(value, "title")}`;
}

/** `title co "…"`: items whose title contains the value. */
export function titleContains(value: string): string {
  return `title co ${quoteFilterValue(value, "title")}`;
}

/** `tag eq "…"`: items with the tag. */
export function tagEquals(value: string): string {
  return `tag eq ${quoteFilterValue(value, "tag")}`;
}

/** `name eq "…"`: vaults named exactly the value. */
export function nameEquals(value: string): string {
  return `name eq ${quoteFilterValue(value, "name")}`;
}

/** Refuses a hand-written filter a real server would answer 400 to. */
export function checkFilter(filter: string): string {
  if (filter.includes("'")) {
    throw new ConnectConfigError(
      "Connect answers 400 to a filter containing a single quote ('): use titleEquals()/tagEquals() with a value without one, or filter locally.",
    );
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(filter)) {
    throw new ConnectConfigError("A Connect filter cannot contain control characters.");
  }
  return filter;
}
