/**
 * What the client's `openSession` returns: a discriminated union, never a thrown HTTP error.
 */
import type { ErrorBody, Session } from "../rules/index.js";

/** Why a request failed before the provider answered. */
export type ClientFailureCode =
  /** The code broke the spec's rule, so no request was sent. */
  | "client_invalid_code"
  /** The connection failed (refused, reset, DNS, TLS…). */
  | "network_error"
  /** No answer within the client's timeout. */
  | "timeout";

/** A failure on the client's side: no answer from the provider. */
export interface ClientFailure {
  readonly code: ClientFailureCode;
  /** One line naming the URL and the cause; never contains the token. */
  readonly message: string;
  /** The URL the request was for. */
  readonly url: string;
}

/** The result of one Open Session call. */
export type OpenSessionResult =
  /** The provider opened a session. */
  | { readonly ok: true; readonly status: 200; readonly session: Session }
  /** The provider answered with an error status; `error` is its body (or a stand-in if not JSON). */
  | { readonly ok: false; readonly status: number; readonly error: ErrorBody }
  /** No answer: `status` is 0 and `error` says why. */
  | { readonly ok: false; readonly status: 0; readonly error: ClientFailure };
