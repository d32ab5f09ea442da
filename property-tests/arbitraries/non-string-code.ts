/**
 * JSON values that are not strings, sent as `code`: numbers (`123456` is the classic trap: six
 * digits, but not a string), booleans, null, arrays and objects, some wrapping a valid code.
 */
import fc from "fast-check";
import { validCode } from "./valid-code.js";

/** A JSON value that is not a string. */
export function nonStringCode(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: 100_000, max: 999_999 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    validCode().map((c) => [c]),
    validCode().map((c) => ({ code: c })),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
  );
}
