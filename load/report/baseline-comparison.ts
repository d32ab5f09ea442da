/**
 * A run compared with a baseline run, knowing the noise. Two runs of the same build on a shared
 * machine differ, in their tail above all, by more than a fixed 10 %: a fixed threshold either
 * cries wolf or is set so loose that it misses real regressions. So each run's seconds are taken
 * as samples (each second's p50, p90 and p99, and its requests), the difference of the two runs'
 * means is bootstrapped (seconds drawn with replacement, many times), and a regression is called
 * only when the whole 95 % confidence interval of the change lies past `--max-regression`:
 * "p99 +31 % (95 % CI +22…+40 %): regression", or "p99 +6 % (CI −4…+15 %): within noise".
 *
 * A run with too few seconds for the noise to be estimated falls back to the fixed threshold, and
 * says so.
 */
import type { SeriesPoint } from "../../src/stages/artifacts.js";
import type { SloFigures, SloResult } from "./slo.js";

/** Fewest seconds each run needs for its noise to be estimated. */
export const MIN_SECONDS = 5;
/** Bootstrap resamples per metric. */
export const RESAMPLES = 2_000;

/** A run as the comparison reads it: its headline figures and its seconds. */
export interface ComparedRun {
  readonly figures: SloFigures;
  /** One point per measured second (p90 may be missing from reports written before it was kept). */
  readonly series: readonly (SeriesPoint & { readonly p90Ms?: number })[];
  /** The open model sets its own rate: requests/s then says nothing of the provider. */
  readonly openModel: boolean;
}

/** One metric's comparison. */
export interface MetricComparison extends SloResult {
  readonly metric: "p50" | "p90" | "p99" | "rps" | "error_rate";
  /** The change of the per-second mean, as a fraction (+0.31 is 31 % more). */
  readonly change?: number;
  /** The 95 % confidence interval of the change. */
  readonly ci?: readonly [number, number];
  readonly verdict: "regression" | "within noise" | "improvement" | "not compared";
}

/** A small, seeded generator (mulberry32): the same runs always give the same verdict. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** The mean of `values` drawn with replacement. */
function resampledMean(values: readonly number[], random: () => number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)] as number;
  return sum / values.length;
}

/** The percentile `p` (0…1) of sorted values, interpolated. */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * The change of the mean from `base` to `current` samples, as a fraction, with the bootstrap 95 %
 * confidence interval (percentile method).
 */
export function bootstrapChange(
  current: readonly number[],
  base: readonly number[],
  options: { readonly resamples?: number; readonly seed?: number } = {},
): { change: number; ci: [number, number] } {
  const random = seeded(options.seed ?? 0x5eed);
  const resamples = options.resamples ?? RESAMPLES;
  const changes: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const b = resampledMean(base, random);
    changes.push(b > 0 ? resampledMean(current, random) / b - 1 : 0);
  }
  changes.sort((x, y) => x - y);
  const baseMean = mean(base);
  return {
    change: baseMean > 0 ? mean(current) / baseMean - 1 : 0,
    ci: [quantile(changes, 0.025), quantile(changes, 0.975)],
  };
}

const pct = (fraction: number): string => {
  const value = Math.round(fraction * 1000) / 10;
  return `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value)} %`;
};

/**
 * Compares a run with a baseline. Latencies (p50, p90, p99) regress when the interval's lower
 * bound is above `maxRegression`; requests/s (closed model) when its upper bound is below
 * −`maxRegression`; the error rate may not exceed the baseline's by more than 0.1 point.
 *
 * @example
 * compareRuns(current, baseline, 0.1).find((r) => r.metric === "p99")?.actual;
 * // "+31 % (95 % CI +22…+40 %): regression"
 */
export function compareRuns(
  current: ComparedRun,
  baseline: ComparedRun,
  maxRegression: number,
): MetricComparison[] {
  const limit = pct(maxRegression).replace("+", "");
  const results: MetricComparison[] = [];
  const enough = current.series.length >= MIN_SECONDS && baseline.series.length >= MIN_SECONDS;
  const sample = (run: ComparedRun, pick: (p: ComparedRun["series"][number]) => number | undefined) =>
    run.series.map(pick).filter((v): v is number => typeof v === "number" && Number.isFinite(v));

  const latency = (metric: "p50" | "p90" | "p99", key: "p50Ms" | "p90Ms" | "p99Ms"): MetricComparison => {
    const now = current.figures.latencyMs[metric];
    const before = baseline.figures.latencyMs[metric];
    const values = `${before}ms → ${now}ms`;
    if (current.figures.latencySamples === 0)
      return {
        metric,
        expr: `${metric} against the baseline`,
        actual: "no latency to measure",
        pass: false,
        verdict: "not compared",
      };
    const cur = sample(current, (p) => p[key]);
    const base = sample(baseline, (p) => p[key]);
    if (!enough || cur.length < MIN_SECONDS || base.length < MIN_SECONDS) {
      // Too few seconds to know the noise: the fixed threshold, said as such.
      const change = before > 0 ? now / before - 1 : 0;
      return {
        metric,
        expr: `${metric} within ${limit} of the baseline (fixed: too few seconds to estimate the noise)`,
        actual: `${values}: ${pct(change)}`,
        pass: change <= maxRegression,
        change,
        verdict: change > maxRegression ? "regression" : "within noise",
      };
    }
    const { change, ci } = bootstrapChange(cur, base, { seed: metric.charCodeAt(1) });
    const verdict =
      ci[0] > maxRegression ? "regression" : ci[1] < -maxRegression ? "improvement" : "within noise";
    return {
      metric,
      expr: `${metric} against the baseline (a regression when the 95 % CI lies above +${limit})`,
      actual: `${values}: ${pct(change)} (95 % CI ${pct(ci[0])}…${pct(ci[1])}): ${verdict}`,
      pass: verdict !== "regression",
      change,
      ci,
      verdict,
    };
  };
  results.push(latency("p50", "p50Ms"), latency("p90", "p90Ms"), latency("p99", "p99Ms"));

  if (current.openModel || baseline.openModel) {
    results.push({
      metric: "rps",
      expr: "rps against the baseline",
      actual: "not compared: the open model sets its own rate",
      pass: true,
      verdict: "not compared",
    });
  } else if (enough) {
    const { change, ci } = bootstrapChange(
      sample(current, (p) => p.rps),
      sample(baseline, (p) => p.rps),
      { seed: 7 },
    );
    const verdict =
      ci[1] < -maxRegression ? "regression" : ci[0] > maxRegression ? "improvement" : "within noise";
    results.push({
      metric: "rps",
      expr: `rps against the baseline (a regression when the 95 % CI lies below −${limit})`,
      actual: `${Math.round(baseline.figures.rps)} → ${Math.round(current.figures.rps)} req/s: ${pct(change)} (95 % CI ${pct(ci[0])}…${pct(ci[1])}): ${verdict}`,
      pass: verdict !== "regression",
      change,
      ci,
      verdict,
    });
  } else {
    const change = baseline.figures.rps > 0 ? current.figures.rps / baseline.figures.rps - 1 : 0;
    results.push({
      metric: "rps",
      expr: `rps within ${limit} of the baseline (fixed: too few seconds to estimate the noise)`,
      actual: `${Math.round(baseline.figures.rps)} → ${Math.round(current.figures.rps)} req/s: ${pct(change)}`,
      pass: change >= -maxRegression,
      change,
      verdict: change < -maxRegression ? "regression" : "within noise",
    });
  }

  const errorLimit = baseline.figures.errorRate + 0.001;
  const shown = (rate: number): string => `${Number((rate * 100).toPrecision(3))}%`;
  const measured = current.figures.requests > 0;
  results.push({
    metric: "error_rate",
    expr: `error_rate at most the baseline's ${shown(baseline.figures.errorRate)} + 0.1 point`,
    actual: measured ? shown(current.figures.errorRate) : "no request ended in the run",
    pass: measured && current.figures.errorRate <= errorLimit,
    verdict: !measured
      ? "not compared"
      : current.figures.errorRate <= errorLimit
        ? "within noise"
        : "regression",
  });
  return results;
}
