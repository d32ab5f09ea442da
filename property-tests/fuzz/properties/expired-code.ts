/**
 * Every expired code is answered 400 `invalid_code`. The code comes from the provider state "the
 * context code has expired": a remote provider's clock cannot be moved from here.
 */
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { openRequest } from "./requests.js";

/** The expired-code property. */
export const expiredCodeProperty: FuzzProperty<BodyWithoutCode> = {
  ...propertyRule("expired-code"),
  needsStates: true,
  // One state call per input: a tenth of the runs keeps the state endpoint's load modest.
  cases: (runs) => Math.max(1, Math.ceil(runs / 10)),
  arbitrary: () => bodyWithoutCode(),
  async run(rest, context, trace) {
    await context.open(trace, openRequest(await context.expiredCode(trace), rest, { code: "expired" }));
    return outcomeOf(trace);
  },
};
