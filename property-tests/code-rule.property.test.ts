/**
 * The code rule, two independent implementations compared: `isWellFormedCode` (the spec's pattern
 * as a RegExp) and Ajv validating the spec's `ContextCode` schema (pattern, minLength, maxLength).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWellFormedCode, schemaValidator } from "../src/rules/index.js";
import { INVALID_CODE_CLASSES, invalidCodeString } from "./arbitraries/invalid-code.js";
import { validCode } from "./arbitraries/valid-code.js";

const ajvContextCode = schemaValidator("ContextCode");

describe("the context-code rule", () => {
  it("should agree with Ajv on the spec's ContextCode schema for every generated value", () => {
    const anyValue = fc.oneof(
      validCode(),
      invalidCodeString(),
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.jsonValue({ maxDepth: 1 }),
    );
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(isWellFormedCode(value)).toBe(ajvContextCode(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it("should accept every code of six characters of the alphabet", () => {
    fc.assert(fc.property(validCode(), (code) => isWellFormedCode(code) && ajvContextCode(code) === true));
  });

  for (const { name, arbitrary } of INVALID_CODE_CLASSES) {
    it(`should reject ${name} codes, in both implementations`, () => {
      fc.assert(
        fc.property(arbitrary(), (code) => {
          expect(isWellFormedCode(code)).toBe(false);
          expect(ajvContextCode(code)).toBe(false);
        }),
        { numRuns: 300 },
      );
    });
  }
});
