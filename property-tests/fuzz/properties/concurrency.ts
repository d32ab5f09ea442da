/**
 * Bursts of simultaneous opens, with one shared code for the whole burst or a code each: never a
 * 5xx, every session valid, every id unique. With one code, the first open must succeed and the
 * others either succeed (the code is reusable) or get 400 `invalid_code` (it is not): the spec
 * leaves reuse open, so either is in contract, but a 5xx or a duplicate id never is.
 */
import fc from "fast-check";
import { type BodyWithoutCode, bodyWithoutCode } from "../../arbitraries/open-session-body.js";
import type { CodeValue } from "../body-text.js";
import { type FuzzProperty, outcomeOf } from "../fuzz-property.js";
import { propertyRule } from "./catalog.js";
import { openRequest } from "./requests.js";

/** One burst. */
export interface Burst {
  readonly sameCode: boolean;
  readonly size: number;
  readonly rest: BodyWithoutCode;
}

let groups = 0;

/** The concurrency property. */
export const concurrencyProperty: FuzzProperty<Burst> = {
  ...propertyRule("concurrency"),
  needsStates: true,
  cases: (runs) => Math.max(1, Math.ceil(runs / 20)),
  sharedCodesFor: (cases) => cases * 16,
  // One burst at a time, so a burst is what hits the provider at once.
  maxConcurrency: 1,
  arbitrary: () =>
    fc.record({ sameCode: fc.boolean(), size: fc.integer({ min: 2, max: 24 }), rest: bodyWithoutCode() }),
  async run({ sameCode, size, rest }, context, trace) {
    const group = ++groups;
    const codes: CodeValue[] = [];
    if (sameCode) codes.push(await context.sharedCode(trace));
    else for (let i = 0; i < size; i++) codes.push(await context.sharedCode(trace));
    // One code for the burst: any of them may be the open that consumes it, so each is a reuse.
    const facts = { code: sameCode ? ("reused" as const) : ("shared" as const) };
    const steps = await Promise.all(
      Array.from({ length: size }, (_, i) =>
        context.open(trace, { ...openRequest(codes[sameCode ? 0 : i] as CodeValue, rest, facts), group }),
      ),
    );
    const outcome = outcomeOf(trace);
    if (outcome.problems.length === 0 && sameCode && !steps.some((s) => s.answer.status === 200)) {
      return {
        problems: [
          `no open of the burst of ${size} with one fresh shared code succeeded [success-200-session, doc]`,
        ],
        rules: ["success-200-session"],
      };
    }
    return outcome;
  },
};
