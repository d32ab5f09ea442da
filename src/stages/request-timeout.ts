/** The per-request timeout option smoke and fuzz share (and `all --timeout` sets). */
import { option } from "../options/index.js";

/**
 * A per-request timeout, 0.1 s to 120 s, 10 s by default; it bounds provider-state calls too.
 *
 * @example
 * const options = { timeout: requestTimeoutOption("Per-request timeout") };
 */
export function requestTimeoutOption(description: string) {
  return option.duration({ default: "10s", minMs: 100, maxMs: 120_000, description });
}
