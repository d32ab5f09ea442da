/**
 * The smoke stage's cases, as data: the doc's example request and one request for each answer the
 * spec defines, each with the facts the answer oracle judges it by. A case says what it sends and
 * what it is; what the answer must be is the rules' business (src/rules/answer-oracle.ts).
 */
import { randomInt } from "node:crypto";
import {
  AUTH_SCHEME,
  CODE_ALPHABET,
  CODE_LENGTH,
  MAX_BODY_BYTES,
  OPEN_SESSION_PATH,
  type RequestFacts,
  SESSION_TYPE,
} from "../../rules/index.js";
import type { ReproducibleRequest } from "../../util/curl.js";

/** What a case's request is built from. */
export interface CaseInput {
  /** The Open Session URL. */
  readonly url: string;
  /** The real `Authorization` header. */
  readonly auth: string;
  /** A code of the kind the case asks for (`needs`), or a well-formed code no payer shared. */
  readonly code: string;
}

/** One smoke case. */
export interface SmokeCase {
  /** The request, in words. */
  readonly name: string;
  /** What the request is, for the oracle. */
  readonly facts: RequestFacts;
  /** A code the case needs from the provider states: a freshly shared one, or an expired one. */
  readonly needs?: "shared" | "expired";
  /** Where the case's code cannot be had (no state endpoint), the facts with an unshared code instead. */
  readonly withoutStates?: RequestFacts;
  readonly request: (input: CaseInput) => ReproducibleRequest;
}

const JSON_TYPE = "application/json";
const body = (code: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ code, type: SESSION_TYPE, ...extra });
const post = (input: CaseInput, text: string, headers: Record<string, string> = {}): ReproducibleRequest => ({
  method: "POST",
  url: input.url,
  headers: { authorization: input.auth, "content-type": JSON_TYPE, ...headers },
  body: text,
});

/** A well-formed code that is most unlikely to have been shared (36^6 possibilities). */
export const unsharedCode = (): string =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

/** Every case, in report order. */
export const SMOKE_CASES: readonly SmokeCase[] = [
  {
    name: "the doc's example request with a shared code",
    facts: {},
    needs: "shared",
    request: (input) => post(input, body(input.code)),
  },
  {
    name: "a shared code with payeeInfo",
    facts: { payeeInfo: "object" },
    needs: "shared",
    // Characters beyond ASCII, as a payee's note may hold: a provider must read the body as UTF-8.
    request: (input) =>
      post(input, body(input.code, { payeeInfo: { storeId: "store-42", note: "smoke test – café" } })),
  },
  {
    name: "a malformed code (a1b2)",
    facts: { code: "wrong-length" },
    request: (input) => post(input, body("a1b2")),
  },
  {
    name: "a code that is not a string",
    facts: { code: "not-string" },
    request: (input) => post(input, body(123456)),
  },
  {
    name: "a lower-case form of a shared code",
    facts: { code: "near-miss" },
    needs: "shared",
    // A code of digits has no lower case: its near miss is then the code with a space before it.
    request: (input) => {
      const lower = input.code.toLowerCase();
      return post(input, body(lower !== input.code ? lower : ` ${input.code}`));
    },
  },
  {
    name: "a well-formed code no payer shared",
    facts: { code: "unshared" },
    request: (input) => post(input, body(input.code)),
  },
  {
    name: "an expired code",
    facts: { code: "expired" },
    needs: "expired",
    request: (input) => post(input, body(input.code)),
  },
  {
    name: "a body that is not JSON",
    facts: { body: "not-json" },
    request: (input) => post(input, "{not json"),
  },
  {
    name: "a wrong session type with a shared code",
    facts: { type: "wrong" },
    needs: "shared",
    request: (input) => post(input, JSON.stringify({ code: input.code, type: "SESSION_SPLIT" })),
  },
  {
    name: "no Authorization header",
    facts: { auth: "missing" },
    needs: "shared",
    withoutStates: { auth: "missing", code: "unshared" },
    request: (input) => ({
      method: "POST",
      url: input.url,
      headers: { "content-type": JSON_TYPE },
      body: body(input.code),
    }),
  },
  {
    name: "an unknown bearer token with a shared code",
    facts: { auth: "invalid" },
    needs: "shared",
    withoutStates: { auth: "invalid", code: "unshared" },
    request: (input) => post(input, body(input.code), { authorization: `${AUTH_SCHEME} not-a-known-token` }),
  },
  {
    name: "an unknown bearer token with a body that is not JSON",
    facts: { auth: "invalid", body: "not-json" },
    request: (input) => post(input, "{not json", { authorization: `${AUTH_SCHEME} not-a-known-token` }),
  },
  {
    name: "a valid body sent as text/plain",
    facts: { media: "other" },
    needs: "shared",
    withoutStates: { media: "other", code: "unshared" },
    request: (input) => post(input, body(input.code), { "content-type": "text/plain" }),
  },
  {
    name: `a valid body over ${MAX_BODY_BYTES / 1024} KiB`,
    facts: { tooLarge: true, payeeInfo: "object" },
    needs: "shared",
    withoutStates: { tooLarge: true, payeeInfo: "object", code: "unshared" },
    request: (input) =>
      post(input, body(input.code, { payeeInfo: { pad: "x".repeat(MAX_BODY_BYTES + 1024) } })),
  },
  {
    name: "GET on the path",
    facts: { route: "other-method" },
    request: (input) => ({ method: "GET", url: input.url, headers: { authorization: input.auth } }),
  },
  {
    name: "an unknown path",
    facts: { route: "unknown-path" },
    request: (input) =>
      post(
        { ...input, url: input.url.replace(new RegExp(`${OPEN_SESSION_PATH}$`), `${OPEN_SESSION_PATH}x`) },
        body(input.code),
      ),
  },
];
