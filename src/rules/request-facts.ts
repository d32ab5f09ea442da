/**
 * What a request is, in the terms of the rules: the facts the answer oracle needs to decide which
 * answers the doc allows and which one the spec expects. Stages describe their requests with these
 * facts (as data), never with the answer they expect: the answer is the rules' business.
 */
import { CODE_LENGTH, CODE_REGEXP } from "./code-rule.js";

/** The context code a request carries. */
export type CodeFact =
  /** Shared by a payer, unexpired: it opens a session. */
  | "shared"
  /** Shared and already used to open a session: the doc leaves reuse open. */
  | "reused"
  /** 6 characters of `A-Z0-9` that no payer shared. */
  | "unshared"
  /** Shared, then expired. */
  | "expired"
  /** 6 characters, not all of `A-Z0-9` (lower case, punctuation, other scripts), never shared. */
  | "bad-alphabet"
  /** A case or whitespace variant of a shared code (`a1b2c3`, ` A1B2C3`): normalising it is a choice. */
  | "near-miss"
  /** A string of another length than 6. */
  | "wrong-length"
  /** A JSON value that is not a string. */
  | "not-string"
  /** No `code` field. */
  | "missing";

/** One request, as the rules see it. Absent fields take the value of a request the doc allows. */
export interface RequestFacts {
  /** Which path and method: Open Session (default), a path the API does not have, another method. */
  readonly route?: "open-session" | "unknown-path" | "other-method";
  /** The bearer token: the real one (default), none, or one the provider must refuse. */
  readonly auth?: "valid" | "missing" | "invalid";
  /** The body's media type: JSON (default) or another. */
  readonly media?: "json" | "other";
  /** Whether the body is over the spec's size limit. */
  readonly tooLarge?: boolean;
  /** The body: a JSON object (default), text that is not JSON, or JSON that is not an object. */
  readonly body?: "object" | "not-json" | "not-object";
  /** In an object body: the code (default `shared`). */
  readonly code?: CodeFact;
  /** In an object body: the type, `SESSION_DEFAULT` (default), missing or another. */
  readonly type?: "ok" | "missing" | "wrong";
  /** In an object body: `payeeInfo` absent (default), an object, or another JSON value. */
  readonly payeeInfo?: "absent" | "object" | "not-object";
  /** In an object body: fields the doc does not name. */
  readonly extraFields?: boolean;
}

/**
 * The facts of a request the doc allows (a shared code, the real token), with `changes`.
 *
 * @example
 * requestFacts({ code: "unshared" }); // a well-formed code no payer shared
 * requestFacts({ auth: "invalid", code: "wrong-length" }); // a bad token and a bad code
 */
export function requestFacts(changes: RequestFacts = {}): Required<RequestFacts> {
  return {
    route: "open-session",
    auth: "valid",
    media: "json",
    tooLarge: false,
    body: "object",
    code: "shared",
    type: "ok",
    payeeInfo: "absent",
    extraFields: false,
    ...changes,
  };
}

/**
 * The fact of a code value as sent, when nothing says it was shared: missing, not a string, of
 * another length (in characters, as JSON Schema counts them), of other characters, or a
 * well-formed code no payer shared.
 *
 * @example
 * codeFactOf("a1b2"); // "wrong-length"
 * codeFactOf("a1b2c3"); // "bad-alphabet"
 * codeFactOf(123456); // "not-string"
 */
export function codeFactOf(value: unknown): CodeFact {
  if (value === undefined) return "missing";
  if (typeof value !== "string") return "not-string";
  if ([...value].length !== CODE_LENGTH) return "wrong-length";
  return CODE_REGEXP.test(value) ? "unshared" : "bad-alphabet";
}

/** A code as a lenient provider might read it: compatibility forms folded, whitespace gone, upper case. */
const normalised = (code: string): string => code.normalize("NFKC").replace(/\s+/gu, "").toUpperCase();

/**
 * The fact of a code value derived from a shared code: the shared code itself, a near miss (a
 * form a provider could normalise back to it: case, whitespace, full-width), or, when no
 * normalisation gives it back, what {@link codeFactOf} says.
 *
 * @example
 * codeFactAgainst("a1b2c3", "A1B2C3"); // "near-miss"
 * codeFactAgainst("A1B2C", "A1B2C3"); // "wrong-length"
 */
export function codeFactAgainst(value: unknown, shared: string): CodeFact {
  if (value === shared) return "shared";
  if (typeof value === "string" && normalised(value) === shared) return "near-miss";
  return codeFactOf(value);
}
