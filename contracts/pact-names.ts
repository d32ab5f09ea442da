/**
 * The names a Bleepay pact carries: the consumer, the provider, and the placeholder tokens. A pact
 * never holds a real token: the verifier swaps {@link PLACEHOLDER_TOKEN} for the real one on the way
 * to the provider, and leaves every other token (the 401 interactions' ones) as written.
 */

/** The consumer: the payee app that opens sessions. */
export const CONSUMER_NAME = "bleepay-payee-app";

/** The provider: the Bleepay vouchers API. */
export const PROVIDER_NAME = "bleepay-vouchers-api";

/**
 * Stands for "the payee's valid token" in a pact. Kept short on purpose: a pre-commit hook flags any
 * `Bearer` value of 24 characters or more as a leaked credential.
 */
export const PLACEHOLDER_TOKEN = "pact-placeholder-token";

/** A token no provider knows: the 401 interaction sends it and the verifier never replaces it. */
export const UNKNOWN_TOKEN = "pact-unknown-token";

/** File name Pact gives the pact between the two, e.g. `bleepay-payee-app-bleepay-vouchers-api.json`. */
export const PACT_FILE_NAME = `${CONSUMER_NAME}-${PROVIDER_NAME}.json`;
