/**
 * The load report (`reports/load.json`, schema `bleepay-qa/load@1`): figures from the merged run,
 * the generator's self-check, and the verdict of every gate.
 */
import { decodeHistogram, type LatencySummary, summarize } from "../engine/histogram.js";
import { runHistograms } from "../engine/merge-runs.js";
import type { RecordedRun, RequestCounts } from "../engine/recorder.js";
import type { ScenarioName, Weights } from "../engine/scenario.js";
import { type SelfCheckFigures, selfCheckProblems } from "../engine/self-check.js";
import type { SloFigures, SloResult } from "./slo.js";

/** Version of the load report's layout; bumped on any breaking change. */
export const LOAD_REPORT_SCHEMA = "bleepay-qa/load@1";

/** One second of the run. */
export interface SeriesPoint {
  /** Seconds since the measured part began. */
  readonly second: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
}

/** `reports/load.json`. */
export interface LoadReport {
  readonly schema: typeof LOAD_REPORT_SCHEMA;
  readonly startedAt: string;
  readonly target: string;
  readonly scenario: { readonly name: ScenarioName; readonly weights: Weights };
  readonly model: {
    readonly type: "open" | "closed";
    /** Open model: requests per second scheduled. */
    readonly rate?: number;
    readonly connections: number;
    readonly pipelining?: number;
    readonly workers: number;
  };
  readonly durationS: number;
  readonly warmupS: number;
  readonly timeoutMs: number;
  readonly requests: RequestCounts & {
    /** Open model: requests the schedule called for and requests that went out. */
    readonly scheduled?: number;
    readonly sent?: number;
  };
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Unexpected answers, errors and timeouts over all requests. */
  readonly errorRate: number;
  readonly rps: { readonly mean: number; readonly series: readonly SeriesPoint[] };
  /** Latency as the user saw it: from the intended send time in the open model. */
  readonly latencyMs: LatencySummary;
  /** From the actual send (equal to latencyMs in the closed model). */
  readonly serviceTimeMs: LatencySummary;
  readonly contract: {
    readonly sampleRate: number;
    readonly sampled: number;
    readonly violations: readonly string[];
    /** Departures from the spec's assumptions the policy did not fail, one a rule (absent in older reports). */
    readonly deviations?: readonly string[];
  };
  readonly slo: readonly SloResult[];
  readonly baseline?: {
    readonly file: string;
    readonly maxRegression: number;
    readonly results: readonly SloResult[];
  };
  /** False when the generator itself was the bottleneck; `invalidReasons` says why. */
  readonly valid: boolean;
  readonly invalidReasons: readonly string[];
  readonly generator: readonly SelfCheckFigures[];
  /** The HDR log of this run (µs, one interval a second), relative to the report. */
  readonly hdrLog?: string;
}

/** What {@link buildLoadReport} needs. */
export interface LoadReportInput {
  readonly run: RecordedRun;
  readonly selfChecks: readonly SelfCheckFigures[];
  readonly target: string;
  readonly scenario: { readonly name: ScenarioName; readonly weights: Weights };
  readonly model: LoadReport["model"];
  readonly timeoutMs: number;
  readonly validateSample: number;
  readonly hdrLog?: string;
  /** Reasons the run is invalid found elsewhere (e.g. in merged logs). */
  readonly invalidReasons?: readonly string[];
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Builds the report without its gates (see {@link withGates}). */
export function buildLoadReport(input: LoadReportInput): LoadReport {
  const { run } = input;
  const { corrected, service } = runHistograms(run);
  const durationS = run.durationMs / 1000;
  const failed = run.requests.unexpected + run.requests.errors + run.requests.timeouts;
  const firstSecond = Math.floor(run.warmupMs / 1000);
  const latencyMs = summarize(corrected);
  const invalidReasons = [...(input.invalidReasons ?? [])];
  invalidReasons.push(
    ...input.selfChecks.flatMap((f, i) =>
      selfCheckProblems(f, input.model.type, latencyMs.p99).map((p) =>
        input.selfChecks.length > 1 ? `worker ${i + 1}: ${p}` : p,
      ),
    ),
  );
  if (input.model.type === "open" && run.scheduled > 0 && run.sent < run.scheduled * 0.99) {
    invalidReasons.push(`only ${run.sent} of ${run.scheduled} scheduled requests went out`);
  }
  return {
    schema: LOAD_REPORT_SCHEMA,
    startedAt: new Date(run.startedAtEpochMs).toISOString(),
    target: input.target,
    scenario: input.scenario,
    model: input.model,
    durationS: round(durationS, 3),
    warmupS: run.warmupMs / 1000,
    timeoutMs: input.timeoutMs,
    requests: {
      ...run.requests,
      ...(input.model.type === "open" ? { scheduled: run.scheduled, sent: run.sent } : {}),
    },
    statusCodes: run.statusCodes,
    errorRate: run.requests.total ? failed / run.requests.total : 0,
    rps: {
      mean: round(durationS > 0 ? run.requests.total / durationS : 0),
      series: run.intervals.map((i) => ({
        second: i.second - firstSecond,
        rps: i.requests,
        p50Ms: i.p50,
        // Each second's p90 too: a later run compares its seconds with these (baseline-comparison.ts).
        p90Ms: Math.round(decodeHistogram(i.corrected).getValueAtPercentile(90)) / 1000,
        p99Ms: i.p99,
        failures: i.failures,
      })),
    },
    latencyMs,
    serviceTimeMs: summarize(service),
    contract: {
      sampleRate: input.validateSample,
      sampled: run.sampled,
      violations: run.violations,
      deviations: run.deviations ?? [],
    },
    slo: [],
    valid: invalidReasons.length === 0,
    invalidReasons,
    generator: input.selfChecks,
    ...(input.hdrLog ? { hdrLog: input.hdrLog } : {}),
  };
}

/** The figures gates read, from a report (also from a baseline report). */
export function sloFigures(
  report: Pick<LoadReport, "latencyMs" | "errorRate" | "rps" | "requests">,
): SloFigures {
  return {
    latencyMs: report.latencyMs,
    errorRate: report.errorRate,
    rps: report.rps.mean,
    requests: report.requests.total,
    // Timeouts are in the latency histogram (at the time they waited); connection errors are not.
    latencySamples: report.requests.total - report.requests.errors,
  };
}

/** Whether every gate (and baseline comparison) passed. */
export function gatesPassed(report: LoadReport): boolean {
  return report.slo.every((s) => s.pass) && (report.baseline?.results.every((s) => s.pass) ?? true);
}
