/**
 * The options of `bleepay-qa load`, and their reading into typed settings. Each bad value is one
 * usage error naming the option and what it expects.
 */
import { OptionError, type OptionValuesOf, option } from "../src/options/index.js";
import {
  DEFAULT_MIXED_WEIGHTS,
  parseWeights,
  SCENARIOS,
  type ScenarioName,
  type Weights,
} from "./engine/scenario.js";
import { DEFAULT_SLOS, parseRegression, parseSlo, type Slo } from "./report/slo.js";

/** Default size of the code pool minted through the state-setup URL. */
export const DEFAULT_POOL_CODES = 10_000;

/** The load command's own options. */
export const LOAD_OPTIONS = {
  scenario: option.choice({
    valueName: "NAME",
    choices: SCENARIOS,
    default: "open-session",
    description: `What to send: ${SCENARIOS.join(" or ")}`,
  }),
  weights: option.custom({
    valueName: "W",
    description: "mixed scenario weights, e.g. valid=90,malformed=5,bad-token=5 (the default)",
    read: (raw, name): Weights | undefined => {
      if (raw === undefined) return undefined;
      const parsed = parseWeights(raw);
      if (typeof parsed === "string") throw new OptionError(`--${name} ${parsed}`);
      return parsed;
    },
  }),
  "codes-file": option.string({
    valueName: "FILE",
    description: "Valid codes, one a line, instead of minting them through --state-setup-url",
  }),
  codes: option.int({
    default: DEFAULT_POOL_CODES,
    min: 1,
    max: 1_000_000,
    description:
      "Size of the code pool minted through --state-setup-url (codes are reused until they expire)",
  }),
  connections: option.int({
    short: "c",
    default: 50,
    min: 1,
    max: 100_000,
    description: "Connections: closed model, each sends as soon as answered; open model, the most open",
  }),
  rate: option.custom({
    short: "r",
    valueName: "R",
    description: "Open model: R requests/s at a constant arrival rate (absent: closed model)",
    read: (raw, name): number | undefined => {
      if (raw === undefined) return undefined;
      const rate = Number(raw.replaceAll("_", ""));
      if (!/^\s*\d[\d_]*(\.\d+)?\s*$/.test(raw) || !(rate > 0 && rate <= 1_000_000)) {
        throw new OptionError(
          `--${name} expects requests per second from 0.1 to 1000000, got ${JSON.stringify(raw)}`,
        );
      }
      return rate;
    },
  }),
  duration: option.duration({
    short: "d",
    valueName: "S",
    default: "10s",
    minMs: 100,
    maxMs: 24 * 3_600_000,
    description: "Measured duration",
  }),
  warmup: option.duration({
    valueName: "S",
    default: "0s",
    minMs: 0,
    maxMs: 3_600_000,
    description: "Run this long first, left out of figures and gates",
  }),
  timeout: option.duration({
    valueName: "S",
    default: "10s",
    minMs: 1,
    maxMs: 600_000,
    description:
      "A request without an answer after this long is a timeout; also bounds each provider-state call minting the pool (at least 1s)",
  }),
  pipelining: option.int({
    default: 1,
    min: 1,
    max: 1000,
    description: "Closed model: requests in flight per connection",
  }),
  "require-valid": option.flag({
    description:
      "Fail (exit 1) when the run is invalid (the generator was the bottleneck) instead of reporting it as not run",
  }),
  "validate-sample": option.percent({
    default: "1%",
    description: "Share of answers checked against the spec's schema (violations count as unexpected)",
  }),
  workers: option.int({
    short: "w",
    default: 1,
    min: 0,
    max: 64,
    description: "Generator threads (0: the main thread); histograms are merged exactly",
  }),
  slo: option.list({
    valueName: "EXPR",
    default: DEFAULT_SLOS,
    description: `Gate, e.g. 'p99<50ms', 'error_rate<0.1%', 'rps>=5000' (none given: ${DEFAULT_SLOS.join(", ")})`,
    item: (expr: string, name: string): Slo => {
      const slo = parseSlo(expr);
      if (typeof slo === "string") throw new OptionError(`--${name} ${slo}`);
      return slo;
    },
  }),
  baseline: option.string({ valueName: "FILE", description: "An earlier load.json to compare with" }),
  "max-regression": option.custom({
    valueName: "PCT",
    default: "10%",
    description:
      "With --baseline: a latency (or closed-model req/s) regresses when the 95 % CI of its change lies past this",
    read: (raw, name): number => {
      const regression = parseRegression(raw ?? "10%");
      if (typeof regression === "string") throw new OptionError(`--${name} ${regression}`);
      return regression;
    },
  }),
  json: option.string({
    valueName: "FILE",
    description: "Also write the JSON report here (reports/load.json always)",
  }),
  export: option.choice({
    valueName: "ENGINE",
    choices: ["k6", "artillery"] as const,
    description: "Write the scenario for k6 or artillery (needs --rate) instead of running it",
  }),
};

/** The load options, typed. */
export type LoadOptionValues = OptionValuesOf<typeof LOAD_OPTIONS>;

/** The load settings, read and checked against each other. */
export interface LoadSettings {
  readonly scenario: ScenarioName;
  readonly weights: Weights;
  readonly codesFile: string | undefined;
  readonly codes: number;
  readonly connections: number;
  readonly rate: number | undefined;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly timeoutMs: number;
  readonly pipelining: number;
  readonly validateSample: number;
  /** An invalid run fails instead of being not run. */
  readonly requireValid: boolean;
  readonly workers: number;
  readonly slos: readonly Slo[];
  readonly baseline: string | undefined;
  readonly maxRegression: number;
  readonly json: string | undefined;
  readonly export: "k6" | "artillery" | undefined;
}

/** The load settings from the typed options. Throws an `OptionError` naming the first bad one. */
export function loadSettings(o: LoadOptionValues): LoadSettings {
  if (o.weights !== undefined && o.scenario !== "mixed") {
    throw new OptionError("--weights applies to --scenario mixed only");
  }
  if (o.export !== undefined && o.rate === undefined) {
    throw new OptionError("--export writes an open-model script: give --rate (requests per second)");
  }
  return {
    scenario: o.scenario,
    weights: o.weights ?? DEFAULT_MIXED_WEIGHTS,
    codesFile: o.codesFile,
    codes: o.codes,
    connections: o.connections,
    rate: o.rate,
    durationMs: o.duration,
    warmupMs: o.warmup,
    timeoutMs: o.timeout,
    pipelining: o.pipelining,
    validateSample: o.validateSample,
    requireValid: o.requireValid,
    workers: o.workers,
    slos: o.slo,
    baseline: o.baseline,
    maxRegression: o.maxRegression,
    json: o.json,
    export: o.export,
  };
}
