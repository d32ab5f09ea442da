/**
 * The reference provider's routing: Open Session and Pact's provider-state endpoint, with the
 * method, authentication, media-type and size checks in the order the spec records
 * (route → Authorization → Content-Type → size → body).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { OPEN_SESSION_METHOD, OPEN_SESSION_PATH } from "../rules/index.js";
import { PROVIDER_STATES_PATH } from "../rules/provider-states.js";
import type { CodeStore } from "./code-store.js";
import { readHotHeaders } from "./hot-headers.js";
import type { OpenSessionSuccess } from "./open-session.js";
import { ERRORS, ProviderError } from "./provider-error.js";
import { applyStateChange } from "./provider-states.js";
import { readBody } from "./read-body.js";
import { type AnswerState, sendAnswer, sendError } from "./send-answer.js";

const JSON_MEDIA = /^application\/json\s*(?:;|$)/i;
// The state-change endpoint is Pact's, not the spec's, so it has a body cap of its own.
const STATE_BODY_LIMIT = 64 * 1024;

/** What the routes need, built once per provider. */
export interface RouteDependencies {
  /** Where answers are counted and whether the provider is closing. */
  readonly state: AnswerState;
  /** The shared-code store the provider-state endpoint seeds. */
  readonly store: CodeStore;
  /** Open Session over a body text (see `createOpenSession`). */
  readonly openSession: (bodyText: string) => OpenSessionSuccess | ProviderError;
  /** Whether an `Authorization` header carries an accepted token (see `createTokenCheck`). */
  readonly isAuthorized: (authorization: string | undefined) => boolean;
  /** Largest accepted Open Session body in bytes. */
  readonly maxBodyBytes: number;
  /** Whether the provider-state endpoint is served. */
  readonly providerStates: boolean;
}

/**
 * Creates the router: it answers a request itself once its body is read, or returns the error to
 * answer with straight away (before the body is read).
 */
export function createRouter(
  deps: RouteDependencies,
): (req: IncomingMessage, res: ServerResponse) => ProviderError | undefined {
  const { state, store, openSession, isAuthorized, maxBodyBytes, providerStates } = deps;
  return (req, res) => {
    const headers = readHotHeaders(req.rawHeaders);
    // HTTP/1.1 requires Host (RFC 9112 §3.2); Node's own check would answer 400 without a body.
    if (headers.host === undefined && req.httpVersionMinor === 1) return ERRORS.missingHost;
    let url = req.url ?? "/";
    // Absolute-form (`POST http://host/path HTTP/1.1`) must be accepted too (RFC 9112 §3.2.2).
    if (url.charCodeAt(0) !== 47) {
      const slash = url.indexOf("/", url.indexOf("//") + 2);
      url = slash === -1 ? "/" : url.slice(slash);
    }
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    if (path === OPEN_SESSION_PATH) {
      if (req.method !== OPEN_SESSION_METHOD) return ERRORS.methodNotAllowed;
      if (!isAuthorized(headers.authorization)) return ERRORS.unauthorized;
      const type = headers.contentType;
      if (type !== "application/json" && (type === undefined || !JSON_MEDIA.test(type)))
        return ERRORS.notJsonMedia;
      const length = headers.contentLength;
      if (length !== undefined && Number(length) > maxBodyBytes) return ERRORS.tooLarge;
      readBody(state, req, res, maxBodyBytes, (text) => {
        const answer = openSession(text);
        if (answer instanceof ProviderError) sendError(state, res, answer);
        else sendAnswer(state, res, answer.status, answer.body);
      });
      return undefined;
    }
    if (providerStates && path === PROVIDER_STATES_PATH) {
      if (req.method !== "POST") return ERRORS.methodNotAllowed;
      readBody(state, req, res, STATE_BODY_LIMIT, (text) => {
        let request: unknown;
        try {
          request = text.length === 0 ? {} : JSON.parse(text);
        } catch {
          sendError(state, res, ERRORS.notJson);
          return;
        }
        const result = applyStateChange(store, request);
        sendAnswer(state, res, result.status, JSON.stringify(result.body));
      });
      return undefined;
    }
    return ERRORS.notFound;
  };
}

/**
 * Whether an answer sent before the body was read must close the connection: Node drains a small
 * unread body itself and keeps the connection, but a large or unknown-length one closes it.
 */
export function isBodyUnbounded(req: IncomingMessage, maxBodyBytes: number): boolean {
  const length = req.headers["content-length"];
  return length === undefined
    ? req.headers["transfer-encoding"] !== undefined
    : Number(length) > maxBodyBytes;
}
