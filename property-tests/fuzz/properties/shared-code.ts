/**
 * Every shared, unexpired code is answered 200 with a session valid by the spec's schema, and
 * every session id of the run is new. Each input uses a code of its own: the spec leaves open
 * whether a code may open a second session.
 */
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { openRequest } from "./requests.js";

/** The shared-code property. */
export const sharedCodeProperty: FuzzProperty<BodyWithoutCode> = {
  ...propertyRule("shared-code"),
  needsStates: true,
  sharedCodesFor: (cases) => cases,
  arbitrary: () => bodyWithoutCode(),
  async run(rest, context, trace) {
    await context.open(trace, openRequest(await context.sharedCode(trace), rest, { code: "shared" }));
    return outcomeOf(trace);
  },
};
