/**
 * The answer oracle: the one module that decides whether an answer is right. Given what a request
 * is ({@link RequestFacts}) and what came back, it returns findings, each naming the rule it breaks
 * and that rule's basis. Smoke, fuzz, load's sampled check and verify's explanations all judge here.
 *
 * Two layers, so that a verdict can follow the doc alone:
 * - the doc's: which answers the doc allows for the request. A request the doc forbids opens no
 *   session; an error the doc names (401 `unauthorized`, 400 `invalid_code`) must be named by the
 *   answer, in any shape; where the doc is silent (a wrong media type, a large body), any 4xx or a
 *   session will do, and when a request breaks several rules, any of their answers will do.
 * - the spec's: the one answer this spec decided on, and its exact form (`{code, message}` JSON,
 *   headers, the session's formats). A departure that the doc allows is a finding on an assumption.
 */
import { ERROR_CODES, type ErrorCode } from "./error-codes.js";
import { type RequestFacts, requestFacts } from "./request-facts.js";
import { type RuleBasis, type RuleId, ruleOf } from "./rule-catalog.js";
import { describeSchemaErrors, schemaValidator } from "./schema-validators.js";
import { AUTH_SCHEME, SESSION_STATUS, SESSION_TYPE } from "./spec.js";

/** An HTTP answer (the shape of `src/http`'s `RawAnswer`). Header names in lower case. */
export interface ObservedAnswer {
  readonly ok: true;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON, `undefined` when it is not JSON. */
  readonly json: unknown;
}

/** A request that got no HTTP answer: a timeout or a socket error. */
export interface NoAnswer {
  readonly ok: false;
  readonly cause: string;
}

/** One rule an answer breaks. */
export interface Finding {
  readonly rule: RuleId;
  readonly basis: RuleBasis;
  /** What was expected and what came, in one line. */
  readonly message: string;
}

/** One answer: a status and, for errors, the error code. */
export interface AnswerShape {
  readonly status: number;
  readonly errorCode?: ErrorCode;
}

/** What the spec expects for a request: its answers (usually one) and the rule that fixes them. */
export interface SpecExpectation {
  readonly accept: readonly AnswerShape[];
  readonly rule: RuleId;
}

/** What the doc says of one thing wrong with a request. */
interface Fault {
  /** The spec's answer to this fault alone, and the rule that decides it (absent: no answer of its own). */
  readonly spec?: SpecExpectation;
  /** The doc rule involved; absent where the doc is silent. */
  readonly docRule?: RuleId;
  /** Whether the doc forbids a session for it. */
  readonly blocks: boolean;
  /** The error the doc names for it, or any 4xx where it names none. */
  readonly docAnswer: "any-4xx" | { readonly status: number; readonly names: ErrorCode };
  /**
   * The assumption a provider departs from when, where the doc lets it, it answers this fault
   * otherwise than the spec (absent: the spec's own rule for it).
   */
  readonly assumption?: RuleId;
}

const answer = (status: number, errorCode?: ErrorCode): AnswerShape =>
  errorCode === undefined ? { status } : { status, errorCode };
const INVALID_CODE = { status: 400, names: ERROR_CODES.invalidCode } as const;

/** The things wrong with a request, in the spec's order of checks (the first decides the spec's answer). */
function faultsOf(facts: Required<RequestFacts>): Fault[] {
  const faults: Fault[] = [];
  const add = (fault: Fault): void => void faults.push(fault);
  if (facts.route === "unknown-path")
    add({
      spec: { accept: [answer(404, ERROR_CODES.notFound)], rule: "not-found-404" },
      docRule: "open-session-route",
      blocks: true,
      docAnswer: "any-4xx",
    });
  if (facts.route === "other-method")
    add({
      spec: { accept: [answer(405, ERROR_CODES.methodNotAllowed)], rule: "method-not-allowed-405" },
      docRule: "open-session-route",
      blocks: true,
      docAnswer: "any-4xx",
    });
  if (facts.auth !== "valid")
    add({
      spec: { accept: [answer(401, ERROR_CODES.unauthorized)], rule: "auth-401-unauthorized" },
      docRule: "auth-401-unauthorized",
      blocks: true,
      docAnswer: { status: 401, names: ERROR_CODES.unauthorized },
    });
  if (facts.media === "other")
    add({
      spec: { accept: [answer(415, ERROR_CODES.unsupportedMediaType)], rule: "unsupported-media-type-415" },
      blocks: false,
      docAnswer: "any-4xx",
    });
  if (facts.tooLarge)
    add({
      spec: { accept: [answer(413, ERROR_CODES.payloadTooLarge)], rule: "payload-too-large-413" },
      blocks: false,
      docAnswer: "any-4xx",
    });
  if (facts.body !== "object") {
    add({
      spec: { accept: [answer(400, ERROR_CODES.invalidRequest)], rule: "invalid-request-400" },
      docRule: "code-required",
      blocks: true,
      docAnswer: "any-4xx",
    });
    return faults;
  }
  const badCode = (rule: RuleId, docRule: RuleId, docAnswer: Fault["docAnswer"], blocks = true): Fault => ({
    spec: { accept: [answer(400, ERROR_CODES.invalidCode)], rule },
    docRule,
    blocks,
    docAnswer,
  });
  // The code's form is checked before the other fields; whether it was shared, after them.
  if (facts.code === "missing" || facts.code === "not-string")
    add(badCode("code-error-invalid-code", "code-required", "any-4xx"));
  if (facts.code === "wrong-length")
    add(badCode("code-error-invalid-code", "invalid-code-400", INVALID_CODE));
  if (facts.code === "bad-alphabet") add(badCode("code-alphabet", "invalid-code-400", INVALID_CODE));
  // Whether `a1b2c3` is the code `A1B2C3` is the doc's silence: either answer, but if it is refused,
  // it is refused as an invalid code.
  if (facts.code === "near-miss")
    add({
      spec: { accept: [answer(400, ERROR_CODES.invalidCode)], rule: "code-no-normalisation" },
      docRule: "invalid-code-400",
      blocks: false,
      docAnswer: INVALID_CODE,
    });
  if (facts.type !== "ok")
    add({
      spec: { accept: [answer(400, ERROR_CODES.invalidRequest)], rule: "invalid-request-400" },
      docRule: "type-session-default",
      blocks: true,
      docAnswer: "any-4xx",
    });
  if (facts.payeeInfo === "not-object")
    add({
      spec: { accept: [answer(400, ERROR_CODES.invalidRequest)], rule: "invalid-request-400" },
      blocks: false,
      docAnswer: "any-4xx",
    });
  // A payee-info object of any shape, and fields the doc does not name: the doc does not say a
  // provider must take them; the spec does.
  if (facts.payeeInfo === "object" || facts.extraFields)
    add({ blocks: false, docAnswer: "any-4xx", assumption: "payee-info-free-form" });
  if (facts.code === "unshared" || facts.code === "expired")
    add(badCode("invalid-code-400", "invalid-code-400", INVALID_CODE));
  if (facts.code === "reused")
    add({
      spec: { accept: [answer(200), answer(400, ERROR_CODES.invalidCode)], rule: "shared-code-reusable" },
      docRule: "invalid-code-400",
      blocks: false,
      docAnswer: INVALID_CODE,
    });
  return faults;
}

/**
 * The answer the spec expects for a request (exactly), and the rule that decides it.
 *
 * @example
 * specExpectation({ media: "other" }); // { accept: [{ status: 415, errorCode: "unsupported_media_type" }], rule: "unsupported-media-type-415" }
 */
export function specExpectation(facts: RequestFacts): SpecExpectation {
  const first = faultsOf(requestFacts(facts)).find((f) => f.spec);
  return first?.spec ?? { accept: [answer(200)], rule: "success-200-session" };
}

/** An answer as words: `400 invalid_code`, or `200 or 400 invalid_code`. */
export function describeAnswers(accept: readonly AnswerShape[]): string {
  return accept.map((a) => (a.errorCode ? `${a.status} ${a.errorCode}` : String(a.status))).join(" or ");
}

/** What the doc allows for a request: a session or not, the errors it names, or any 4xx. */
export interface DocExpectation {
  /** Whether a 200 with a session is allowed (no rule the doc states forbids one). */
  readonly success: boolean;
  /** Errors the doc names for the request: the answer must have the status and name the code. */
  readonly named: readonly { readonly status: number; readonly names: ErrorCode }[];
  /** Whether any 4xx will do (where the doc is silent on the error). */
  readonly any4xx: boolean;
}

/**
 * What the doc allows for a request.
 *
 * @example
 * docExpectation({ auth: "missing" }); // { success: false, named: [{ status: 401, names: "unauthorized" }], any4xx: false }
 */
export function docExpectation(facts: RequestFacts): DocExpectation {
  const faults = faultsOf(requestFacts(facts));
  const named = faults.flatMap((f) => (f.docAnswer === "any-4xx" ? [] : [f.docAnswer]));
  return {
    success: !faults.some((f) => f.blocks),
    named: named.filter((n, i) => named.findIndex((m) => m.status === n.status && m.names === n.names) === i),
    any4xx: faults.some((f) => f.docAnswer === "any-4xx"),
  };
}

/** What the doc allows for a request, as words (for a deviation's message). */
export function describeDocAnswers(facts: RequestFacts): string {
  const doc = docExpectation(facts);
  return [
    ...(doc.success ? ["200 with a session"] : []),
    ...(doc.any4xx ? ["any 4xx"] : []),
    ...doc.named.map((n) => `${n.status} naming ${n.names}`),
  ].join(" or ");
}

/** The `code` of a JSON error body, if it has one. */
function bodyCode(json: unknown): string | undefined {
  const code = (json as { code?: unknown } | null | undefined)?.code;
  return typeof json === "object" && json !== null && typeof code === "string" ? code : undefined;
}

/** Whether an answer names an error code anywhere: a JSON string value, or a word of its text. */
export function namesErrorCode(observed: ObservedAnswer, code: string): boolean {
  const search = (value: unknown, depth: number): boolean => {
    if (value === code) return true;
    if (depth > 8 || typeof value !== "object" || value === null) return false;
    return Object.values(value).some((v) => search(v, depth + 1));
  };
  if (observed.json !== undefined) return search(observed.json, 0);
  return new RegExp(`(^|[^A-Za-z0-9_])${code}([^A-Za-z0-9_]|$)`).test(observed.text);
}

const snippet = (text: string): string => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** The answer as words: `400 invalid_code`, `200`, `415 "Unsupported"`. */
function describeObserved(observed: ObservedAnswer): string {
  const code = bodyCode(observed.json);
  if (observed.status < 400) return String(observed.status);
  return code !== undefined ? `${observed.status} ${code}` : `${observed.status} ${snippet(observed.text)}`;
}

const JSON_MEDIA = /^application\/json\s*(;|$)/i;

/** Whether a content type is JSON's (`application/json`, parameters such as charset allowed). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return JSON_MEDIA.test(contentType ?? "");
}
const BEARER = new RegExp(`^${AUTH_SCHEME}\\b`, "i");
/** ISO 8601 date and time: `2026-06-09T12:00:00Z`, with or without seconds, fraction or offset. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/;

/** Options of {@link judgeAnswer}. */
export interface JudgeOptions {
  /** Session ids seen so far in the run: a 200's id must be new; it is added. */
  readonly sessionIds?: Set<string>;
  /** Whether the answer's headers are at hand to judge (default true; load keeps bodies only). */
  readonly checkHeaders?: boolean;
}

/** The doc's checks of a session (200) body; the spec's form is checked apart. */
function sessionDocProblems(json: unknown): string[] {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return ["the 200 body is not a JSON object"];
  const s = json as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ["id", "code"] as const) {
    if (typeof s[field] !== "string" || s[field] === "")
      problems.push(`${field}: expected a string, got ${JSON.stringify(s[field] ?? null)}`);
  }
  if (s.status !== SESSION_STATUS)
    problems.push(`status: expected "${SESSION_STATUS}", got ${JSON.stringify(s.status ?? null)}`);
  if (s.type !== SESSION_TYPE)
    problems.push(`type: expected "${SESSION_TYPE}", got ${JSON.stringify(s.type ?? null)}`);
  const createdAt = s.createdAt;
  if (typeof createdAt !== "string" || !ISO_8601.test(createdAt) || Number.isNaN(Date.parse(createdAt)))
    problems.push(`createdAt: expected an ISO 8601 timestamp, got ${JSON.stringify(createdAt ?? null)}`);
  return problems;
}

/** The spec's form of a session, by field: which assumption each schema error breaks. */
const SESSION_FORM_RULES: Readonly<Record<string, RuleId>> = {
  "/id": "session-id-form",
  "/createdAt": "created-at-form",
  "/code": "session-code-form",
};

/**
 * Judges one answer to a request with these facts. Returns the findings, empty when the answer is
 * what the spec expects in every respect.
 *
 * @example
 * judgeAnswer(answer, { media: "other" });
 * // a provider that took text/plain: [{ rule: "unsupported-media-type-415", basis: "assumption", … }]
 */
export function judgeAnswer(
  observed: ObservedAnswer | NoAnswer,
  facts: RequestFacts,
  options: JudgeOptions = {},
): Finding[] {
  const found: Finding[] = [];
  const find = (rule: RuleId, message: string): void => {
    if (!found.some((f) => f.rule === rule && f.message === message))
      found.push({ rule, basis: ruleOf(rule).basis, message });
  };
  if (!observed.ok) {
    find("well-formed-http", `no answer: ${observed.cause}`);
    return found;
  }
  const all = requestFacts(facts);
  const faults = faultsOf(all);
  const spec = specExpectation(all);
  const { status } = observed;
  const got = describeObserved(observed);
  const expected = describeAnswers(spec.accept);
  const blocking = faults.find((f) => f.blocks);

  // The doc's layer: is this answer one the doc allows at all?
  if (status >= 500) {
    find("no-server-error", `expected ${expected}, got the server error ${got}`);
    return found;
  }
  if (status >= 200 && status < 300) {
    if (blocking)
      find(
        blocking.docRule ?? "success-200-session",
        `expected ${expected}, got ${got}: a session for a request the doc refuses`,
      );
    else if (status !== 200) find("success-200-session", `expected 200, got ${got}`);
    else {
      for (const problem of sessionDocProblems(observed.json)) find("success-200-session", problem);
      const id = (observed.json as { id?: unknown } | undefined)?.id;
      if (typeof id === "string" && options.sessionIds) {
        if (options.sessionIds.has(id))
          find("session-id-unique", `session id ${JSON.stringify(id)} was already given to another session`);
        options.sessionIds.add(id);
      }
    }
  } else if (status >= 400 && status < 500) {
    // 401 is the doc's answer to a bad token, naming `unauthorized`: where the doc leaves the error
    // open, any other 4xx will do, but a 401 says the token was refused, and only a bad one may be.
    const allowed = faults.some((f) =>
      f.docAnswer === "any-4xx"
        ? status !== 401
        : f.docAnswer.status === status && namesErrorCode(observed, f.docAnswer.names),
    );
    if (!allowed) {
      const named =
        status === 401
          ? (faults.find((f) => f.docRule === "auth-401-unauthorized") ?? {
              docRule: "auth-401-unauthorized" as const,
              docAnswer: { status: 401, names: ERROR_CODES.unauthorized },
            })
          : faults.find((f) => f.docAnswer !== "any-4xx" && f.docRule);
      const rule = named?.docRule ?? blocking?.docRule ?? "success-200-session";
      const docExpected =
        named && named.docAnswer !== "any-4xx"
          ? `${named.docAnswer.status} naming ${named.docAnswer.names}`
          : faults.length === 0
            ? "200"
            : expected;
      find(rule, `expected ${docExpected}, got ${got}`);
    }
  } else {
    find(blocking?.docRule ?? "success-200-session", `expected ${expected}, got ${got}`);
  }
  // The spec's layer: the one answer it decided on (judged only when the doc allows the answer:
  // otherwise the doc's finding says it), then the answer's form.
  const statusFound = found.length > 0;
  const code = bodyCode(observed.json);
  const match = spec.accept.find((a) => a.status === status);
  const firstFault = faults.find((f) => f.spec);
  const otherFaultAnswers = (shape: (a: AnswerShape) => boolean): boolean =>
    faults.some((f) => f !== firstFault && f.spec?.accept.some(shape));
  const orderRule: RuleId =
    firstFault?.spec?.rule === "auth-401-unauthorized" ? "auth-before-body" : "check-order";
  /** Whether the doc lets this fault be answered as it was. */
  const allows = (f: Fault): boolean =>
    status >= 400 &&
    status < 500 &&
    (f.docAnswer === "any-4xx" ||
      (f.docAnswer.status === status && namesErrorCode(observed, f.docAnswer.names)));
  const assumptionOf = (f: Fault | undefined): RuleId | undefined => {
    const rule = f?.assumption ?? f?.spec?.rule;
    return rule && ruleOf(rule).basis === "assumption" ? rule : undefined;
  };
  if (statusFound) {
    // The status is already the doc's finding.
  } else if (!match) {
    // The doc allowed the answer, the spec decided another: name the assumption that decided it.
    const another = otherFaultAnswers(
      (a) => a.status === status && (a.errorCode === undefined || a.errorCode === code),
    );
    const enabling = faults.filter(allows);
    const rule: RuleId = another
      ? orderRule
      : status < 300
        ? (assumptionOf(firstFault) ?? spec.rule)
        : !firstFault
          ? (enabling.map(assumptionOf).find((r) => r !== undefined) ?? spec.rule)
          : enabling.includes(firstFault)
            ? (assumptionOf(firstFault) ?? orderRule)
            : orderRule;
    find(rule, `expected ${expected}, got ${got}`);
  } else if (match.errorCode !== undefined && code !== match.errorCode) {
    if (namesErrorCode(observed, match.errorCode))
      find(
        "error-body-shape",
        `the answer names ${match.errorCode}, but not as the code of a {code, message} body: ${snippet(observed.text)}`,
      );
    else {
      const another = otherFaultAnswers((a) => a.status === status && a.errorCode === code);
      find(another ? orderRule : (assumptionOf(firstFault) ?? orderRule), `expected ${expected}, got ${got}`);
    }
  }
  const headers = options.checkHeaders !== false;
  if (headers && !JSON_MEDIA.test(observed.headers["content-type"] ?? ""))
    find(
      "json-media-type",
      `content-type: expected application/json, got ${JSON.stringify(observed.headers["content-type"] ?? null)}`,
    );
  if (status >= 400 && !found.some((f) => f.rule === "error-body-shape")) {
    const validate = schemaValidator("ErrorBody");
    if (!validate(observed.json))
      find(
        "error-body-shape",
        observed.json === undefined
          ? `the error body is not JSON: ${snippet(observed.text)}`
          : `the error body is not {code, message}: ${describeSchemaErrors(validate.errors).join("; ")}`,
      );
  }
  if (headers && status === 401 && !BEARER.test(observed.headers["www-authenticate"] ?? ""))
    find(
      "www-authenticate-bearer",
      `header www-authenticate: expected ${AUTH_SCHEME} …, got ${JSON.stringify(observed.headers["www-authenticate"] ?? null)}`,
    );
  if (headers && status === 405 && !/\bPOST\b/.test(observed.headers.allow ?? ""))
    find(
      "method-not-allowed-405",
      `header allow: expected POST, got ${JSON.stringify(observed.headers.allow ?? null)}`,
    );
  if (status === 200) {
    const validate = schemaValidator("Session");
    if (!validate(observed.json)) {
      // The doc's checks of a session came first; here only the forms the spec assumed.
      for (const error of validate.errors ?? []) {
        const rule = SESSION_FORM_RULES[error.instancePath];
        const value = (observed.json as Record<string, unknown>)[error.instancePath.slice(1)];
        if (rule && typeof value === "string")
          find(rule, `body ${describeSchemaErrors([error]).join("")}: ${JSON.stringify(value)}`);
      }
    }
  }
  return found;
}
