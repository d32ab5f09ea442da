/**
 * One raw HTTP exchange, for stages that must send what a typed client would refuse (bad codes,
 * bad tokens, wrong content types) and look at the whole answer.
 */
import type { ReproducibleRequest } from "../util/curl.js";

/** An answer, with its body as text and (when it parses) as JSON. */
export interface RawAnswer {
  readonly ok: true;
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown;
  /** Milliseconds from send to the whole body read. */
  readonly elapsedMs: number;
}

/** A request that got no HTTP answer. */
export interface RawFailure {
  readonly ok: false;
  readonly status: 0;
  /** `timeout` or the socket error's code (ECONNREFUSED, ECONNRESET …). */
  readonly cause: string;
}

/** Sends one request. Never throws: a missing answer is a {@link RawFailure}. */
export async function sendRequest(
  request: ReproducibleRequest,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<RawAnswer | RawFailure> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers ? { ...request.headers } : {},
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { ok: true, status: response.status, headers, text, json, elapsedMs: performance.now() - started };
  } catch (error) {
    if (timeout.aborted) return { ok: false, status: 0, cause: "timeout" };
    const e = error as { name?: string; cause?: { code?: string; message?: string } };
    return { ok: false, status: 0, cause: e.cause?.code ?? e.cause?.message ?? e.name ?? "network error" };
  }
}
