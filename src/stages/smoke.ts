/**
 * The smoke stage: the doc's request example and one request for each row of the error table,
 * each answer checked for its status, error code, headers and the spec's schema.
 */
import { randomInt } from "node:crypto";
import { sendRequest } from "../http/send-request.js";
import {
  AUTH_SCHEME,
  CODE_ALPHABET,
  CODE_LENGTH,
  checkAnswerBody,
  ERROR_CODES,
  OPEN_SESSION_PATH,
  SESSION_TYPE,
} from "../rules/index.js";
import { createStateSetupClient } from "../state-setup/index.js";
import { type ReproducibleRequest, toCurl } from "../util/curl.js";
import { requestTimeoutOption } from "./request-timeout.js";
import { type CheckResult, defineStage, overallOutcome } from "./stage.js";

interface SmokeCase {
  readonly name: string;
  readonly needsSharedCode?: boolean;
  readonly request: (url: string, auth: string, code: string) => ReproducibleRequest;
  readonly status: number;
  readonly errorCode?: string;
  readonly headers?: Readonly<Record<string, RegExp>>;
}

const json = "application/json";
const body = (code: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ code, type: SESSION_TYPE, ...extra });

/** A well-formed code that is most unlikely to have been shared (36^6 possibilities). */
const unsharedCode = (): string =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

const CASES: readonly SmokeCase[] = [
  {
    name: "the doc's example request with a shared code opens a session (200)",
    needsSharedCode: true,
    request: (url, auth, code) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: body(code),
    }),
    status: 200,
  },
  {
    name: "a shared code with payeeInfo opens a session (200)",
    needsSharedCode: true,
    request: (url, auth, code) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: body(code, { payeeInfo: { storeId: "store-42", note: "smoke" } }),
    }),
    status: 200,
  },
  {
    name: "a malformed code is 400 invalid_code",
    request: (url, auth) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: body("a1b2"),
    }),
    status: 400,
    errorCode: ERROR_CODES.invalidCode,
  },
  {
    name: "a well-formed code no payer shared is 400 invalid_code",
    request: (url, auth) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: body(unsharedCode()),
    }),
    status: 400,
    errorCode: ERROR_CODES.invalidCode,
  },
  {
    name: "a body that is not JSON is 400 invalid_request",
    request: (url, auth) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: "{not json",
    }),
    status: 400,
    errorCode: ERROR_CODES.invalidRequest,
  },
  {
    name: "a wrong session type is 400 invalid_request",
    needsSharedCode: true,
    request: (url, auth, code) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: JSON.stringify({ code, type: "SESSION_SPLIT" }),
    }),
    status: 400,
    errorCode: ERROR_CODES.invalidRequest,
  },
  {
    name: "no Authorization header is 401 unauthorized with WWW-Authenticate",
    request: (url) => ({
      method: "POST",
      url,
      headers: { "content-type": json },
      body: body(unsharedCode()),
    }),
    status: 401,
    errorCode: ERROR_CODES.unauthorized,
    headers: { "www-authenticate": new RegExp(`^${AUTH_SCHEME}\\b`, "i") },
  },
  {
    name: "an unknown bearer token is 401 unauthorized, even with a bad body",
    request: (url) => ({
      method: "POST",
      url,
      headers: { authorization: `${AUTH_SCHEME} not-a-known-token`, "content-type": json },
      body: "{not json",
    }),
    status: 401,
    errorCode: ERROR_CODES.unauthorized,
    headers: { "www-authenticate": new RegExp(`^${AUTH_SCHEME}\\b`, "i") },
  },
  {
    name: "a body sent as text/plain is 415 unsupported_media_type",
    request: (url, auth) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": "text/plain" },
      body: body("A1B2C3"),
    }),
    status: 415,
    errorCode: ERROR_CODES.unsupportedMediaType,
  },
  {
    name: "a body over 16 KiB is 413 payload_too_large",
    request: (url, auth) => ({
      method: "POST",
      url,
      headers: { authorization: auth, "content-type": json },
      body: body("A1B2C3", { payeeInfo: { pad: "x".repeat(17 * 1024) } }),
    }),
    status: 413,
    errorCode: ERROR_CODES.payloadTooLarge,
  },
  {
    name: "GET on the path is 405 method_not_allowed with Allow: POST",
    request: (url, auth) => ({ method: "GET", url, headers: { authorization: auth } }),
    status: 405,
    errorCode: ERROR_CODES.methodNotAllowed,
    headers: { allow: /\bPOST\b/ },
  },
  {
    name: "an unknown path is 404 not_found",
    request: (url, auth) => ({
      method: "POST",
      url: url.replace(/session-open$/, "session-opn"),
      headers: { authorization: auth, "content-type": json },
      body: body("A1B2C3"),
    }),
    status: 404,
    errorCode: ERROR_CODES.notFound,
  },
];

/** The smoke stage. */
export const smokeStage = defineStage({
  name: "smoke",
  summary: "Send the doc's example and one request per error-table row; check each answer",
  help: `
Sends the doc's example request (with a code from the provider-state endpoint) and one request
for each answer the spec defines (400 invalid_code and invalid_request, 401, 404, 405, 413, 415),
and checks each answer's status, error code, required headers and body schema.
Without a state-setup URL, the checks that need a shared code are reported as not run.
A request without an answer within --timeout fails its check; a provider-state call without one
stops the stage (exit 2), naming the state-setup URL.

Examples:
  bleepay-qa smoke
  bleepay-qa smoke --timeout 2s
  bleepay-qa smoke --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states`,
  options: {
    timeout: requestTimeoutOption(
      "Per-request timeout, of the provider-state calls too; a request without an answer fails its check",
    ),
  },
  settings: ({ timeout }) => ({ timeoutMs: timeout }),
  async run({ timeoutMs }, { target, signal }) {
    const started = performance.now();
    const url = `${target.baseUrl}${OPEN_SESSION_PATH}`;
    const auth = `${AUTH_SCHEME} ${target.token}`;
    const states = target.stateSetupUrl
      ? createStateSetupClient({ url: target.stateSetupUrl, timeoutMs })
      : undefined;
    // The cases are independent, so they run side by side: against a target that answers too
    // slowly, smoke ends after about one --timeout rather than one per case (12 of them).
    const runCase = async (c: SmokeCase): Promise<CheckResult> => {
      if (c.needsSharedCode && !states) {
        return { name: c.name, outcome: "not-run", detail: "needs a shared code: give --state-setup-url" };
      }
      const code = c.needsSharedCode && states ? await states.sharedCode() : "";
      const request = c.request(url, auth, code);
      const answer = await sendRequest(request, { timeoutMs, signal });
      const reproduce = toCurl(request, { realToken: target.token });
      if (!answer.ok) {
        return {
          name: c.name,
          outcome: "failed",
          detail: `no answer from ${request.url}: ${answer.cause}`,
          reproduce,
        };
      }
      const problems: string[] = [];
      if (answer.status !== c.status) problems.push(`status: expected ${c.status}, got ${answer.status}`);
      if (!/^application\/json\b/i.test(answer.headers["content-type"] ?? "")) {
        problems.push(
          `content-type: expected application/json, got ${JSON.stringify(answer.headers["content-type"] ?? null)}`,
        );
      }
      if (answer.json === undefined)
        problems.push(`body: expected JSON, got ${JSON.stringify(answer.text.slice(0, 120))}`);
      else {
        const errorCode = (answer.json as { code?: unknown }).code;
        if (c.errorCode && errorCode !== c.errorCode) {
          problems.push(
            `body.code: expected ${JSON.stringify(c.errorCode)}, got ${JSON.stringify(errorCode)}`,
          );
        }
        if (answer.status === c.status)
          problems.push(
            ...checkAnswerBody(answer.status, answer.json).map(
              (p) => `body${p.startsWith("/") ? "" : " "}${p}`,
            ),
          );
      }
      for (const [name, pattern] of Object.entries(c.headers ?? {})) {
        const value = answer.headers[name];
        if (value === undefined || !pattern.test(value))
          problems.push(`header ${name}: expected ${pattern}, got ${JSON.stringify(value ?? null)}`);
      }
      return problems.length === 0
        ? { name: c.name, outcome: "passed" }
        : { name: c.name, outcome: "failed", detail: problems.join("; "), reproduce };
    };
    const results = await Promise.all(CASES.map((c) => (signal.aborted ? undefined : runCase(c))));
    const checks = results.filter((c): c is CheckResult => c !== undefined);
    const failed = checks.filter((c) => c.outcome === "failed").length;
    const passed = checks.filter((c) => c.outcome === "passed").length;
    const notRun = checks.length - failed - passed;
    return {
      stage: "smoke",
      outcome: overallOutcome(checks),
      summary: `${passed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ""}`,
      checks,
      figures: { checks: checks.length, failed },
      durationMs: performance.now() - started,
    };
  },
});
