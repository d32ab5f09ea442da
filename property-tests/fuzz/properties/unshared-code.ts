/** A well-formed code no payer shared is answered 400 `invalid_code`. */
import fc from "fast-check";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { validCode } from "../../arbitraries/valid-code.js";
import { literalCode } from "../body-text.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { openRequest } from "./requests.js";

/** The unshared-code property. */
export const unsharedCodeProperty: FuzzProperty<[string, BodyWithoutCode]> = {
  ...propertyRule("unshared-code"),
  arbitrary: () => fc.tuple(validCode(), bodyWithoutCode()),
  async run([code, rest], context, trace) {
    // One in 36^6 chances that the provider shared this very code in this run.
    if (context.sharedCodes.has(code)) return { skipped: "the provider shared this code in this run" };
    await context.open(trace, openRequest(literalCode(code), rest, { code: "unshared" }));
    return outcomeOf(trace);
  },
};
