/**
 * Pacts from a Pact Broker, as `bleepay-qa verify` gets them: the broker's "pacts for verification"
 * call with the consumer version selectors, then each pact by its link. Only HAL links the broker
 * itself gives are followed; the token goes in the `Authorization` header and nowhere else.
 */
import { PROVIDER_NAME } from "../../contracts/pact-names.js";
import { DiffInputError } from "./spec-load-error.js";

/** Where and which pacts to fetch. */
export interface BrokerSource {
  readonly url: string;
  readonly token: string | undefined;
  readonly consumerVersionSelectors: readonly Record<string, unknown>[];
}

/** A pact read from the broker, with the link it came from. */
export interface BrokerPact {
  readonly source: string;
  readonly pact: unknown;
}

const TIMEOUT_MS = 10_000;

async function call(
  broker: BrokerSource,
  url: string,
  init: { method?: string; body?: unknown },
  signal?: AbortSignal,
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: "application/hal+json, application/json" };
  if (broker.token) headers.Authorization = `Bearer ${broker.token}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(signal ? [signal] : [])];
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DiffInputError(
      broker.url,
      `the Pact Broker cannot be reached (${cause ?? (error instanceof Error ? error.message : String(error))})`,
    );
  }
  if (!response.ok) {
    throw new DiffInputError(
      broker.url,
      `the Pact Broker answered ${response.status} to ${init.method ?? "GET"} ${new URL(url).pathname}`,
    );
  }
  try {
    return await response.json();
  } catch {
    throw new DiffInputError(broker.url, `the Pact Broker's answer to ${new URL(url).pathname} is not JSON`);
  }
}

const link = (body: unknown, name: string): string | undefined => {
  const href = (body as { _links?: Record<string, { href?: unknown }> })?._links?.[name]?.href;
  return typeof href === "string" ? href : undefined;
};

/**
 * Fetches the pacts of {@link PROVIDER_NAME} that the selectors pick.
 *
 * @example
 * const pacts = await fetchBrokerPacts({ url: "https://broker.example", token, consumerVersionSelectors: [{ mainBranch: true }] });
 */
export async function fetchBrokerPacts(broker: BrokerSource, signal?: AbortSignal): Promise<BrokerPact[]> {
  const index = await call(broker, broker.url, {}, signal);
  const template =
    link(index, "pb:provider-pacts-for-verification") ??
    `${broker.url}/pacts/provider/{provider}/for-verification`;
  const forVerification = template.replace("{provider}", encodeURIComponent(PROVIDER_NAME));
  const found = await call(
    broker,
    forVerification,
    {
      method: "POST",
      body: { consumerVersionSelectors: broker.consumerVersionSelectors, includePendingStatus: false },
    },
    signal,
  );
  const entries = (found as { _embedded?: { pacts?: unknown[] } })?._embedded?.pacts ?? [];
  const pacts: BrokerPact[] = [];
  for (const entry of entries) {
    const href = link(entry, "self");
    if (!href) continue;
    const { _links: _ignored, ...pact } = (await call(broker, href, {}, signal)) as Record<string, unknown>;
    pacts.push({ source: href, pact });
  }
  return pacts;
}
