/**
 * A curl command that replays a pact interaction against the target, for a failed verification:
 * the placeholder token becomes `$BLEEPAY_TOKEN`, and a value a provider state injects is shown as
 * a marker naming the state (a shell cannot get it without calling the state endpoint first).
 */
import { type ReproducibleRequest, toCurl } from "../../src/util/curl.js";
import { findInteraction, injectedFields, type PactInteraction } from "./replay-interaction.js";

/** Replaces each provider-state generated top-level body field with a marker naming the state. */
function markInjected(content: unknown, interaction: PactInteraction): unknown {
  if (typeof content !== "object" || content === null || Array.isArray(content)) return content;
  const out: Record<string, unknown> = { ...content };
  const state = interaction.providerStates?.[0]?.name ?? "the provider state";
  for (const field of injectedFields(interaction).keys()) out[field] = `<${field} from state: ${state}>`;
  return out;
}

/**
 * The curl command for the interaction `description` found in `pacts`, or `undefined` when no pact
 * holds it. A body over 1 KiB goes to a file under `bodyDir`'s `replays/`.
 */
export function reproduceInteraction(
  pacts: readonly unknown[],
  description: string,
  baseUrl: string,
  placeholderToken: string,
  bodyDir?: string,
): string | undefined {
  const interaction = findInteraction(pacts, description);
  const request = interaction?.request;
  if (!interaction || !request?.method || !request.path) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    headers[name] = Array.isArray(value) ? value.join(", ") : (value as string);
  }
  const replay: ReproducibleRequest = {
    method: request.method,
    url: `${baseUrl}${request.path}`,
    headers,
    ...(request.body?.content !== undefined
      ? { body: JSON.stringify(markInjected(request.body.content, interaction)) }
      : {}),
  };
  // toCurl shows the real token as $BLEEPAY_TOKEN: the placeholder stands for exactly that, and
  // the 401 interactions' missing or unknown token is shown as the pact has it.
  return toCurl(replay, { realToken: placeholderToken, ...(bodyDir ? { bodyDir } : {}) });
}
