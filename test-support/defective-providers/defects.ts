/**
 * The project's one set of deliberately broken providers: each is the reference provider with one
 * defect a real deployment could have in the shapes the doc fixes. Contract verification and the
 * fuzzer are both measured against this set; a provider that follows the doc
 * ({@link startConformingVariant}) must pass both.
 */

import { AUTH_SCHEME, CODE_REGEXP, ERROR_CODES, type RuleId } from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { isOpenSession, onSessionBody, parseObject } from "./exchange-edits.js";
import {
  type Answer,
  type Behaviour,
  type DefectiveProvider,
  type Exchange,
  startProxyProvider,
} from "./start-proxy-provider.js";

/** What a defect breaks. */
export type DefectKind = "validation" | "authentication" | "crash" | "shape" | "status";

/** One deliberately broken provider. */
export interface Defect {
  /** Short kebab-case name. */
  readonly id: string;
  /** What is wrong, as a sentence. */
  readonly description: string;
  readonly kind: DefectKind;
  /**
   * The rule it breaks. A defect on a doc rule must fail a run under either policy; one on an
   * assumption fails under `--rules spec` and is a deviation under `--rules doc`.
   */
  readonly rule: RuleId;
  /** Starts a provider with this defect on a free port of 127.0.0.1. */
  start(): Promise<DefectiveProvider>;
}

/** Replaces the request's code with a freshly shared one, so the reference logic accepts it. */
const withSharedCode = (exchange: Exchange, code: string): Exchange => {
  const body = parseObject(exchange.body) ?? {};
  return { ...exchange, body: JSON.stringify({ ...body, code }) };
};

const authorized = (exchange: Exchange, token: string): Exchange => ({
  ...exchange,
  headers: { ...exchange.headers, authorization: `${AUTH_SCHEME} ${token}` },
});

const crash = (): Answer => ({
  status: 500,
  headers: { "content-type": "text/html" },
  body: "<pre>TypeError: code.toUpperCase is not a function\n    at openSession (/srv/app/sessions.js:42:17)</pre>",
});

const requestCode = (exchange: Exchange): unknown => parseObject(exchange.body)?.code;

const defect = (
  id: string,
  rule: RuleId,
  kind: DefectKind,
  description: string,
  behaviour: Behaviour,
): Defect => ({
  id,
  rule,
  kind,
  description,
  start: () => startProxyProvider(behaviour),
});

/** Every defect of the set. */
export const DEFECTS: readonly Defect[] = [
  defect(
    "success-201",
    "success-200-session",
    "status",
    "answers a newly opened session with 201 instead of 200",
    {
      answer: (answer, exchange) =>
        isOpenSession(exchange) && answer.status === 200 ? { ...answer, status: 201 } : answer,
    },
  ),
  defect("missing-created-at", "success-200-session", "shape", "leaves createdAt out of the session", {
    answer: onSessionBody(({ createdAt: _, ...rest }) => rest),
  }),
  defect("id-number", "success-200-session", "shape", "answers the session id as a number", {
    answer: onSessionBody((s) => ({ ...s, id: 1234 })),
  }),
  defect("status-active", "success-200-session", "shape", 'answers status "ACTIVE" instead of "OPEN"', {
    answer: onSessionBody((s) => ({ ...s, status: "ACTIVE" })),
  }),
  defect("type-lowercase", "success-200-session", "shape", 'answers type "session_default"', {
    answer: onSessionBody((s) => ({ ...s, type: "session_default" })),
  }),
  defect("created-at-epoch", "success-200-session", "shape", "answers createdAt as epoch milliseconds", {
    answer: onSessionBody((s) => ({ ...s, createdAt: Date.now() })),
  }),
  defect("session-code-lowercase", "session-code-form", "shape", "answers a session code in lower case", {
    answer: onSessionBody((s) => ({ ...s, code: String(s.code).toLowerCase() })),
  }),
  defect("duplicate-session-ids", "session-id-unique", "shape", "gives every session the same id", {
    answer: onSessionBody((s) => ({ ...s, id: "ses_fixed" })),
  }),
  defect(
    "error-code-renamed",
    "invalid-code-400",
    "shape",
    'answers a bad code with error code "bad_code" instead of "invalid_code"',
    {
      answer: (answer) => {
        const body = parseObject(answer.body);
        return body?.code === ERROR_CODES.invalidCode
          ? { ...answer, body: JSON.stringify({ ...body, code: "bad_code" }) }
          : answer;
      },
    },
  ),
  defect("error-body-text", "invalid-code-400", "shape", "answers errors with a plain-text body", {
    answer: (answer) =>
      answer.status >= 400
        ? { ...answer, headers: { ...answer.headers, "content-type": "text/plain" }, body: "Bad Request" }
        : answer,
  }),
  defect("content-type-text", "json-media-type", "shape", "serves every answer as text/plain", {
    answer: (answer) => ({ ...answer, headers: { ...answer.headers, "content-type": "text/plain" } }),
  }),
  defect(
    "missing-auth-accepted",
    "auth-401-unauthorized",
    "authentication",
    "opens sessions for requests with no Authorization header",
    {
      request: (exchange, { token }) =>
        isOpenSession(exchange) && exchange.headers.authorization === undefined
          ? authorized(exchange, token)
          : exchange,
    },
  ),
  defect("any-token-accepted", "auth-401-unauthorized", "authentication", "accepts any bearer token", {
    request: (exchange, { token }) =>
      isOpenSession(exchange) && /^bearer\s+\S/i.test(exchange.headers.authorization ?? "")
        ? authorized(exchange, token)
        : exchange,
  }),
  defect(
    "auth-403",
    "auth-401-unauthorized",
    "authentication",
    "answers an unknown token with 403 instead of 401",
    {
      answer: (answer) =>
        answer.status === 401
          ? { ...answer, status: 403, body: JSON.stringify({ code: "forbidden", message: "Forbidden" }) }
          : answer,
    },
  ),
  defect(
    "no-www-authenticate",
    "www-authenticate-bearer",
    "authentication",
    "leaves WWW-Authenticate out of 401 answers",
    {
      answer: (answer) => {
        if (answer.status !== 401) return answer;
        const { "www-authenticate": _, ...headers } = answer.headers;
        return { ...answer, headers };
      },
    },
  ),
  defect(
    "body-before-auth",
    "auth-before-body",
    "authentication",
    "checks the body before the token (a bad token with a bad body is 400)",
    {
      request: (exchange) => {
        if (!isOpenSession(exchange)) return exchange;
        const code = requestCode(exchange);
        if (typeof code !== "string" || !CODE_REGEXP.test(code)) {
          return {
            status: 400,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              code: ERROR_CODES.invalidCode,
              message: "The context code is invalid or expired",
            }),
          };
        }
        return exchange;
      },
    },
  ),
  defect(
    "malformed-code-accepted",
    "invalid-code-400",
    "validation",
    "opens sessions for codes that are not 6 of A-Z0-9",
    {
      request: (exchange, { store }) => {
        if (!isOpenSession(exchange)) return exchange;
        const code = requestCode(exchange);
        return typeof code === "string" && !CODE_REGEXP.test(code)
          ? withSharedCode(exchange, store.share())
          : exchange;
      },
    },
  ),
  defect(
    "code-normalised",
    "code-no-normalisation",
    "validation",
    "trims and upper-cases the code before checking it",
    {
      request: (exchange) => {
        if (!isOpenSession(exchange)) return exchange;
        const body = parseObject(exchange.body);
        return body && typeof body.code === "string"
          ? { ...exchange, body: JSON.stringify({ ...body, code: body.code.trim().toUpperCase() }) }
          : exchange;
      },
    },
  ),
  defect(
    "unknown-code-accepted",
    "invalid-code-400",
    "validation",
    "opens sessions for well-formed codes no payer shared",
    {
      request: (exchange, { store }) => {
        if (!isOpenSession(exchange)) return exchange;
        const code = requestCode(exchange);
        return typeof code === "string" && CODE_REGEXP.test(code) && !store.isUsable(code)
          ? withSharedCode(exchange, store.share())
          : exchange;
      },
    },
  ),
  defect(
    "expired-code-accepted",
    "invalid-code-400",
    "validation",
    "opens sessions for codes that have expired",
    {
      // The expired state hands out a code that is in fact still valid.
      request: (exchange, { store }) => {
        const state = parseObject(exchange.body)?.state;
        if (state === PROVIDER_STATES.codeExpired && exchange.path.startsWith("/_pact/")) {
          return {
            status: 200,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ code: store.share() }),
          };
        }
        return exchange;
      },
    },
  ),
  defect(
    "crash-on-non-string-code",
    "no-server-error",
    "crash",
    "fails with a 500 and a stack trace when code is not a string",
    {
      request: (exchange) => {
        if (!isOpenSession(exchange)) return exchange;
        const body = parseObject(exchange.body);
        return body && "code" in body && typeof body.code !== "string" ? crash() : exchange;
      },
    },
  ),
  defect(
    "crash-on-non-ascii",
    "no-server-error",
    "crash",
    "fails with a 500 when the body holds characters outside ASCII",
    {
      request: (exchange) =>
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the defect is about such characters.
        isOpenSession(exchange) && /[^\u0000-\u007f]/.test(exchange.body) ? crash() : exchange,
    },
  ),
];

/**
 * A provider that follows the doc but differs from the examples and from the reference provider
 * everywhere the doc leaves room: other id and session-code values, a fixed past creation time,
 * other messages, a charset parameter, a richer WWW-Authenticate and an extra field.
 */
export function startConformingVariant(): Promise<DefectiveProvider> {
  let n = 0;
  return startProxyProvider({
    answer: (answer, exchange) => {
      const headers: Record<string, string> = {
        ...answer.headers,
        "content-type": "application/json; charset=utf-8",
      };
      if (headers["www-authenticate"])
        headers["www-authenticate"] = `${AUTH_SCHEME} realm="bleepay", error="invalid_token"`;
      const body = parseObject(answer.body);
      if (!body) return { ...answer, headers };
      if (isOpenSession(exchange) && answer.status === 200) {
        n += 1;
        return {
          ...answer,
          headers,
          body: JSON.stringify({
            createdAt: "2031-01-02T03:04:05.678Z",
            type: body.type,
            status: body.status,
            code: "Z9Y8X7",
            id: `ses_variant-${n}_${Math.random().toString(36).slice(2)}`,
            expiresAt: "2031-01-02T03:14:05.678Z",
          }),
        };
      }
      return typeof body.message === "string"
        ? {
            ...answer,
            headers,
            body: JSON.stringify({
              message: `Variant says: ${body.message}`,
              code: body.code,
              traceId: "t-1",
            }),
          }
        : { ...answer, headers };
    },
  });
}
