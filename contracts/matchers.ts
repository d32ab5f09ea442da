/**
 * The Pact matchers of the Open Session contract. Every pattern and example is read from the spec
 * (through `src/rules`), never retyped, and every template is typed from the generated `paths`, so
 * a spec change that breaks the contract breaks `npm run typecheck`.
 *
 * The matchers pin types and formats, not example values: a provider whose ids, session codes,
 * timestamps and messages differ from the examples still satisfies them.
 */
import { MatchersV3 } from "@pact-foundation/pact";
import type { paths } from "../generated/openapi-types.js";
import {
  AUTH_SCHEME,
  ERROR_CODES,
  OPEN_SESSION_PATH,
  openapiSpec,
  SESSION_STATUS,
  SESSION_TYPE,
} from "../src/rules/index.js";

type OpenSession = paths[typeof OPEN_SESSION_PATH]["post"];

/** Body of an Open Session request, as the generated types say. */
export type RequestBody = OpenSession["requestBody"]["content"]["application/json"];
/** Body of a 200 answer, as the generated types say. */
export type SessionBody = OpenSession["responses"][200]["content"]["application/json"];
/** Body of a 400 answer, as the generated types say. */
export type BadRequestBody = OpenSession["responses"][400]["content"]["application/json"];
/** Body of a 401 answer, as the generated types say. */
export type UnauthorizedBody = OpenSession["responses"][401]["content"]["application/json"];

/** A Pact body template: each field is its value (matched exactly) or a matcher of that value's type. */
export type Template<T> = { [K in keyof T]: T[K] | MatchersV3.Matcher<T[K]> };

const schemas = openapiSpec.components.schemas;
const responses = openapiSpec.paths[OPEN_SESSION_PATH].post.responses;

/** The spec's example context code (`A1B2C3`): what a consumer test sends when no state injects one. */
export const EXAMPLE_CODE: string = schemas.ContextCode.examples[0];

/** A JSON content type, with or without parameters (`application/json; charset=utf-8`). */
export const JSON_CONTENT_TYPE = MatchersV3.regex("^application/json\\s*(;.*)?$", "application/json");

const BEARER_PATTERN: string = responses["401"].headers["WWW-Authenticate"].schema.pattern;

/**
 * The `WWW-Authenticate` header every 401 carries, by the spec's pattern (`^Bearer\b`). Pact splits
 * a header value at commas and matches each part, so `Bearer realm="x", error="invalid_token"`
 * arrives as two parts: the second, an auth-param (`name=value`), is allowed too.
 */
export const WWW_AUTHENTICATE = MatchersV3.regex(
  `^(?:${BEARER_PATTERN.replace(/^\^/, "")}.*|\\s*[!#$%&'*+.^_\`|~0-9A-Za-z-]+\\s*=.*)$`,
  AUTH_SCHEME,
);

/** The request headers of a call with a bearer token. */
export function requestHeaders(token: string | undefined): Record<string, string> {
  return token === undefined
    ? { "Content-Type": "application/json" }
    : { Authorization: `${AUTH_SCHEME} ${token}`, "Content-Type": "application/json" };
}

/**
 * A request body whose code a provider state injects (`fromProviderState("${code}")`): the consumer
 * test sends the spec's example, the verifier sends the code the provider's state handler returned.
 */
export function injectedCodeRequest(extra: Pick<RequestBody, "payeeInfo"> = {}): Template<RequestBody> {
  return {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Pact's provider-state expression syntax.
    code: MatchersV3.fromProviderState("${code}", EXAMPLE_CODE),
    type: SESSION_TYPE,
    ...extra,
  };
}

/**
 * A 200 body: `id` and `code` by the spec's patterns (the session code need not equal the request's
 * code), `status` and `type` exactly, `createdAt` by the spec's ISO 8601 pattern.
 */
export const SESSION_TEMPLATE = {
  id: MatchersV3.regex(schemas.SessionId.pattern, schemas.SessionId.examples[0]),
  code: MatchersV3.regex(schemas.SessionCode.pattern, schemas.SessionCode.examples[0]),
  status: SESSION_STATUS,
  type: SESSION_TYPE,
  createdAt: MatchersV3.regex(
    schemas.Session.properties.createdAt.pattern,
    schemas.Session.properties.createdAt.examples[0],
  ),
} satisfies Template<SessionBody>;

/** A 400 `invalid_code` body: the code exactly, the message as any string. */
export const INVALID_CODE_TEMPLATE = {
  code: ERROR_CODES.invalidCode,
  message: MatchersV3.string(responses["400"].content["application/json"].examples.invalidCode.value.message),
} satisfies Template<BadRequestBody>;

/** A 401 `unauthorized` body: the code exactly, the message as any string. */
export const UNAUTHORIZED_TEMPLATE = {
  code: ERROR_CODES.unauthorized,
  message: MatchersV3.string(
    responses["401"].content["application/json"].examples.unauthorized.value.message,
  ),
} satisfies Template<UnauthorizedBody>;
