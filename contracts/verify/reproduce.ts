/**
 * A curl command that replays a pact interaction against the target, for a failed verification:
 * the placeholder token becomes `$BLEEPAY_TOKEN`, and a value a provider state injects is shown as
 * a marker naming the state (a shell cannot get it without calling the state endpoint first).
 */
import { type ReproducibleRequest, toCurl } from "../../src/util/curl.js";

/** A pact V4 HTTP interaction, the parts needed to replay it. */
interface PactInteraction {
  description?: string;
  providerStates?: { name?: string }[];
  request?: {
    method?: string;
    path?: string;
    headers?: Record<string, string | string[]>;
    body?: { content?: unknown };
    generators?: { body?: Record<string, { type?: string; expression?: string }> };
  };
}

/** Replaces each provider-state generated top-level body field with a marker naming the state. */
function markInjected(content: unknown, interaction: PactInteraction): unknown {
  const generators = interaction.request?.generators?.body ?? {};
  if (typeof content !== "object" || content === null || Array.isArray(content)) return content;
  const out: Record<string, unknown> = { ...content };
  const state = interaction.providerStates?.[0]?.name ?? "the provider state";
  for (const [path, generator] of Object.entries(generators)) {
    const field = /^\$\.([A-Za-z0-9_]+)$/.exec(path)?.[1];
    if (field && generator.type === "ProviderState") out[field] = `<${field} from state: ${state}>`;
  }
  return out;
}

/**
 * The curl command for the interaction `description` found in `pacts`, or `undefined` when no pact
 * holds it.
 */
export function reproduceInteraction(
  pacts: readonly unknown[],
  description: string,
  baseUrl: string,
  placeholderToken: string,
): string | undefined {
  for (const pact of pacts) {
    const interactions = ((pact as { interactions?: PactInteraction[] })?.interactions ??
      []) as PactInteraction[];
    const interaction = interactions.find((i) => i.description === description);
    const request = interaction?.request;
    if (!interaction || !request?.method || !request.path) continue;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
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
    return toCurl(replay, { realToken: placeholderToken });
  }
  return undefined;
}
