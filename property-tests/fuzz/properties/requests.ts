/** Building blocks of the properties' requests. */
import type { CodeFact, RequestFacts } from "../../../src/rules/index.js";
import type { BadAuthorization } from "../../arbitraries/authorization.js";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { CODE_SLOT, type CodeValue, jsonBody, literalCode } from "../body-text.js";
import type { FuzzContext } from "../fuzz-context.js";
import type { Authentication, OpenRequest, Trace } from "../trace.js";

/** The media type every valid request is sent as. */
export const JSON_MEDIA_TYPE = "application/json";

/** The real token. */
export const REAL_TOKEN: Authentication = { kind: "real" };

/** A bad header made from the real token by `recipe`. */
export const badToken = (recipe: BadAuthorization): Authentication => ({ kind: "bad", recipe });

/** The facts of the fields of a valid body other than its code. */
export function restFacts(rest: BodyWithoutCode): RequestFacts {
  return { payeeInfo: rest.payeeInfo === undefined ? "absent" : "object" };
}

/** A request with a valid body around `code`, which is what `code` says (shared by default). */
export function openRequest(
  code: CodeValue,
  rest: BodyWithoutCode,
  facts: RequestFacts,
  auth: Authentication = REAL_TOKEN,
): OpenRequest {
  return {
    contentType: JSON_MEDIA_TYPE,
    auth,
    body: jsonBody({ code: CODE_SLOT, ...rest }, code),
    facts: { ...restFacts(rest), ...facts },
  };
}

/** A code, and what it is. */
export interface FactCode {
  readonly code: CodeValue;
  readonly fact: CodeFact;
}

/** A shared code when the target has a state endpoint, else `fallback` (a code no payer shared). */
export async function sharedCodeOr(context: FuzzContext, trace: Trace, fallback: string): Promise<FactCode> {
  return context.states
    ? { code: await context.sharedCode(trace), fact: "shared" }
    : { code: literalCode(fallback), fact: "unshared" };
}
