/**
 * The provider states both sides of the contract share: the consumer's pacts name them, the
 * provider's state-change endpoint sets them up, and fuzz, load and the k6 export ask for them.
 * Pact's state-change protocol: `POST {"state", "params", "action": "setup" | "teardown"}` to the
 * provider's endpoint, the values to inject into the interaction (`fromProviderState`) back.
 */

/** The provider states bleepay-qa's suites use, as sentences. */
export const PROVIDER_STATES = {
  codeShared: "a context code has been shared by the payer",
  codeExpired: "the context code has expired",
} as const;

/** Path of the state-change endpoint on the reference provider. */
export const PROVIDER_STATES_PATH = "/_pact/provider-states";

/** Most codes one bulk `codeShared` call may mint. */
export const MAX_BULK_CODES = 1_000_000;
