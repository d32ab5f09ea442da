/**
 * Near misses of a shared code are rejected with 400 `invalid_code`: a letter's case changed,
 * whitespace around or inside, a look-alike character, full-width forms, one character less or
 * more. A provider that trims, upper-cases or NFKC-normalises input is out of contract.
 */
import fc from "fast-check";
import { codeFactAgainst } from "../../../src/rules/index.js";
import { applyNearMiss, type NearMiss, nearMiss, nearMissJs } from "../../arbitraries/near-miss-code.js";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { openRequest } from "./requests.js";

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
    // A form a provider could normalise back to the shared code is a near miss (the doc leaves it
    // open); a look-alike or another length is simply a code no payer shared.
    await context.open(trace, openRequest(code, rest, { code: codeFactAgainst(value, shared.value) }));
    return outcomeOf(trace);
  },
};
