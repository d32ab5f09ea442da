/**
 * One way for tests to start the reference provider: listening on a free port of 127.0.0.1, with
 * the URLs and token a test needs to point a client, a stage or the CLI at it.
 */
import {
  createReferenceProvider,
  DEVELOPMENT_TOKEN,
  type ReferenceProvider,
  type ReferenceProviderOptions,
} from "../src/provider/index.js";
import { PROVIDER_STATES_PATH } from "../src/rules/provider-states.js";
import { listenApart } from "./ports-apart.js";

/** A reference provider listening on 127.0.0.1. */
export interface StartedReferenceProvider {
  /** Its base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Its provider-state endpoint (404 when started with `providerStates: false`). */
  readonly stateSetupUrl: string;
  /** A token it accepts: the first of `options.tokens`, else the development token. */
  readonly token: string;
  /** The provider itself (its store, stats and server). */
  readonly provider: ReferenceProvider;
  /** Stops it, letting in-flight requests finish for up to `graceMs` (the provider's default if absent). */
  close(graceMs?: number): Promise<void>;
}

/**
 * Creates a reference provider with `options` and starts it on a free port of 127.0.0.1; with
 * `apart`, on one no `listen(0)` can be given after it stops (for a test whose clients go on
 * knocking on a provider that died, see ports-apart.ts).
 *
 * @example
 * const started = await startReferenceProvider({ tokens: ["test-token"] });
 * try {
 *   // … point a client at started.url with started.token …
 * } finally {
 *   await started.close(500);
 * }
 */
export async function startReferenceProvider(
  options: ReferenceProviderOptions = {},
  where: { readonly apart?: boolean } = {},
): Promise<StartedReferenceProvider> {
  const provider = createReferenceProvider(options);
  const url = where.apart
    ? await listenApart((port) => provider.listen(port, "127.0.0.1"))
    : await provider.listen(0, "127.0.0.1");
  return {
    url,
    stateSetupUrl: `${url}${PROVIDER_STATES_PATH}`,
    token: options.tokens?.[0] ?? DEVELOPMENT_TOKEN,
    provider,
    close: (graceMs) => provider.close(graceMs),
  };
}
