/**
 * A failed pact interaction, sent again and judged by the rules. Pact's verdict stands (the pact is
 * the consumer's word); the replay says which rule of the spec the provider's answer breaks, and
 * with what basis, so a team can tell a provider that breaks the doc from a consumer that expects
 * more than the doc says. The interaction's facts are read from the pact itself: its provider
 * state, its `Authorization` header and its body, so any consumer's pact for this API is judged.
 */
import { type RawAnswer, type RawFailure, sendRequest } from "../../src/http/send-request.js";
import {
  AUTH_SCHEME,
  codeFactOf,
  type Finding,
  judgeAnswer,
  type RequestFacts,
  SESSION_TYPE,
} from "../../src/rules/index.js";
import { PROVIDER_STATES } from "../../src/rules/provider-states.js";
import { createStateSetupClient } from "../../src/state-setup/index.js";
import type { ReproducibleRequest } from "../../src/util/curl.js";

/** A pact V4 HTTP interaction, the parts needed to replay it. */
export interface PactInteraction {
  readonly description?: string;
  readonly providerStates?: readonly { readonly name?: string; readonly params?: Record<string, unknown> }[];
  readonly request?: {
    readonly method?: string;
    readonly path?: string;
    readonly headers?: Readonly<Record<string, string | readonly string[]>>;
    readonly body?: { readonly content?: unknown };
    readonly generators?: {
      readonly body?: Readonly<Record<string, { readonly type?: string; readonly expression?: string }>>;
    };
  };
}

/** The interaction named `description` in any of `pacts`. */
export function findInteraction(pacts: readonly unknown[], description: string): PactInteraction | undefined {
  for (const pact of pacts) {
    const interactions = (pact as { interactions?: PactInteraction[] } | null)?.interactions ?? [];
    const found = interactions.find((i) => i.description === description);
    if (found) return found;
  }
  return undefined;
}

/** The top-level body fields a provider state fills (`$.code` ← `${code}`), by field name. */
export function injectedFields(interaction: PactInteraction): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [path, generator] of Object.entries(interaction.request?.generators?.body ?? {})) {
    const field = /^\$\.([A-Za-z0-9_]+)$/.exec(path)?.[1];
    const key = /^\$\{([A-Za-z0-9_]+)\}$/.exec(generator.expression ?? "")?.[1];
    if (field && key && generator.type === "ProviderState") fields.set(field, key);
  }
  return fields;
}

const header = (interaction: PactInteraction, name: string): string | undefined => {
  const entry = Object.entries(interaction.request?.headers ?? {}).find(
    ([key]) => key.toLowerCase() === name,
  )?.[1];
  return Array.isArray(entry) ? entry.join(", ") : (entry as string | undefined);
};

/**
 * What the interaction's request is, for the answer oracle: its token (the placeholder stands for
 * the real one), the code its provider state injects or the one it carries, and its body.
 */
export function factsOfInteraction(interaction: PactInteraction, placeholderToken: string): RequestFacts {
  const authorization = header(interaction, "authorization");
  const auth =
    authorization === undefined
      ? "missing"
      : authorization === `${AUTH_SCHEME} ${placeholderToken}`
        ? "valid"
        : "invalid";
  const content = interaction.request?.body?.content;
  if (typeof content !== "object" || content === null || Array.isArray(content))
    return { auth, body: content === undefined ? "not-json" : "not-object" };
  const body = content as Record<string, unknown>;
  const state = interaction.providerStates?.[0]?.name;
  const code = injectedFields(interaction).has("code")
    ? state === PROVIDER_STATES.codeExpired
      ? "expired"
      : "shared"
    : codeFactOf(body.code);
  return {
    auth,
    code,
    type: body.type === undefined ? "missing" : body.type === SESSION_TYPE ? "ok" : "wrong",
    payeeInfo:
      body.payeeInfo === undefined
        ? "absent"
        : typeof body.payeeInfo === "object" && body.payeeInfo !== null && !Array.isArray(body.payeeInfo)
          ? "object"
          : "not-object",
  };
}

/** Where and how to replay. */
export interface ReplayTarget {
  readonly baseUrl: string;
  /** The real token, sent where the pact has the placeholder. */
  readonly token: string;
  readonly placeholderToken: string;
  readonly stateSetupUrl: string | undefined;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * The interaction's request as the verifier sends it: the real token for the placeholder, and the
 * values of a fresh provider state for the fields it injects. Undefined when a state is needed and
 * the target has no state endpoint.
 */
export async function interactionRequest(
  interaction: PactInteraction,
  target: ReplayTarget,
): Promise<ReproducibleRequest | undefined> {
  const request = interaction.request;
  if (!request?.method || !request.path) return undefined;
  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers ?? {})) {
    const value = header(interaction, name.toLowerCase()) ?? "";
    headers[name] = value.split(target.placeholderToken).join(target.token);
  }
  let content = request.body?.content;
  const injected = injectedFields(interaction);
  const state = interaction.providerStates?.[0];
  if (injected.size > 0 && state?.name) {
    if (!target.stateSetupUrl) return undefined;
    const values = await createStateSetupClient({
      url: target.stateSetupUrl,
      timeoutMs: target.timeoutMs,
    }).setup(state.name, state.params ?? {});
    content = { ...(content as Record<string, unknown>) };
    for (const [field, key] of injected) (content as Record<string, unknown>)[field] = values[key];
  }
  return {
    method: request.method,
    url: `${target.baseUrl}${request.path}`,
    headers,
    ...(content !== undefined
      ? { body: typeof content === "string" ? content : JSON.stringify(content) }
      : {}),
  };
}

/** A replay's answer and what the rules found in it. */
export interface ReplayJudgement {
  readonly answer: RawAnswer | RawFailure;
  readonly findings: readonly Finding[];
}

/**
 * Sends the interaction again and judges the answer by the rules. Undefined when it cannot be sent
 * (no request in the pact, or a provider state and no state endpoint).
 */
export async function replayInteraction(
  interaction: PactInteraction,
  target: ReplayTarget,
): Promise<ReplayJudgement | undefined> {
  const request = await interactionRequest(interaction, target);
  if (!request) return undefined;
  const answer = await sendRequest(request, {
    timeoutMs: target.timeoutMs,
    ...(target.signal ? { signal: target.signal } : {}),
  });
  return { answer, findings: judgeAnswer(answer, factsOfInteraction(interaction, target.placeholderToken)) };
}
