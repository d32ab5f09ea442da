/**
 * A client of Pact's provider-state change protocol, as a provider team exposes it on a test
 * deployment (and as the reference provider serves it). Fuzz and load stages use it to get real
 * context codes; the Pact verifier calls the same URL itself.
 */
import { PROVIDER_STATES } from "../rules/provider-states.js";

/** A failure of the state-setup call, naming the state and the URL. */
export class StateSetupError extends Error {
  constructor(
    message: string,
    /** The state that could not be set up. */
    readonly state: string,
  ) {
    super(message);
    this.name = "StateSetupError";
  }
}

/** Options of {@link createStateSetupClient}. */
export interface StateSetupClientOptions {
  /** The state-change URL, e.g. `http://127.0.0.1:8080/_pact/provider-states`. */
  url: string;
  /**
   * Per-call timeout in milliseconds (default 30,000: bulk minting can take a while). The CLI's
   * stages pass their own `--timeout` (verify its `--request-timeout`).
   */
  timeoutMs?: number;
  /** Headers to add (a test deployment may protect the endpoint). */
  headers?: Record<string, string>;
}

/** Calls a provider's state-change endpoint. */
export interface StateSetupClient {
  /** The state-change URL. */
  readonly url: string;
  /** Sets up a state and returns the values the provider injects. */
  setup(state: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** One freshly shared, valid context code. */
  sharedCode(): Promise<string>;
  /** `count` freshly shared, distinct, valid context codes (one bulk call). */
  sharedCodes(count: number): Promise<string[]>;
  /** A code that was shared and has expired. */
  expiredCode(): Promise<string>;
}

/**
 * Creates a state-setup client.
 *
 * @example
 * const states = createStateSetupClient({ url: "http://127.0.0.1:8080/_pact/provider-states" });
 * const code = await states.sharedCode();
 */
export function createStateSetupClient(options: StateSetupClientOptions): StateSetupClient {
  const { url } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function setup(state: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body: JSON.stringify({ state, params: params ?? {}, action: "setup" }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Inside the try: a connection reset while the body streams in is a failure to reach it too.
      text = await response.text();
    } catch (error) {
      // Say what the timeout was: "TimeoutError" alone does not tell the user which option to raise.
      const cause =
        (error as Error).name === "TimeoutError"
          ? `no answer within ${timeoutMs / 1000} s`
          : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name);
      throw new StateSetupError(`provider state "${state}": ${url} could not be reached (${cause})`, state);
    }
    if (!response.ok) {
      throw new StateSetupError(
        `provider state "${state}": ${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`,
        state,
      );
    }
    try {
      const body: unknown = text.length === 0 ? {} : JSON.parse(text);
      if (typeof body === "object" && body !== null && !Array.isArray(body))
        return body as Record<string, unknown>;
    } catch {
      // reported below
    }
    throw new StateSetupError(
      `provider state "${state}": ${url} answered a body that is not a JSON object`,
      state,
    );
  }

  function stringField(values: Record<string, unknown>, state: string): string {
    if (typeof values.code !== "string") {
      throw new StateSetupError(`provider state "${state}": ${url} returned no "code" string`, state);
    }
    return values.code;
  }

  return {
    url,
    setup,
    async sharedCode() {
      return stringField(await setup(PROVIDER_STATES.codeShared), PROVIDER_STATES.codeShared);
    },
    async sharedCodes(count) {
      const values = await setup(PROVIDER_STATES.codeShared, { count });
      const codes = values.codes;
      if (!Array.isArray(codes) || codes.length !== count || codes.some((c) => typeof c !== "string")) {
        throw new StateSetupError(
          `provider state "${PROVIDER_STATES.codeShared}" with count ${count}: ${url} did not return ${count} codes`,
          PROVIDER_STATES.codeShared,
        );
      }
      return codes as string[];
    },
    async expiredCode() {
      return stringField(await setup(PROVIDER_STATES.codeExpired), PROVIDER_STATES.codeExpired);
    },
  };
}
