/**
 * The request filter the verifier's proxy runs on every request:
 * - Pact's state-change calls are forwarded to the target's state endpoint with the standard
 *   protocol, and a failure is recorded with the state's name (pact-js only logs a warning for an
 *   unknown state and answers 200, so the interaction would fail later for no visible reason);
 * - the placeholder token is swapped for the real one, and every other `Authorization` (none, or a
 *   deliberately unknown token) is left as the pact wrote it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AUTH_SCHEME } from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { createStateSetupClient, StateSetupError } from "../../src/state-setup/index.js";
import type { StateFailure } from "./verification-job.js";

/** The path pact-js's proxy receives state changes on. */
export const PROXY_STATE_PATH = "/_pactSetup";

/** An Express-style request as the proxy hands it over (body already parsed as JSON). */
export interface FilterRequest extends IncomingMessage {
  path?: string;
  body?: unknown;
}

/** Options of {@link createStateChangeFilter}. */
export interface StateChangeFilterOptions {
  readonly stateSetupUrl: string | undefined;
  readonly token: string;
  readonly placeholderToken: string;
  readonly timeoutMs: number;
  /** Called once for each state that failed (the verifier retries; each failure is reported once). */
  readonly onStateFailure: (failure: StateFailure) => void;
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
};

/** Creates the proxy's request filter. */
export function createStateChangeFilter(
  options: StateChangeFilterOptions,
): (req: FilterRequest, res: ServerResponse, next: () => void) => void {
  const states = options.stateSetupUrl
    ? createStateSetupClient({ url: options.stateSetupUrl, timeoutMs: options.timeoutMs })
    : undefined;
  const placeholder = `${AUTH_SCHEME} ${options.placeholderToken}`;
  const reported = new Set<string>();
  const fail = (res: ServerResponse, failure: StateFailure): void => {
    if (!reported.has(failure.state)) {
      reported.add(failure.state);
      options.onStateFailure(failure);
    }
    sendJson(res, 500, { error: failure.message });
  };

  async function changeState(req: FilterRequest, res: ServerResponse): Promise<void> {
    const { state, params, action } = (req.body ?? {}) as {
      state?: unknown;
      params?: unknown;
      action?: unknown;
    };
    // The verifier sends a state change with an empty state for interactions that have none.
    if (typeof state !== "string" || state.length === 0) return sendJson(res, 200, {});
    if (action === "teardown") {
      // Teardown is best effort: a provider that ignores it must not fail the interaction.
      if (options.stateSetupUrl) {
        await fetch(options.stateSetupUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ state, params: params ?? {}, action: "teardown" }),
          signal: AbortSignal.timeout(options.timeoutMs),
        }).then(
          (r) => r.body?.cancel(),
          () => undefined,
        );
      }
      return sendJson(res, 200, {});
    }
    if (!states) {
      return fail(res, {
        state,
        message: `provider state "${state}" needs a state-setup endpoint: give --state-setup-url`,
      });
    }
    try {
      const given = (params ?? {}) as Record<string, unknown>;
      // The contract's states must hand back the code the interaction injects: a state endpoint
      // that answers 200 without one would let the example code through, and "an expired code"
      // would then pass against a provider that was never asked to expire anything.
      const values =
        state === PROVIDER_STATES.codeExpired
          ? { code: await states.expiredCode() }
          : state === PROVIDER_STATES.codeShared && given.count === undefined
            ? { code: await states.sharedCode() }
            : await states.setup(state, given);
      sendJson(res, 200, values);
    } catch (error) {
      const message =
        error instanceof StateSetupError ? error.message : `provider state "${state}": ${String(error)}`;
      fail(res, { state, message });
    }
  }

  return (req, res, next) => {
    const path = req.path ?? req.url?.split("?")[0];
    if (path === PROXY_STATE_PATH && req.method === "POST") {
      void changeState(req, res);
      return;
    }
    if (req.headers.authorization === placeholder) {
      req.headers.authorization = `${AUTH_SCHEME} ${options.token}`;
    }
    next();
  };
}
