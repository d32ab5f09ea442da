/**
 * Request bodies that are not JSON: valid body texts broken in the ways clients and proxies break
 * them (truncation, single quotes, trailing commas, comments, unquoted keys, `NaN`), plus empty and
 * whitespace-only bodies. Every value is checked to make `JSON.parse` throw.
 */
import fc from "fast-check";
import { openSessionBody } from "./open-session-body.js";

const BREAKERS: readonly ((text: string, n: number) => string)[] = [
  (t, n) => t.slice(0, Math.max(0, (n % t.length) - 1)),
  (t) => t.replaceAll('"', "'"),
  (t) => `${t.slice(0, -1)},}`,
  (t) => `/* bleepay */${t}`,
  (t) => t.replace(/"(\w+)":/g, "$1:"),
  (t) => t.replace(/}$/, ',"n":NaN}'),
  (t) => `${t}${t}`,
  (t) => `{${t}`,
  (t, n) => `${t.slice(0, n % t.length)}\u0000${t.slice(n % t.length)}`,
];

/** A body text that is not valid JSON. */
export function malformedJsonText(): fc.Arbitrary<string> {
  return fc
    .oneof(
      {
        weight: 5,
        arbitrary: fc
          .tuple(openSessionBody(), fc.nat({ max: BREAKERS.length - 1 }), fc.nat())
          .map(([body, which, n]) =>
            (BREAKERS[which] as (t: string, n: number) => string)(JSON.stringify(body), n),
          ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "",
          " ",
          "\n",
          "{",
          "nul",
          "undefined",
          "code=A1B2C3&type=SESSION_DEFAULT",
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    )
    .filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
}
