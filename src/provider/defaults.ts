/**
 * The reference provider's defaults, apart from the server so that help texts and the CLI's target
 * resolution can name them without loading the provider itself.
 */

/**
 * The token the reference provider accepts when none is given. Documented in the README; it is a
 * development value, never a real credential.
 */
export const DEVELOPMENT_TOKEN = "dev-payee-token";

/** Default time to live of a shared context code, in seconds. */
export const DEFAULT_CODE_TTL_S = 600;

/** Default cap on shared codes held (58 MB at the cap); the oldest are evicted past it. */
export const DEFAULT_MAX_CODES = 2_000_000;
