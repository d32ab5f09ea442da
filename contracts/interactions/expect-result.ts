/**
 * The checks a consumer interaction makes on the client's result: the facts the payee app relies
 * on (a session it can use, or an error code it can branch on), not the mock's example values.
 */
import type { OpenSessionResult } from "../../src/client/index.js";
import { isWellFormedCode, SESSION_STATUS, SESSION_TYPE, type Session } from "../../src/rules/index.js";
import { ContractExpectationError } from "./contract-interaction.js";

/** Checks that the client opened a session of the spec's shape; returns it. */
export function expectSession(description: string, result: OpenSessionResult): Session {
  if (
    !result.ok ||
    !isWellFormedCode(result.session.code) ||
    result.session.status !== SESSION_STATUS ||
    result.session.type !== SESSION_TYPE ||
    typeof result.session.id !== "string"
  ) {
    throw new ContractExpectationError(description, `an ${SESSION_STATUS} ${SESSION_TYPE} session`, result);
  }
  return result.session;
}

/** Checks that the client got the error `code` with HTTP `status`. */
export function expectError(
  description: string,
  result: OpenSessionResult,
  status: number,
  code: string,
): void {
  if (result.ok || result.status !== status || result.error.code !== code) {
    throw new ContractExpectationError(description, `${status} ${code}`, result);
  }
}
