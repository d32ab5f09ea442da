/**
 * Pact's provider-state change protocol, as the reference provider serves it at
 * `POST /_pact/provider-states`: `{"state", "params", "action": "setup" | "teardown"}` in, the
 * values to inject into the interaction (for `fromProviderState`) out.
 */
import { MAX_BULK_CODES, PROVIDER_STATES } from "../rules/provider-states.js";
import type { CodeStore } from "./code-store.js";

/** The outcome of a state change: an HTTP status and the JSON answer. */
export interface StateChangeResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const fail = (message: string): StateChangeResult => ({
  status: 400,
  body: { code: "invalid_state", message },
});

/** Applies one state-change request (already parsed from JSON) to the store. */
export function applyStateChange(store: CodeStore, request: unknown): StateChangeResult {
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return fail('the state-change body must be a JSON object {"state", "params", "action"}');
  }
  const { state, params, action = "setup" } = request as Record<string, unknown>;
  if (action !== "setup" && action !== "teardown") {
    return fail(`unknown action ${JSON.stringify(action)}: expected "setup" or "teardown"`);
  }
  if (typeof state !== "string" || state.length === 0) return fail("the state-change body has no state");
  if (action === "teardown") {
    return Object.values(PROVIDER_STATES).includes(state as never)
      ? { status: 200, body: {} }
      : fail(`unknown provider state: ${JSON.stringify(state)}`);
  }
  switch (state) {
    case PROVIDER_STATES.codeShared: {
      const count = (params as Record<string, unknown> | undefined)?.count;
      if (count === undefined) return { status: 200, body: { code: store.share() } };
      if (!Number.isSafeInteger(count) || (count as number) < 1 || (count as number) > MAX_BULK_CODES) {
        return fail(`params.count must be a whole number from 1 to ${MAX_BULK_CODES}`);
      }
      const codes = new Array<string>(count as number);
      for (let i = 0; i < codes.length; i++) codes[i] = store.share();
      return { status: 200, body: { codes } };
    }
    case PROVIDER_STATES.codeExpired:
      return { status: 200, body: { code: store.shareExpired() } };
    default:
      return fail(`unknown provider state: ${JSON.stringify(state)}`);
  }
}
