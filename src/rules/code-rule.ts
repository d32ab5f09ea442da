/**
 * The context-code rule (`components.schemas.ContextCode` in the spec): its pattern, length and
 * alphabet. Derived from the spec's `pattern`, so a spec change moves every user of the rule.
 */
import { openapiSpec } from "./spec.js";

const contextCode = openapiSpec.components.schemas.ContextCode;

/** The spec's pattern for a context code, e.g. `^[A-Z0-9]{6}$`. */
export const CODE_PATTERN: string = contextCode.pattern;

/** The spec's pattern compiled. `u` keeps astral characters as one unit, as JSON Schema does. */
export const CODE_REGEXP = new RegExp(CODE_PATTERN, "u");

/** Exact length of a context code, in characters. */
export const CODE_LENGTH: number = contextCode.minLength;

/**
 * Expands the character class of a pattern of the form `^[…]{n}$` into its characters.
 * Only ranges and literal characters are supported: a spec that uses more fails loudly at start.
 */
function expandAlphabet(pattern: string): string {
  const match = /^\^\[([^\]]+)\]\{(\d+)\}\$$/.exec(pattern);
  if (
    !match?.[1] ||
    Number(match[2]) !== contextCode.minLength ||
    contextCode.maxLength !== contextCode.minLength
  ) {
    throw new Error(
      `The spec's ContextCode pattern ${pattern} is not of the form ^[…]{n}$ with n = minLength = maxLength`,
    );
  }
  const body = match[1];
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const from = body.charCodeAt(i);
    if (body[i + 1] === "-" && i + 2 < body.length) {
      const to = body.charCodeAt(i + 2);
      for (let c = from; c <= to; c++) out += String.fromCharCode(c);
      i += 2;
    } else out += body[i];
  }
  return out;
}

/** Every character a context code may contain, in code-point order (e.g. `A…Z0…9`). */
export const CODE_ALPHABET: string = expandAlphabet(CODE_PATTERN);

/**
 * Whether a value is a well-formed context code by the spec's rule. Says nothing of whether a payer
 * shared it or whether it expired.
 *
 * @example
 * isWellFormedCode("A1B2C3"); // true
 * isWellFormedCode("a1b2c3"); // false: lowercase is invalid
 */
export function isWellFormedCode(value: unknown): value is string {
  return typeof value === "string" && CODE_REGEXP.test(value);
}
