/**
 * Latency histograms in microseconds (HDR, 3 significant digits). Plain autocannon's histogram
 * starts at 1 ms, so a 0.7 ms answer reads 0; ours discerns 1 µs up to one hour.
 */
import hdr from "hdr-histogram-js";
import type { LatencySummary } from "../../src/stages/artifacts.js";

/** An HDR histogram of latencies in microseconds. */
export type LatencyHistogram = hdr.Histogram;

/** The highest latency tracked: one hour, in microseconds (longer answers are clamped to it). */
export const HIGHEST_TRACKABLE_US = 3_600_000_000;

/** Creates an empty microsecond latency histogram. */
export function createLatencyHistogram(): LatencyHistogram {
  // Pure JS (not wasm): nothing to initialise, and it moves between worker threads as an encoding.
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** Records a latency given in milliseconds (fractional), as whole microseconds. */
export function recordMs(histogram: LatencyHistogram, ms: number): void {
  const us = Math.round(ms * 1000);
  histogram.recordValue(Math.min(Math.max(us, 1), HIGHEST_TRACKABLE_US));
}

/** The headline figures of a histogram, in milliseconds with microsecond precision. */
export type { LatencySummary };

const ms = (us: number): number => Math.round(us) / 1000;

/** Summarises a histogram (all zeros when it is empty). */
export function summarize(histogram: LatencyHistogram): LatencySummary {
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}

/** Encodes a histogram as HDR's compressed base64 (what the HDR log format carries). */
export function encodeHistogram(histogram: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Decodes {@link encodeHistogram}'s output into a fresh histogram. */
export function decodeHistogram(encoded: string): LatencyHistogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
  const histogram = createLatencyHistogram();
  histogram.add(decoded);
  return histogram;
}

/** Adds every histogram into a new one: merging counts, never averaging percentiles. */
export function mergeHistograms(histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const merged = createLatencyHistogram();
  for (const h of histograms) merged.add(h);
  return merged;
}

/** Percentile curve points (percentile, ms) for the HTML chart, from p0 to the max. */
export function percentileCurve(histogram: LatencyHistogram): Array<[number, number]> {
  if (histogram.totalCount === 0) return [];
  const points: Array<[number, number]> = [];
  for (const p of [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100]) {
    points.push([p, ms(histogram.getValueAtPercentile(p))]);
  }
  return points;
}

/**
 * Runs the histogram code once (record, percentiles, encode, decode) so that its first real use,
 * sealing the run's first second, does not pay for compiling it: cold, that takes tens of
 * milliseconds on the generator's thread, while requests fall due.
 */
export function warmUpHistograms(): void {
  const h = createLatencyHistogram();
  for (let i = 1; i <= 2000; i++) recordMs(h, (i % 97) * 0.37);
  for (let round = 0; round < 20; round++) {
    h.getValueAtPercentile(50);
    h.getValueAtPercentile(99);
    decodeHistogram(encodeHistogram(h));
  }
}
