/**
 * Load scenarios: what each request carries and which answer it expects. `open-session` sends only
 * valid codes from the pool; `mixed` also sends malformed codes and a wrong token, by weight, and
 * only answers that differ from each kind's expected status count as unexpected.
 */
import {
  AUTH_SCHEME,
  CODE_LENGTH,
  ERROR_CODES,
  ERROR_STATUS,
  isWellFormedCode,
  type RequestFacts,
  SESSION_TYPE,
} from "../../src/rules/index.js";

/** The scenarios `--scenario` accepts. */
export const SCENARIOS = ["open-session", "mixed"] as const;

/** A scenario's name. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** The kinds of request a scenario mixes. */
export const REQUEST_KINDS = ["valid", "malformed", "bad-token"] as const;

/** A kind of request. */
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Relative weight of each request kind. */
export type Weights = Readonly<Record<RequestKind, number>>;

/** The `mixed` scenario's default weights: 90 % valid, 5 % malformed code, 5 % bad token. */
export const DEFAULT_MIXED_WEIGHTS: Weights = { valid: 90, malformed: 5, "bad-token": 5 };

/** The weights of `open-session`: valid codes only. */
export const OPEN_SESSION_WEIGHTS: Weights = { valid: 100, malformed: 0, "bad-token": 0 };

/** A token no provider should accept (the `bad-token` kind). */
export const WRONG_TOKEN = "bleepay-qa-wrong-token";

/** What one request expects back. */
export interface Expectation {
  readonly status: number;
  /** The error body's `code`, for error answers. */
  readonly errorCode?: string;
}

/**
 * What each kind of request is, for the answer oracle. The pool's codes are used again and again,
 * so a valid request's code may be one that already opened a session (the doc leaves open whether
 * it may open another).
 */
export const FACTS: Readonly<Record<RequestKind, RequestFacts>> = {
  valid: { code: "reused" },
  malformed: { code: "wrong-length" },
  "bad-token": { auth: "invalid", code: "reused" },
};

/** The expected answer of each kind. */
export const EXPECTED: Readonly<Record<RequestKind, Expectation>> = {
  valid: { status: 200 },
  malformed: { status: ERROR_STATUS[ERROR_CODES.invalidCode], errorCode: ERROR_CODES.invalidCode },
  "bad-token": { status: ERROR_STATUS[ERROR_CODES.unauthorized], errorCode: ERROR_CODES.unauthorized },
};

/** One request to send. */
export interface PlannedRequest {
  readonly kind: RequestKind;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Produces the next request to send. */
export interface Scenario {
  readonly name: ScenarioName;
  readonly weights: Weights;
  /** How many valid codes the pool holds (a prebuilt cycle this long uses every one). */
  readonly poolSize: number;
  /** The next request, its kind drawn at random by weight. */
  next(): PlannedRequest;
  /**
   * `n` requests whose kinds match the weights exactly (largest remainder), in shuffled order:
   * the closed model's prebuilt cycle.
   */
  cycle(n: number): PlannedRequest[];
}

/**
 * Parses `--weights`: `valid=90,malformed=5,bad-token=5` (kinds left out weigh 0).
 * Returns an error message instead of throwing, so the CLI can name the option.
 */
export function parseWeights(raw: string): Weights | string {
  const weights: Record<RequestKind, number> = { valid: 0, malformed: 0, "bad-token": 0 };
  for (const part of raw.split(",")) {
    const match = /^\s*([a-z-]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    const kind = match?.[1] as RequestKind | undefined;
    if (!match || !kind || !REQUEST_KINDS.includes(kind)) {
      return `expects KIND=WEIGHT pairs separated by commas with KIND one of ${REQUEST_KINDS.join(", ")} (e.g. valid=90,malformed=5,bad-token=5), got ${JSON.stringify(raw)}`;
    }
    weights[kind] = Number(match[2]);
  }
  if (REQUEST_KINDS.every((k) => weights[k] === 0)) return "needs at least one weight above 0";
  return weights;
}

/** A code the spec's rule rejects, made from a valid one (one character short). */
export function malformedFrom(code: string): string {
  const malformed = code.slice(0, CODE_LENGTH - 1);
  // Guard against a future rule that would accept shorter codes: this kind must stay malformed.
  if (isWellFormedCode(malformed)) throw new Error(`${malformed} unexpectedly satisfies the code rule`);
  return malformed;
}

/** Options of {@link createScenario}. */
export interface ScenarioOptions {
  readonly name: ScenarioName;
  /** Weights for `mixed` (default {@link DEFAULT_MIXED_WEIGHTS}); ignored by `open-session`. */
  readonly weights?: Weights;
  /** The valid codes, used round-robin (codes may be reused until they expire). */
  readonly codes: readonly string[];
  readonly token: string;
  /** Random numbers in [0, 1) (tests pass a seeded source). */
  readonly random?: () => number;
}

/**
 * Creates a scenario over a code pool.
 *
 * @example
 * const s = createScenario({ name: "mixed", codes: ["A1B2C3"], token: "dev-payee-token" });
 * s.next(); // { kind: "valid", headers: {...}, body: '{"code":"A1B2C3","type":"SESSION_DEFAULT"}' }
 */
export function createScenario(options: ScenarioOptions): Scenario {
  const { codes, token } = options;
  if (codes.length === 0) throw new Error("the code pool is empty");
  const weights =
    options.name === "open-session" ? OPEN_SESSION_WEIGHTS : (options.weights ?? DEFAULT_MIXED_WEIGHTS);
  const random = options.random ?? Math.random;
  const total = REQUEST_KINDS.reduce((sum, k) => sum + weights[k], 0);
  const cumulative = REQUEST_KINDS.map((_, i) =>
    REQUEST_KINDS.slice(0, i + 1).reduce((sum, k) => sum + weights[k] / total, 0),
  );
  const good = { authorization: `${AUTH_SCHEME} ${token}`, "content-type": "application/json" };
  const bad = { authorization: `${AUTH_SCHEME} ${WRONG_TOKEN}`, "content-type": "application/json" };
  let cursor = 0;
  const nextCode = (): string => {
    const code = codes[cursor] as string;
    cursor = (cursor + 1) % codes.length;
    return code;
  };
  const body = (code: string): string => JSON.stringify({ code, type: SESSION_TYPE });
  const make = (kind: RequestKind): PlannedRequest => {
    if (kind === "malformed") return { kind, headers: good, body: body(malformedFrom(nextCode())) };
    if (kind === "bad-token") return { kind, headers: bad, body: body(nextCode()) };
    return { kind, headers: good, body: body(nextCode()) };
  };
  return {
    name: options.name,
    weights,
    poolSize: codes.length,
    next() {
      const r = random();
      const index = cumulative.findIndex((c) => r < c);
      return make(REQUEST_KINDS[index === -1 ? REQUEST_KINDS.length - 1 : index] as RequestKind);
    },
    cycle(n) {
      const exact = REQUEST_KINDS.map((k) => (weights[k] / total) * n);
      const counts = exact.map(Math.floor);
      const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
      for (let left = n - counts.reduce((a, b) => a + b, 0), j = 0; left > 0; left--, j++) {
        const i = order[j % order.length]?.[1] ?? 0;
        counts[i] = (counts[i] ?? 0) + 1;
      }
      const kinds = REQUEST_KINDS.flatMap((k, i) => Array<RequestKind>(counts[i] ?? 0).fill(k));
      for (let i = kinds.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [kinds[i], kinds[j]] = [kinds[j] as RequestKind, kinds[i] as RequestKind];
      }
      return kinds.map(make);
    },
  };
}
