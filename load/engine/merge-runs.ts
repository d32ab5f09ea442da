/**
 * Merging recorded runs (worker threads, or machines through their HDR logs): counts add up and
 * histograms are added bucket by bucket, so merged percentiles are exact, never averaged.
 */
import {
  decodeHistogram,
  encodeHistogram,
  type LatencyHistogram,
  mergeHistograms,
  summarize,
} from "./histogram.js";
import type { IntervalRecord, RecordedRun } from "./recorder.js";

/** Merges intervals that cover the same second. */
export function mergeIntervals(lists: readonly (readonly IntervalRecord[])[]): IntervalRecord[] {
  const bySecond = new Map<number, IntervalRecord[]>();
  for (const list of lists) {
    for (const interval of list) {
      const group = bySecond.get(interval.second) ?? [];
      group.push(interval);
      bySecond.set(interval.second, group);
    }
  }
  return [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, group]) => {
      if (group.length === 1) return group[0] as IntervalRecord;
      const corrected = mergeHistograms(group.map((g) => decodeHistogram(g.corrected)));
      const service = mergeHistograms(group.map((g) => decodeHistogram(g.service)));
      const figures = summarize(corrected);
      return {
        second,
        requests: group.reduce((n, g) => n + g.requests, 0),
        failures: group.reduce((n, g) => n + g.failures, 0),
        corrected: encodeHistogram(corrected),
        service: encodeHistogram(service),
        p50: figures.p50,
        p99: figures.p99,
      };
    });
}

/** Merges runs that ran at the same time (e.g. one per worker thread). */
export function mergeRecordedRuns(runs: readonly RecordedRun[]): RecordedRun {
  const [first] = runs;
  if (!first) throw new Error("nothing to merge");
  if (runs.length === 1) return first;
  const statusCodes: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, n] of Object.entries(run.statusCodes))
      statusCodes[status] = (statusCodes[status] ?? 0) + n;
  }
  const sum = (pick: (r: RecordedRun) => number): number => runs.reduce((n, r) => n + pick(r), 0);
  return {
    startedAtEpochMs: Math.min(...runs.map((r) => r.startedAtEpochMs)),
    warmupMs: first.warmupMs,
    durationMs: Math.max(...runs.map((r) => r.durationMs)),
    requests: {
      total: sum((r) => r.requests.total),
      expected: sum((r) => r.requests.expected),
      unexpected: sum((r) => r.requests.unexpected),
      errors: sum((r) => r.requests.errors),
      timeouts: sum((r) => r.requests.timeouts),
      refused: sum((r) => r.requests.refused ?? 0),
    },
    scheduled: sum((r) => r.scheduled),
    sent: sum((r) => r.sent),
    statusCodes,
    intervals: mergeIntervals(runs.map((r) => r.intervals)),
    sampled: sum((r) => r.sampled),
    violations: runs.flatMap((r) => r.violations).slice(0, 10),
    deviations: runs.flatMap((r) => r.deviations ?? []).slice(0, 10),
  };
}

/** A run's whole-run histograms (corrected latency and service time): the sum of its intervals. */
export function runHistograms(run: RecordedRun): { corrected: LatencyHistogram; service: LatencyHistogram } {
  return {
    corrected: mergeHistograms(run.intervals.map((i) => decodeHistogram(i.corrected))),
    service: mergeHistograms(run.intervals.map((i) => decodeHistogram(i.service))),
  };
}
