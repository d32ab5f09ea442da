/**
 * The Open Session logic of the reference provider, apart from HTTP: it takes the body text and
 * returns the answer. Field checks follow the order the spec records (`code`, `type`, `payeeInfo`,
 * then whether the code is shared and unexpired).
 */
import { CODE_ALPHABET, CODE_LENGTH, CODE_REGEXP, SESSION_STATUS, SESSION_TYPE } from "../rules/index.js";
import type { CodeStore } from "./code-store.js";
import { ERRORS, type ProviderError } from "./provider-error.js";
import type { RandomSource } from "./random-source.js";

/** A successful answer: the JSON text of the new session. */
export interface OpenSessionSuccess {
  readonly status: 200;
  readonly body: string;
}

/** `new Date().toISOString()`, rendered once per millisecond: under load many sessions share one. */
function createTimestamp(): () => string {
  let lastMs = -1;
  let lastText = "";
  return () => {
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      lastText = new Date(now).toISOString();
    }
    return lastText;
  };
}

/** Creates the Open Session function over a code store. */
export function createOpenSession(
  store: CodeStore,
  random: RandomSource,
): (bodyText: string) => OpenSessionSuccess | ProviderError {
  const timestamp = createTimestamp();
  return (bodyText) => {
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      // Covers syntax errors and RangeError from absurd nesting alike.
      return ERRORS.notJson;
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return ERRORS.notObject;
    // Own properties only: a body's "__proto__" key must never reach a prototype lookup.
    const fields = body as Record<string, unknown>;
    const code = Object.hasOwn(fields, "code") ? fields.code : undefined;
    if (code === undefined) return ERRORS.codeMissing;
    if (typeof code !== "string") return ERRORS.codeNotString;
    if (!CODE_REGEXP.test(code)) return ERRORS.codeMalformed;
    if (!Object.hasOwn(fields, "type") || fields.type !== SESSION_TYPE) return ERRORS.typeInvalid;
    if (Object.hasOwn(fields, "payeeInfo")) {
      const info = fields.payeeInfo;
      if (typeof info !== "object" || info === null || Array.isArray(info)) return ERRORS.payeeInfoInvalid;
    }
    if (!store.isUsable(code)) return ERRORS.codeInvalid;
    const id = random.id(16);
    const sessionCode = random.string(CODE_ALPHABET, CODE_LENGTH);
    // Serialised by hand: every value is from a fixed alphabet, so no escaping is needed, and this
    // is the hottest line of the provider.
    return {
      status: 200,
      body: `{"id":"ses_${id}","code":"${sessionCode}","status":"${SESSION_STATUS}","type":"${SESSION_TYPE}","createdAt":"${timestamp()}"}`,
    };
  };
}
