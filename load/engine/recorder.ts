/**
 * Records every answer of a run: microsecond HDR histograms of the corrected latency (from the
 * intended send time) and of the service time (from the actual send), one interval a second for
 * the time series and the HDR log, counts by status, and a sample checked against the spec.
 */
import { DOC_POLICY, judgeAnswer, sortFindings, type VerdictPolicy } from "../../src/rules/index.js";
import { createLatencyHistogram, encodeHistogram, type LatencyHistogram, recordMs } from "./histogram.js";
import { EXPECTED, FACTS, type RequestKind } from "./scenario.js";

/** What happened to one request. Times are `performance.now()` milliseconds. */
export interface RequestOutcome {
  /** When the request should have gone out (the schedule; the send time in the closed model). */
  readonly intendedAt: number;
  /** When it actually went out. */
  readonly sentAt: number;
  /** When the answer (or the failure) came. */
  readonly endAt: number;
  readonly kind: RequestKind;
  /** HTTP status, or 0 when there was no answer. */
  readonly status: number;
  /** The answer's body (only needed for sampled answers). */
  readonly body?: string;
  /** Why there was no answer. */
  readonly failure?: "timeout" | "error";
}

/** One second of the run, sealed. */
export interface IntervalRecord {
  /** Seconds since the start of the run (warmup included). */
  readonly second: number;
  /** Answers completed in this second. */
  readonly requests: number;
  /** Unexpected answers, errors and timeouts completed in this second. */
  readonly failures: number;
  /** HDR compressed base64 histograms (µs). */
  readonly corrected: string;
  readonly service: string;
  /** Corrected p50 and p99 of this second, ms (for the chart). */
  readonly p50: number;
  readonly p99: number;
}

/** Request counts. */
export interface RequestCounts {
  /** Requests measured (warmup left out). */
  total: number;
  /** Answers with the status (and, when sampled, the shape) their kind expects. */
  expected: number;
  /** Answers with another status, or sampled answers that break the spec's schema. */
  unexpected: number;
  /** Requests that got no answer (connection errors). */
  errors: number;
  /** Requests that got no answer within `--timeout`. */
  timeouts: number;
  /**
   * Valid requests answered 400 `invalid_code`: codes of the pool refused, as a provider that lets
   * a code open one session only does (the doc leaves it open). Neither expected nor a failure: the
   * run did not measure what it meant to. Absent in runs recorded before it was counted.
   */
  refused?: number;
}

/** Everything a recorder measured, serialisable (worker threads send it to the main thread). */
export interface RecordedRun {
  /** Epoch milliseconds of the run's start. */
  readonly startedAtEpochMs: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly requests: RequestCounts;
  /** Requests the open model's schedule called for (measured part), and those that went out. */
  readonly scheduled: number;
  readonly sent: number;
  readonly statusCodes: Record<string, number>;
  /** Measured intervals, in order. */
  readonly intervals: readonly IntervalRecord[];
  /** Answers checked against the spec, the first violations found, and the first deviations (one a rule). */
  readonly sampled: number;
  readonly violations: readonly string[];
  readonly deviations?: readonly string[];
}

/** Options of {@link createRecorder}. */
export interface RecorderOptions {
  /** `performance.now()` at the start of the run. */
  readonly startAt: number;
  readonly warmupMs: number;
  /** Fraction of answers checked against the spec's schema (0…1). */
  readonly validateSample: number;
  /** Closed model: every request is sent when intended, so the service time is the latency. */
  readonly serviceIsLatency?: boolean;
  readonly random?: () => number;
  /** Which findings of a sampled answer fail it; the others are deviations (default: the doc's). */
  readonly policy?: VerdictPolicy;
}

/** Records outcomes; {@link Recorder.finish} seals the last interval and returns the run. */
export interface Recorder {
  record(outcome: RequestOutcome): void;
  /** Counts a request the schedule called for (open model); `sent` once it went out. */
  scheduled(intendedAt: number): void;
  sent(intendedAt: number): void;
  /** Live figures for the progress line (p99 of the current second). */
  live(): { requests: number; p99Ms: number };
  finish(durationMs: number): RecordedRun;
}

const MAX_VIOLATIONS = 10;

/** Microseconds to milliseconds with microsecond precision, as summarize() gives them. */
const msOf = (us: number): number => Math.round(us) / 1000;

/**
 * Judges a sampled answer by the rules (its body and status; load keeps no headers): the findings
 * that fail under the policy, and those that are deviations, as lines.
 */
export function checkSampledAnswer(
  kind: RequestKind,
  status: number,
  body: string | undefined,
  policy: VerdictPolicy = DOC_POLICY,
): { failures: string[]; deviations: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(body ?? "");
  } catch {
    json = undefined;
  }
  const findings = judgeAnswer({ ok: true, status, headers: {}, text: body ?? "", json }, FACTS[kind], {
    checkHeaders: false,
  });
  const line = (f: { message: string; rule: string; basis: string }) =>
    `status ${status}: ${f.message} [${f.rule}, ${f.basis}]`;
  const sorted = sortFindings(findings, policy);
  return { failures: sorted.failures.map(line), deviations: sorted.deviations.map(line) };
}

/**
 * Creates a recorder.
 *
 * @example
 * const r = createRecorder({ startAt: performance.now(), warmupMs: 0, validateSample: 0.01 });
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const { startAt, warmupMs } = options;
  const random = options.random ?? Math.random;
  const startedAtEpochMs = Date.now() - (performance.now() - startAt);
  const counts: RequestCounts = { total: 0, expected: 0, unexpected: 0, errors: 0, timeouts: 0, refused: 0 };
  const policy = options.policy ?? DOC_POLICY;
  const deviations: string[] = [];
  const statusCodes: Record<string, number> = {};
  const intervals: IntervalRecord[] = [];
  const violations: string[] = [];
  let sampled = 0;
  let scheduled = 0;
  let sent = 0;
  let current:
    | { second: number; requests: number; failures: number; c: LatencyHistogram; s: LatencyHistogram }
    | undefined;

  const seal = (): void => {
    if (!current) return;
    // Two percentiles, not summarize(): its mean walks every recorded value, milliseconds a second
    // spent on the generator's thread while requests fall due.
    const { c } = current;
    const p50 = c.totalCount ? msOf(c.getValueAtPercentile(50)) : 0;
    const p99 = c.totalCount ? msOf(c.getValueAtPercentile(99)) : 0;
    const corrected = encodeHistogram(current.c);
    intervals.push({
      second: current.second,
      requests: current.requests,
      failures: current.failures,
      corrected,
      // Closed model: sent when intended, so the service time is the latency (recorded once).
      service: options.serviceIsLatency ? corrected : encodeHistogram(current.s),
      p50,
      p99,
    });
    current = undefined;
  };
  const intervalFor = (second: number) => {
    if (current && current.second !== second) seal();
    current ??= {
      second,
      requests: 0,
      failures: 0,
      c: createLatencyHistogram(),
      s: createLatencyHistogram(),
    };
    return current;
  };
  const measured = (intendedAt: number): boolean => intendedAt - startAt >= warmupMs;

  return {
    scheduled(intendedAt) {
      if (measured(intendedAt)) scheduled++;
    },
    sent(intendedAt) {
      if (measured(intendedAt)) sent++;
    },
    record(o) {
      if (!measured(o.intendedAt)) return;
      // Answers arrive in completion order, so intervals close in order.
      const interval = intervalFor(Math.max(0, Math.floor((o.endAt - startAt) / 1000)));
      interval.requests++;
      counts.total++;
      if (o.failure !== "error") {
        // A timed-out request is recorded at the time it waited, a lower bound of its latency:
        // left out, a provider that stops answering would improve its own percentiles.
        recordMs(interval.c, o.endAt - o.intendedAt);
        // Recorded once in the closed model: the two figures are the same there.
        if (!options.serviceIsLatency) recordMs(interval.s, o.endAt - o.sentAt);
      }
      if (o.failure) {
        if (o.failure === "timeout") counts.timeouts++;
        else counts.errors++;
        interval.failures++;
        return;
      }
      statusCodes[o.status] = (statusCodes[o.status] ?? 0) + 1;
      let ok = o.status === EXPECTED[o.kind].status;
      // A pool code refused: the provider may let a code open one session only. Told apart, not
      // counted as a failure of the provider (the load stage says what to do about it).
      if (!ok && o.kind === "valid" && o.status === 400 && o.body?.includes("invalid_code")) {
        (counts as { refused: number }).refused++;
        return;
      }
      if (ok && options.validateSample > 0 && random() < options.validateSample) {
        sampled++;
        const checked = checkSampledAnswer(o.kind, o.status, o.body, policy);
        if (checked.failures.length) {
          ok = false;
          for (const p of checked.failures)
            if (violations.length < MAX_VIOLATIONS) violations.push(`${o.kind}: ${p}`);
        }
        for (const d of checked.deviations)
          if (
            deviations.length < MAX_VIOLATIONS &&
            !deviations.some((x) => x.endsWith(d.slice(d.indexOf("["))))
          )
            deviations.push(`${o.kind}: ${d}`);
      }
      if (ok) counts.expected++;
      else {
        counts.unexpected++;
        interval.failures++;
      }
    },
    live() {
      const c = current?.c;
      return { requests: counts.total, p99Ms: c?.totalCount ? c.getValueAtPercentile(99) / 1000 : 0 };
    },
    finish(durationMs) {
      seal();
      return {
        startedAtEpochMs,
        warmupMs,
        durationMs,
        requests: { ...counts },
        scheduled,
        sent,
        statusCodes: { ...statusCodes },
        intervals: [...intervals],
        sampled,
        violations: [...violations],
        deviations: [...deviations],
      };
    },
  };
}
