/**
 * The options of `bleepay-qa load`, and their reading into typed settings. Each bad value is one
 * usage error naming the option and what it expects.
 */
import { usageError } from "../src/cli/cli-error.js";
import {
  durationOption,
  flagOption,
  intOption,
  listOption,
  type OptionDefinitions,
  type OptionValues,
  stringOption,
} from "../src/cli/options.js";
import {
  DEFAULT_MIXED_WEIGHTS,
  parseWeights,
  SCENARIOS,
  type ScenarioName,
  type Weights,
} from "./engine/scenario.js";
import { DEFAULT_SLOS, parseRegression, parseSlo, type Slo } from "./report/slo.js";

/** The load command's own options. */
export const LOAD_OPTIONS: OptionDefinitions = {
  scenario: {
    type: "string",
    valueName: "NAME",
    default: "open-session",
    description: `What to send: ${SCENARIOS.join(" or ")}`,
  },
  weights: {
    type: "string",
    valueName: "W",
    description: "mixed scenario weights, e.g. valid=90,malformed=5,bad-token=5 (the default)",
  },
  "codes-file": {
    type: "string",
    valueName: "FILE",
    description: "Valid codes, one a line, instead of minting them through --state-setup-url",
  },
  codes: {
    type: "string",
    valueName: "N",
    default: "10000",
    description:
      "Size of the code pool minted through --state-setup-url (codes are reused until they expire)",
  },
  connections: {
    type: "string",
    short: "c",
    valueName: "N",
    default: "50",
    description: "Connections: closed model, each sends as soon as answered; open model, the most open",
  },
  rate: {
    type: "string",
    short: "r",
    valueName: "R",
    description: "Open model: R requests/s at a constant arrival rate (absent: closed model)",
  },
  duration: { type: "string", short: "d", valueName: "S", default: "10s", description: "Measured duration" },
  warmup: {
    type: "string",
    valueName: "S",
    default: "0s",
    description: "Run this long first, left out of figures and gates",
  },
  timeout: {
    type: "string",
    valueName: "S",
    default: "10s",
    description:
      "A request without an answer after this long is a timeout; also bounds each provider-state call minting the pool (at least 1s)",
  },
  pipelining: {
    type: "string",
    valueName: "N",
    default: "1",
    description: "Closed model: requests in flight per connection",
  },
  "require-valid": {
    type: "boolean",
    description:
      "Fail (exit 1) when the run is invalid (the generator was the bottleneck) instead of reporting it as not run",
  },
  "validate-sample": {
    type: "string",
    valueName: "PCT",
    default: "1%",
    description: "Share of answers checked against the spec's schema (violations count as unexpected)",
  },
  workers: {
    type: "string",
    short: "w",
    valueName: "N",
    default: "1",
    description: "Generator threads (0: the main thread); histograms are merged exactly",
  },
  slo: {
    type: "string",
    valueName: "EXPR",
    multiple: true,
    description: `Gate, e.g. 'p99<50ms', 'error_rate<0.1%', 'rps>=5000' (none given: ${DEFAULT_SLOS.join(", ")})`,
  },
  baseline: { type: "string", valueName: "FILE", description: "An earlier load.json to compare with" },
  "max-regression": {
    type: "string",
    valueName: "PCT",
    default: "10%",
    description: "With --baseline: how much worse p50/p90/p99 and req/s may get",
  },
  json: {
    type: "string",
    valueName: "FILE",
    description: "Also write the JSON report here (reports/load.json always)",
  },
  export: {
    type: "string",
    valueName: "ENGINE",
    description: "Write the scenario for k6 or artillery (needs --rate) instead of running it",
  },
};

/** The load settings, read and checked. */
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

function percentOption(values: OptionValues, name: string, fallback: number): number {
  const raw = stringOption(values, name);
  if (raw === undefined) return fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(raw);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw usageError(
      `--${name} expects a share from 0% to 100% (e.g. 1%, or 0.01), got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Reads the load options. Throws a usage error (exit 2) naming the first bad one. */
export function readLoadSettings(values: OptionValues): LoadSettings {
  const scenario = stringOption(values, "scenario") ?? "open-session";
  if (!SCENARIOS.includes(scenario as ScenarioName)) {
    throw usageError(`--scenario expects ${SCENARIOS.join(" or ")}, got ${JSON.stringify(scenario)}`);
  }
  const rawWeights = stringOption(values, "weights");
  let weights: Weights = DEFAULT_MIXED_WEIGHTS;
  if (rawWeights !== undefined) {
    if (scenario !== "mixed") throw usageError("--weights applies to --scenario mixed only");
    const parsed = parseWeights(rawWeights);
    if (typeof parsed === "string") throw usageError(`--weights ${parsed}`);
    weights = parsed;
  }
  const rawRate = stringOption(values, "rate");
  let rate: number | undefined;
  if (rawRate !== undefined) {
    rate = Number(rawRate.replaceAll("_", ""));
    if (!/^\s*\d[\d_]*(\.\d+)?\s*$/.test(rawRate) || !(rate > 0 && rate <= 1_000_000)) {
      throw usageError(
        `--rate expects requests per second from 0.1 to 1000000, got ${JSON.stringify(rawRate)}`,
      );
    }
  }
  const slos = listOption(values, "slo");
  const parsedSlos = (slos.length ? slos : [...DEFAULT_SLOS]).map((expr) => {
    const slo = parseSlo(expr);
    if (typeof slo === "string") throw usageError(`--slo ${slo}`);
    return slo;
  });
  const regression = parseRegression(stringOption(values, "max-regression") ?? "10%");
  if (typeof regression === "string") throw usageError(`--max-regression ${regression}`);
  const exportTo = stringOption(values, "export");
  if (exportTo !== undefined && exportTo !== "k6" && exportTo !== "artillery") {
    throw usageError(`--export expects k6 or artillery, got ${JSON.stringify(exportTo)}`);
  }
  if (exportTo !== undefined && rate === undefined) {
    throw usageError("--export writes an open-model script: give --rate (requests per second)");
  }
  return {
    scenario: scenario as ScenarioName,
    weights,
    codesFile: stringOption(values, "codes-file"),
    codes: intOption(values, "codes", { min: 1, max: 1_000_000, fallback: 10_000 }),
    connections: intOption(values, "connections", { min: 1, max: 100_000, fallback: 50 }),
    rate,
    durationMs: durationOption(values, "duration", { minMs: 100, maxMs: 24 * 3_600_000, fallbackMs: 10_000 }),
    warmupMs: durationOption(values, "warmup", { minMs: 0, maxMs: 3_600_000, fallbackMs: 0 }),
    timeoutMs: durationOption(values, "timeout", { minMs: 1, maxMs: 600_000, fallbackMs: 10_000 }),
    pipelining: intOption(values, "pipelining", { min: 1, max: 1000, fallback: 1 }),
    validateSample: percentOption(values, "validate-sample", 0.01),
    requireValid: flagOption(values, "require-valid"),
    workers: intOption(values, "workers", { min: 0, max: 64, fallback: 1 }),
    slos: parsedSlos,
    baseline: stringOption(values, "baseline"),
    maxRegression: regression,
    json: stringOption(values, "json"),
    export: exportTo,
  };
}
