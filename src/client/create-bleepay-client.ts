/**
 * The typed Open Session client, on openapi-fetch and the generated `paths` types.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../../generated/openapi-types.js";
import {
  AUTH_SCHEME,
  CODE_PATTERN,
  type ErrorBody,
  isWellFormedCode,
  OPEN_SESSION_PATH,
  type OpenSessionRequest,
  type Session,
} from "../rules/index.js";
import { redact } from "../util/redact.js";
import type { ClientFailure, OpenSessionResult } from "./open-session-result.js";

/** Options of {@link createBleepayClient}. */
export interface BleepayClientOptions {
  /** Where the API lives, e.g. `http://127.0.0.1:8080` (no trailing path). */
  baseUrl: string;
  /** The payee's bearer token; without one, requests carry no `Authorization` header. */
  token?: string | undefined;
  /** Per-request timeout in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/** Per-call options of {@link BleepayClient.openSession}. */
export interface OpenSessionOptions {
  /**
   * Send the request even if the code breaks the spec's rule. Contract and fuzz suites use it to
   * see how a provider answers bad codes; applications never should.
   */
  skipLocalValidation?: boolean;
}

/** A client of the Open Session call. */
export interface BleepayClient {
  /** The full URL Open Session is sent to. */
  readonly url: string;
  /** Opens a session. Never throws for HTTP errors, timeouts or network failures. */
  openSession(body: OpenSessionRequest, options?: OpenSessionOptions): Promise<OpenSessionResult>;
}

function authMiddleware(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `${AUTH_SCHEME} ${token}`);
      return request;
    },
  };
}

function describeCause(error: unknown): string {
  // undici wraps the socket error in `cause`: its code (ECONNREFUSED…) is the useful part.
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.message ? `${cause.code} (${cause.message})` : cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The provider's error body, or a stand-in naming what came. Redacted: a provider that echoes the
 * request's headers back must not carry the token into a message a stage prints.
 */
function asErrorBody(body: unknown, status: number, secrets: readonly (string | undefined)[]): ErrorBody {
  if (typeof body === "object" && body !== null && typeof (body as ErrorBody).code === "string") {
    const { code, message } = body as ErrorBody;
    return {
      code: redact(code, secrets),
      message: typeof message === "string" ? redact(message, secrets) : "",
    };
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return {
    code: "unexpected_body",
    message: redact(
      `HTTP ${status} with a body that is not the spec's error: ${String(text).slice(0, 200)}`,
      secrets,
    ),
  };
}

/**
 * Creates a client of Open Session. It checks codes against the spec before sending, applies a
 * per-request timeout, and never retries (opening a session is not idempotent).
 *
 * @example
 * const client = createBleepayClient({ baseUrl: "http://127.0.0.1:8080", token: process.env.BLEEPAY_TOKEN });
 * const result = await client.openSession({ code: "A1B2C3", type: "SESSION_DEFAULT" });
 * if (result.ok) console.log(result.session.id);
 * else console.log(result.status, result.error.code);
 */
export function createBleepayClient(options: BleepayClientOptions): BleepayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const url = `${baseUrl}${OPEN_SESSION_PATH}`;
  const client = createClient<paths>({ baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  if (options.token !== undefined) client.use(authMiddleware(options.token));
  const secrets = [options.token];
  const failure = (code: ClientFailure["code"], message: string): OpenSessionResult => ({
    ok: false,
    status: 0,
    error: { code, message: redact(message, secrets), url },
  });

  return {
    url,
    async openSession(body, callOptions = {}) {
      if (!callOptions.skipLocalValidation && !isWellFormedCode(body.code)) {
        return failure(
          "client_invalid_code",
          `not sent to ${url}: code ${JSON.stringify(body.code)} does not match ${CODE_PATTERN}`,
        );
      }
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const { data, error, response } = await client.POST(OPEN_SESSION_PATH, { body, signal });
        if (response.status === 200 && data !== undefined)
          return { ok: true, status: 200, session: data as Session };
        return {
          ok: false,
          status: response.status,
          error: asErrorBody(error ?? data, response.status, secrets),
        };
      } catch (error) {
        if (signal.aborted) return failure("timeout", `POST ${url}: no answer within ${timeoutMs} ms`);
        return failure("network_error", `POST ${url} failed: ${describeCause(error)}`);
      }
    },
  };
}
