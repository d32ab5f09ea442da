/**
 * Typed data a stage hands to the reporting layer beside its checks: what the run report draws.
 * Plain JSON (it is written into summary.json too), renderer-agnostic, and owned by no stage, so
 * that `src/report` draws it without importing a stage or reading its files back.
 */

/** Latency percentiles of a run, in milliseconds. */
export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

/** One second of a load run. */
export interface SeriesPoint {
  /** Seconds since the measured part began. */
  readonly second: number;
  readonly rps: number;
  readonly p50Ms: number;
  /** Absent in reports written before each second's p90 was kept. */
  readonly p90Ms?: number;
  readonly p99Ms: number;
  readonly failures: number;
}

/** A latency distribution as `[percentile, milliseconds]` points, for a percentile chart. */
export type PercentileCurve = ReadonlyArray<readonly [number, number]>;

/** The corrected latency (from the intended send time) and the service time, as curves. */
export interface PercentileCurves {
  readonly corrected: PercentileCurve;
  readonly service: PercentileCurve;
}

/** A gate's verdict (an SLO or a comparison with a baseline). */
export interface GateResult {
  /** The gate as written or described, e.g. `p99<50ms`. */
  readonly expr: string;
  /** The measured value, with its unit (e.g. `12.345ms`), or why nothing could be measured. */
  readonly actual: string;
  readonly pass: boolean;
}

/** A load measurement as the run report shows it. */
export interface LatencyArtifact {
  /** How the load was applied, as one sentence (model, rate, connections, duration). */
  readonly model: string;
  /** Whether the open model's latency is corrected (service time shown beside it). */
  readonly corrected: boolean;
  readonly valid: boolean;
  readonly invalidReasons: readonly string[];
  /** Headline figures, e.g. `req/s`, `p99`. */
  readonly figures: Readonly<Record<string, string | number>>;
  readonly latencyMs: LatencySummary;
  readonly serviceTimeMs: LatencySummary;
  /** Undefined when the histograms were not at hand: the page says so instead of a chart. */
  readonly curves?: PercentileCurves;
  readonly series: readonly SeriesPoint[];
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly slo: readonly GateResult[];
  readonly baseline?: {
    readonly file: string;
    readonly maxRegression: number;
    readonly results: readonly GateResult[];
  };
  /** The stage's own JSON report (load.json), embedded as is in summary.json's `load`. */
  readonly report: Readonly<Record<string, unknown>>;
}

/** One step of a capacity search: the rate offered and what it gave. */
export interface CapacityStepPoint {
  readonly rateRps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errorRate: number;
  /** Whether every SLO held. */
  readonly held: boolean;
  /** Whether the generator kept its schedule (an invalid step is no evidence). */
  readonly valid: boolean;
}

/** A capacity search as the reports show it (capacity.json, schema `bleepay-qa/capacity@1`). */
export interface CapacityArtifact {
  readonly schema: "bleepay-qa/capacity@1";
  /** The highest rate at which every SLO held. */
  readonly capacityRps: number;
  /** How far above it the capacity may lie (the gap to the lowest rate that broke). */
  readonly resolutionRps: number;
  /** The SLOs, as written. */
  readonly slo: readonly string[];
  /** Whether the answer rests on valid steps only. */
  readonly valid: boolean;
  /** Why the search stopped. */
  readonly stoppedBecause: string;
  readonly steps: readonly CapacityStepPoint[];
}

/** Every artifact kind a stage may hand over. */
export interface StageArtifacts {
  readonly latency?: LatencyArtifact;
  readonly capacity?: CapacityArtifact;
}
