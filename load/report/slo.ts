/**
 * SLO gates: `p99<50ms`, `error_rate<0.1%`, `rps>=5000`, and comparison with a baseline report.
 * Latency gates read the corrected latency (what a user waits, schedule included).
 */

/** Latency metrics a gate may name. */
export const LATENCY_METRICS = ["p50", "p90", "p99", "p999", "max", "mean"] as const;

/** Every metric a gate may name. */
export const SLO_METRICS = [...LATENCY_METRICS, "error_rate", "rps"] as const;

/** A gate's metric. */
export type SloMetric = (typeof SLO_METRICS)[number];

type Operator = "<" | "<=" | ">" | ">=";

/** A parsed gate. */
export interface Slo {
  /** As written by the user. */
  readonly expr: string;
  readonly metric: SloMetric;
  readonly operator: Operator;
  /** The threshold in the metric's unit: ms for latencies, a fraction for error_rate, req/s for rps. */
  readonly threshold: number;
}

/** The figures gates are evaluated against. */
export interface SloFigures {
  readonly latencyMs: Readonly<Record<(typeof LATENCY_METRICS)[number], number>>;
  /** Unexpected answers, errors and timeouts over all requests (0…1). */
  readonly errorRate: number;
  readonly rps: number;
  /** Requests that ended in the run (answered, failed or timed out). */
  readonly requests: number;
  /** Requests with a latency (answered or timed out; a connection error has none). */
  readonly latencySamples: number;
}

/** A gate's verdict. */
export interface SloResult {
  readonly expr: string;
  /** The measured value, with its unit (e.g. `12.345ms`, `0.02%`, `5321rps`). */
  readonly actual: string;
  readonly pass: boolean;
}

/** The gates `bleepay-qa load` applies when none are given. */
export const DEFAULT_SLOS = ["p99<50ms", "error_rate<0.1%"] as const;

const LATENCY_UNITS: Readonly<Record<string, number>> = { us: 0.001, µs: 0.001, ms: 1, s: 1000 };

/**
 * Parses a gate such as `p99<50ms`. Returns the gate or an error message.
 *
 * @example
 * parseSlo("p99<50ms"); // { metric: "p99", operator: "<", threshold: 50, … }
 * parseSlo("error_rate<0.1%"); // threshold 0.001
 */
export function parseSlo(expr: string): Slo | string {
  const match = /^\s*([a-z0-9_]+)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|%|rps)?\s*$/.exec(expr);
  const expected = `expects METRIC OP VALUE with METRIC one of ${SLO_METRICS.join(", ")} and OP one of <, <=, >, >= (e.g. p99<50ms, error_rate<0.1%, rps>=5000), got ${JSON.stringify(expr)}`;
  if (!match) return expected;
  const metric = match[1] as SloMetric;
  const operator = match[2] as Operator;
  const value = Number(match[3]);
  const unit = match[4];
  if (!SLO_METRICS.includes(metric)) return expected;
  if ((LATENCY_METRICS as readonly string[]).includes(metric)) {
    if (unit === undefined || LATENCY_UNITS[unit] === undefined)
      return `${metric} needs a time unit (us, ms or s), got ${JSON.stringify(expr)}`;
    return { expr: expr.trim(), metric, operator, threshold: value * (LATENCY_UNITS[unit] ?? 1) };
  }
  if (metric === "error_rate") {
    if (unit !== undefined && unit !== "%")
      return `error_rate takes a percentage (e.g. 0.1%), got ${JSON.stringify(expr)}`;
    const threshold = unit === "%" ? value / 100 : value;
    if (threshold > 1) return `error_rate above 100 % makes no sense, got ${JSON.stringify(expr)}`;
    return { expr: expr.trim(), metric, operator, threshold };
  }
  if (unit !== undefined && unit !== "rps")
    return `rps takes a plain number of requests/s, got ${JSON.stringify(expr)}`;
  return { expr: expr.trim(), metric, operator, threshold: value };
}

function compare(actual: number, operator: Operator, threshold: number): boolean {
  if (operator === "<") return actual < threshold;
  if (operator === "<=") return actual <= threshold;
  if (operator === ">") return actual > threshold;
  return actual >= threshold;
}

/** The value of a metric, and how it is shown. */
export function metricValue(metric: SloMetric, figures: SloFigures): { value: number; shown: string } {
  if (metric === "error_rate") {
    const pct = figures.errorRate * 100;
    return { value: figures.errorRate, shown: `${Number(pct.toPrecision(3))}%` };
  }
  if (metric === "rps") return { value: figures.rps, shown: `${Math.round(figures.rps * 10) / 10}rps` };
  const ms = figures.latencyMs[metric];
  return { value: ms, shown: `${ms}ms` };
}

/**
 * Why a gate on `metric` cannot be judged from these figures, if it cannot: an empty histogram
 * reads as 0 ms and no requests as a 0 % error rate, which would pass any `<` gate.
 */
function unmeasured(metric: SloMetric, figures: SloFigures): string | undefined {
  if (figures.requests === 0) return "no request ended in the run";
  if ((LATENCY_METRICS as readonly string[]).includes(metric) && figures.latencySamples === 0) {
    return "no request was answered or timed out: no latency to measure";
  }
  return undefined;
}

/** Evaluates gates. A gate with nothing to measure fails, saying so (never a pass on no data). */
export function evaluateSlos(slos: readonly Slo[], figures: SloFigures): SloResult[] {
  return slos.map((slo) => {
    const missing = unmeasured(slo.metric, figures);
    if (missing) return { expr: slo.expr, actual: missing, pass: false };
    const { value, shown } = metricValue(slo.metric, figures);
    return { expr: slo.expr, actual: shown, pass: compare(value, slo.operator, slo.threshold) };
  });
}

/**
 * Parses `--max-regression`: `10%` or `0.1`. Returns the fraction or an error message.
 */
export function parseRegression(raw: string): number | string {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(raw);
  if (!match) return `expects a percentage such as 10%, got ${JSON.stringify(raw)}`;
  const fraction = match[2] ? Number(match[1]) / 100 : Number(match[1]);
  if (fraction > 10) return `expects a percentage up to 1000%, got ${JSON.stringify(raw)}`;
  return fraction;
}
