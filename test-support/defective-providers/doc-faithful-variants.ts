/**
 * Providers that follow every rule the API doc states and break one assumption of the spec each:
 * where the doc is silent, they chose differently. A verdict under `--rules doc` must pass each of
 * them, listing its deviation; under `--rules spec` it must fail each. They are the reference
 * provider with one rewrite, like the defective providers of this folder.
 */
import { randomUUID } from "node:crypto";
import { AUTH_SCHEME, CODE_REGEXP, ERROR_CODES, type RuleId, SESSION_TYPE } from "../../src/rules/index.js";
import { isOpenSession, isOpenSessionPath, onSessionBody, parseObject } from "./exchange-edits.js";
import {
  type Answer,
  type Behaviour,
  type DefectiveProvider,
  startProxyProvider,
} from "./start-proxy-provider.js";

/** One doc-following provider that departs from one assumption. */
export interface DocFaithfulVariant {
  readonly id: string;
  /** What it does differently, as a sentence. */
  readonly description: string;
  /** The assumption of the spec it does not follow. */
  readonly assumption: RuleId;
  start(): Promise<DefectiveProvider>;
}

const json = (status: number, body: unknown): Answer => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const variant = (
  id: string,
  assumption: RuleId,
  description: string,
  behaviour: Behaviour,
): DocFaithfulVariant => ({ id, assumption, description, start: () => startProxyProvider(behaviour) });

/** Every doc-faithful variant. */
export const DOC_FAITHFUL_VARIANTS: readonly DocFaithfulVariant[] = [
  variant("accepts-text-plain", "unsupported-media-type-415", "reads a JSON body sent as text/plain", {
    request: (exchange) =>
      isOpenSession(exchange) && /^text\/plain\b/i.test(exchange.headers["content-type"] ?? "")
        ? { ...exchange, headers: { ...exchange.headers, "content-type": "application/json" } }
        : exchange,
  }),
  variant(
    "get-is-404",
    "method-not-allowed-405",
    "answers another method on the path 404, as an unknown route",
    {
      request: (exchange) =>
        isOpenSessionPath(exchange) && exchange.method !== "POST"
          ? json(404, { code: ERROR_CODES.notFound, message: "No such route" })
          : exchange,
    },
  ),
  variant("takes-64-kib", "payload-too-large-413", "takes bodies up to 64 KiB", {
    inner: { maxBodyBytes: 64 * 1024 },
  }),
  variant(
    "error-envelope",
    "error-body-shape",
    'wraps every error as {"error": {"code", "detail"}}, naming the doc\'s code',
    {
      answer: (answer) => {
        const body = parseObject(answer.body);
        return answer.status >= 400 && typeof body?.code === "string"
          ? { ...answer, body: JSON.stringify({ error: { code: body.code, detail: body.message } }) }
          : answer;
      },
    },
  ),
  variant("upper-cases-codes", "code-no-normalisation", "reads a lower-case code as its upper case", {
    request: (exchange) => {
      const body = parseObject(exchange.body);
      return isOpenSession(exchange) && body && typeof body.code === "string"
        ? { ...exchange, body: JSON.stringify({ ...body, code: body.code.toUpperCase() }) }
        : exchange;
    },
  }),
  variant("type-is-422", "invalid-request-400", "answers a missing or wrong type 422 invalid_type", {
    answer: (answer, exchange) => {
      const body = parseObject(exchange.body);
      const code = parseObject(answer.body)?.code;
      return isOpenSession(exchange) &&
        answer.status === 400 &&
        code === ERROR_CODES.invalidRequest &&
        body !== undefined &&
        body.type !== SESSION_TYPE
        ? json(422, { code: "invalid_type", message: `type must be ${SESSION_TYPE}` })
        : answer;
    },
  }),
  variant("body-before-token", "auth-before-body", "checks the body, the code included, before the token", {
    request: (exchange, { store, token }) => {
      if (!isOpenSession(exchange) || exchange.headers.authorization === `${AUTH_SCHEME} ${token}`)
        return exchange;
      const body = parseObject(exchange.body);
      if (!body)
        return json(400, { code: ERROR_CODES.invalidRequest, message: "The body is not a JSON object" });
      const code = body.code;
      if (typeof code !== "string" || !CODE_REGEXP.test(code) || !store.isUsable(code))
        return json(400, {
          code: ERROR_CODES.invalidCode,
          message: "The context code is invalid or expired",
        });
      if (body.type !== SESSION_TYPE)
        return json(400, { code: ERROR_CODES.invalidRequest, message: `type must be ${SESSION_TYPE}` });
      return exchange;
    },
  }),
  variant("seconds-timestamps", "created-at-form", "gives createdAt to the second, without milliseconds", {
    answer: onSessionBody((s) => ({ ...s, createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") })),
  }),
  variant("uuid-ids", "session-id-form", "gives session ids that are bare UUIDs", {
    answer: onSessionBody((s) => ({ ...s, id: randomUUID() })),
  }),
];
