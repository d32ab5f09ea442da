/**
 * Valid Open Session bodies (`OpenSessionRequest`): a code, `type: SESSION_DEFAULT`, and maybe a
 * random `payeeInfo` object.
 */
import fc from "fast-check";
import { type OpenSessionRequest, SESSION_TYPE } from "../../src/rules/index.js";
import { payeeInfo } from "./payee-info.js";
import { validCode } from "./valid-code.js";

/** The fields of a valid body other than `code`, with or without `payeeInfo`. */
export type BodyWithoutCode = Omit<OpenSessionRequest, "code">;

/** Everything of a valid body but its code (providers' codes are bound at send time). */
export function bodyWithoutCode(): fc.Arbitrary<BodyWithoutCode> {
  return fc.record({ type: fc.constant(SESSION_TYPE), payeeInfo: payeeInfo() }, { requiredKeys: ["type"] });
}

/**
 * A valid Open Session body with a code from `code` (default: any well-formed code).
 *
 * @example
 * fc.sample(openSessionBody(), 1); // [{ code: "Q7ZK0B", type: "SESSION_DEFAULT", payeeInfo: { note: "" } }]
 */
export function openSessionBody(code: fc.Arbitrary<string> = validCode()): fc.Arbitrary<OpenSessionRequest> {
  return fc.tuple(code, bodyWithoutCode()).map(([c, rest]) => ({ code: c, ...rest }));
}
