/**
 * What one consumer interaction is: defined once, used by the vitest suite (one test each) and by
 * `bleepay-qa contracts` (which cannot run vitest). Each adds itself to a `PactV4`, then drives the
 * real client against Pact's mock server and checks what the payee app relies on.
 */
import type { PactV4 } from "@pact-foundation/pact";
import type { OpenSessionResult } from "../../src/client/index.js";

/** A consumer interaction of the Open Session contract. */
export interface ContractInteraction {
  /** Pact's `uponReceiving` description; also the check's name in reports. */
  readonly description: string;
  /** The provider state, as a sentence, when the interaction needs one. */
  readonly state?: string;
  /** The HTTP status the interaction expects. */
  readonly status: number;
  /** The error body's `code` the interaction expects, for error answers (coverage matrix). */
  readonly errorCode?: string;
  /**
   * Adds the interaction to `pact` and exercises it with the client against the mock server.
   * Resolves to the client's result once it has been checked; rejects with a
   * {@link ContractExpectationError} when the client saw something else, or with Pact's own error
   * when the client's request did not match the interaction.
   */
  run(pact: PactV4): Promise<OpenSessionResult>;
}

/** The client got an answer other than the one the interaction promises. */
export class ContractExpectationError extends Error {
  constructor(description: string, expected: string, result: OpenSessionResult) {
    super(`${description}: expected ${expected}, the client got ${describeResult(result)}`);
    this.name = "ContractExpectationError";
  }
}

/** One line describing a client result (no token can appear: the client redacts its messages). */
export function describeResult(result: OpenSessionResult): string {
  return result.ok
    ? `200 with session ${JSON.stringify(result.session)}`
    : `${result.status || "no answer"} ${result.error.code}: ${result.error.message}`;
}
