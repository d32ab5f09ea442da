/**
 * Well-formed context codes: exactly `CODE_LENGTH` characters of `CODE_ALPHABET`, both read from the
 * spec's `ContextCode` schema (never retyped here).
 */
import fc from "fast-check";
import { CODE_ALPHABET, CODE_LENGTH } from "../../src/rules/index.js";

/** Every character a code may hold, as a fast-check unit. */
export function codeCharacter(): fc.Arbitrary<string> {
  return fc.constantFrom(...CODE_ALPHABET);
}

/**
 * A well-formed context code, e.g. `A1B2C3`. Well-formed says nothing of whether a payer shared it.
 *
 * @example
 * fc.sample(validCode(), 1); // ["Q7ZK0B"]
 */
export function validCode(): fc.Arbitrary<string> {
  return fc.string({ unit: codeCharacter(), minLength: CODE_LENGTH, maxLength: CODE_LENGTH });
}

/** Characters of the alphabet that are letters (they have a lower case), e.g. `A…Z`. */
export const CODE_LETTERS: readonly string[] = [...CODE_ALPHABET].filter(
  (c) => c.toLowerCase() !== c.toUpperCase(),
);

/** Characters of the alphabet that are not letters, e.g. `0…9`. */
export const CODE_DIGITS: readonly string[] = [...CODE_ALPHABET].filter(
  (c) => c.toLowerCase() === c.toUpperCase(),
);
