/**
 * Near misses of a shared code are rejected with 400 `invalid_code`: a letter's case changed,
 * whitespace around or inside, a look-alike character, full-width forms, one character less or
 * more. A provider that trims, upper-cases or NFKC-normalises input is out of contract.
 */
import fc from "fast-check";
import { applyNearMiss, type NearMiss, nearMiss, nearMissJs } from "../../arbitraries/near-miss-code.js";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { INVALID_CODE, openRequest } from "./requests.js";

/** The near-miss property. */
export const nearMissProperty: FuzzProperty<[NearMiss, BodyWithoutCode]> = {
  ...propertyRule("near-miss"),
  needsStates: true,
  sharedCodesFor: (cases) => cases,
  arbitrary: () => fc.tuple(nearMiss(), bodyWithoutCode()),
  async run([recipe, rest], context, trace) {
    const shared = await context.sharedCode(trace);
    const value = applyNearMiss(shared.value, recipe);
    if (value === shared.value)
      return { skipped: "the recipe does not change this code (a digit has no case)" };
    const code = { value, js: nearMissJs(recipe, shared.js) };
    await context.open(trace, openRequest(code, rest, INVALID_CODE));
    return outcomeOf(trace);
  },
};
