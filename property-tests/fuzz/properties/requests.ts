/** Building blocks of the properties' requests. */
import { ERROR_CODES } from "../../../src/rules/index.js";
import type { BadAuthorization } from "../../arbitraries/authorization.js";
import type { BodyWithoutCode } from "../../arbitraries/open-session-body.js";
import { CODE_SLOT, type CodeValue, jsonBody } from "../body-text.js";
import { type Expectation, exactly } from "../expectation.js";
import type { FuzzContext } from "../fuzz-context.js";
import type { Authentication, OpenRequest, Trace } from "../trace.js";

/** The media type every valid request is sent as. */
export const JSON_MEDIA_TYPE = "application/json";

/** The real token. */
export const REAL_TOKEN: Authentication = { kind: "real" };

/** A bad header made from the real token by `recipe`. */
export const badToken = (recipe: BadAuthorization): Authentication => ({ kind: "bad", recipe });

/** 400 `invalid_code`: the answer to every bad, unshared or expired code. */
export const INVALID_CODE: Expectation = exactly(400, ERROR_CODES.invalidCode);

/** 401 `unauthorized` with `WWW-Authenticate`: the answer to every bad token. */
export const UNAUTHORIZED: Expectation = { ...exactly(401, ERROR_CODES.unauthorized), wwwAuthenticate: true };

/** 200: a session. */
export const OPENED: Expectation = exactly(200);

/** A request with a valid body around `code`. */
export function openRequest(
  code: CodeValue,
  rest: BodyWithoutCode,
  expect: Expectation,
  auth: Authentication = REAL_TOKEN,
): OpenRequest {
  return { contentType: JSON_MEDIA_TYPE, auth, body: jsonBody({ code: CODE_SLOT, ...rest }, code), expect };
}

/** A shared code when the target has a state endpoint, else `fallback` (a code no payer shared). */
export async function sharedCodeOr(
  context: FuzzContext,
  trace: Trace,
  fallback: CodeValue,
): Promise<CodeValue> {
  return context.states ? context.sharedCode(trace) : fallback;
}
