/**
 * Exact oracles for one answer: the statuses (and error codes) the spec allows for the request, and
 * what every answer must be (JSON, not 5xx, valid by the spec's schema for its status).
 */
import type { RawAnswer, RawFailure } from "../../src/http/send-request.js";
import { AUTH_SCHEME, checkAnswerBody } from "../../src/rules/index.js";

/** One acceptable answer: a status and, for errors, the spec's error code. */
export interface Acceptable {
  readonly status: number;
  readonly errorCode?: string;
}

/** What a request must be answered with. */
export interface Expectation {
  /** The answers allowed; usually exactly one. */
  readonly accept: readonly Acceptable[];
  /** Whether a `WWW-Authenticate: Bearer …` header is required (401). */
  readonly wwwAuthenticate?: boolean;
}

/** Exactly one status, with an error code for errors. */
export function exactly(status: number, errorCode?: string): Expectation {
  return { accept: [errorCode === undefined ? { status } : { status, errorCode }] };
}

/** The expectation as words, e.g. `400 invalid_code or 200`. */
export function describeExpectation(expectation: Expectation): string {
  const one = (a: Acceptable): string => (a.errorCode ? `${a.status} ${a.errorCode}` : String(a.status));
  const text = expectation.accept.map(one).join(" or ");
  return expectation.wwwAuthenticate ? `${text} with WWW-Authenticate` : text;
}

const JSON_MEDIA = /^application\/json\s*(?:;|$)/i;
const WWW_AUTHENTICATE = new RegExp(`^${AUTH_SCHEME}\\b`, "i");

/** Whether an answer is served as `application/json` (parameters such as charset allowed). */
export function isJsonAnswer(answer: RawAnswer): boolean {
  return JSON_MEDIA.test(answer.headers["content-type"] ?? "");
}

/**
 * Checks an answer against an expectation. Returns the problems (empty when it conforms). A 200's
 * session id must not be in `sessionIds`; it is added there.
 */
export function checkAnswer(
  answer: RawAnswer | RawFailure,
  expectation: Expectation,
  sessionIds: Set<string>,
): string[] {
  if (!answer.ok) return [`no answer: ${answer.cause}`];
  const problems: string[] = [];
  const json = answer.json;
  const errorCode = typeof json === "object" && json !== null ? (json as { code?: unknown }).code : undefined;
  const got = `${answer.status}${typeof errorCode === "string" && answer.status !== 200 ? ` ${errorCode}` : ""}`;
  if (answer.status >= 500) problems.push(`server error: ${got}`);
  const match = expectation.accept.find(
    (a) => a.status === answer.status && (a.errorCode === undefined || a.errorCode === errorCode),
  );
  if (!match) problems.push(`expected ${describeExpectation(expectation)}, got ${got}`);
  if (!isJsonAnswer(answer)) {
    problems.push(
      `content-type: expected application/json, got ${JSON.stringify(answer.headers["content-type"] ?? null)}`,
    );
  }
  if (json === undefined) problems.push(`body is not JSON: ${JSON.stringify(answer.text.slice(0, 120))}`);
  else if (match) problems.push(...checkAnswerBody(answer.status, json).map((p) => `body ${p}`));
  if (expectation.wwwAuthenticate && answer.status === 401) {
    const value = answer.headers["www-authenticate"];
    if (value === undefined || !WWW_AUTHENTICATE.test(value)) {
      problems.push(
        `header www-authenticate: expected ${AUTH_SCHEME} …, got ${JSON.stringify(value ?? null)}`,
      );
    }
  }
  if (answer.status === 200 && typeof json === "object" && json !== null) {
    const id = (json as { id?: unknown }).id;
    if (typeof id === "string") {
      if (sessionIds.has(id))
        problems.push(`session id ${JSON.stringify(id)} was already given to another session`);
      sessionIds.add(id);
    }
  }
  return problems;
}
