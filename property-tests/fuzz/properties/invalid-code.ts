/** Every invalid code (every class, non-strings included) is answered exactly 400 `invalid_code`. */
import fc from "fast-check";
import { codeFactOf } from "../../../src/rules/index.js";
import { type ClassifiedInvalidCode, invalidCode } from "../../arbitraries/invalid-code.js";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { jsonBody } from "../body-text.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { JSON_MEDIA_TYPE, REAL_TOKEN, restFacts } from "./requests.js";

/** The invalid-code property. */
export const invalidCodeProperty: FuzzProperty<[ClassifiedInvalidCode, BodyWithoutCode]> = {
  ...propertyRule("invalid-code"),
  arbitrary: () => fc.tuple(invalidCode(), bodyWithoutCode()),
  async run([{ code }, rest], context, trace) {
    // The code is a JSON value of any type, serialised with the other fields.
    await context.open(trace, {
      contentType: JSON_MEDIA_TYPE,
      auth: REAL_TOKEN,
      body: jsonBody({ code, ...rest }),
      facts: { ...restFacts(rest), code: codeFactOf(code) },
    });
    return outcomeOf(trace);
  },
};
