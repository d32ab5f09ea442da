/**
 * The run in HDR log form (HdrHistogram's interval log, v1.3): one interval a second, tagged
 * `corrected` and `service`, values in microseconds (Interval_Max shown in ms). A comment line
 * carries the counts a histogram cannot (status codes, errors), so `load merge` can rebuild a whole
 * report from the logs of several machines, exactly.
 */
import hdr from "hdr-histogram-js";
import { decodeHistogram, encodeHistogram, summarize } from "../engine/histogram.js";
import type { IntervalRecord, RecordedRun } from "../engine/recorder.js";

const META_PREFIX = "#[bleepay-qa] ";

/** What the metadata comment holds. */
interface LogMeta {
  readonly startedAtEpochMs: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly requests: RecordedRun["requests"];
  readonly scheduled: number;
  readonly sent: number;
  readonly statusCodes: Record<string, number>;
  readonly sampled: number;
  readonly violations: readonly string[];
  readonly deviations?: readonly string[];
  /** Why the generator that wrote the log deemed its run invalid (empty: valid). */
  readonly invalidReasons?: readonly string[];
  /** Per interval (by second): requests and failures, which the histograms do not carry. */
  readonly intervals: ReadonlyArray<readonly [number, number, number]>;
}

/** A run read back from an HDR log, with the writer's verdict on its own validity. */
export interface LoggedRun {
  readonly run: RecordedRun;
  readonly invalidReasons: readonly string[];
}

/** Renders a run as an HDR log; `invalidReasons` records the generator's self-check verdict. */
export function toHdrLog(run: RecordedRun, invalidReasons: readonly string[] = []): string {
  let text = "";
  const writer = new hdr.HistogramLogWriter((chunk) => {
    text += chunk;
  });
  writer.outputLogFormatVersion();
  writer.outputComment(
    "bleepay-qa load: latency in microseconds; tags: corrected (from the intended send time), service (from the actual send)",
  );
  const meta: LogMeta = {
    startedAtEpochMs: run.startedAtEpochMs,
    warmupMs: run.warmupMs,
    durationMs: run.durationMs,
    requests: run.requests,
    scheduled: run.scheduled,
    sent: run.sent,
    statusCodes: run.statusCodes,
    sampled: run.sampled,
    violations: run.violations,
    deviations: run.deviations ?? [],
    invalidReasons,
    intervals: run.intervals.map((i) => [i.second, i.requests, i.failures] as const),
  };
  text += `${META_PREFIX}${JSON.stringify(meta)}\n`;
  writer.outputStartTime(run.startedAtEpochMs);
  writer.baseTime = run.startedAtEpochMs;
  writer.outputLegend();
  for (const interval of run.intervals) {
    for (const tag of ["corrected", "service"] as const) {
      const histogram = decodeHistogram(interval[tag]);
      histogram.tag = tag;
      writer.outputIntervalHistogram(histogram, interval.second, interval.second + 1, 1000);
    }
  }
  return text;
}

/**
 * Reads an HDR log written by {@link toHdrLog} back into a run. Logs from other tools (no
 * metadata comment) are read too: counts then come from the histograms alone.
 * Throws an `Error` naming the problem when the text is not an HDR log.
 */
export function fromHdrLog(text: string): LoggedRun {
  const metaLine = text.split("\n").find((line) => line.startsWith(META_PREFIX));
  const meta = metaLine ? (JSON.parse(metaLine.slice(META_PREFIX.length)) as LogMeta) : undefined;
  if (!/^#\[Histogram log format version/m.test(text) && !/^"StartTimestamp"/m.test(text)) {
    throw new Error("not an HDR histogram log (no format version or legend line)");
  }
  const reader = new hdr.HistogramLogReader(text);
  const bySecond = new Map<number, { corrected?: hdr.Histogram; service?: hdr.Histogram }>();
  for (let h = reader.nextIntervalHistogram(); h; h = reader.nextIntervalHistogram()) {
    const second = Math.round((h.startTimeStampMsec - reader.startTimeSec * 1000) / 1000);
    const slot = bySecond.get(second) ?? {};
    if (h.tag === "service") slot.service = h;
    else slot.corrected = h;
    bySecond.set(second, slot);
  }
  const counts = new Map((meta?.intervals ?? []).map(([s, r, f]) => [s, { requests: r, failures: f }]));
  const intervals: IntervalRecord[] = [...bySecond.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, slot]) => slot.corrected)
    .map(([second, slot]) => {
      const corrected = decodeHistogram(encodeHistogram(slot.corrected as hdr.Histogram));
      const service = slot.service ? decodeHistogram(encodeHistogram(slot.service)) : corrected;
      const figures = summarize(corrected);
      return {
        second,
        requests: counts.get(second)?.requests ?? corrected.totalCount,
        failures: counts.get(second)?.failures ?? 0,
        corrected: encodeHistogram(corrected),
        service: encodeHistogram(service),
        p50: figures.p50,
        p99: figures.p99,
      };
    });
  if (intervals.length === 0) throw new Error("the HDR log holds no interval histograms");
  const answered = intervals.reduce((n, i) => n + decodeHistogram(i.corrected).totalCount, 0);
  const run: RecordedRun = {
    startedAtEpochMs: meta?.startedAtEpochMs ?? reader.startTimeSec * 1000,
    warmupMs: meta?.warmupMs ?? 0,
    durationMs: meta?.durationMs ?? intervals.length * 1000,
    requests: meta?.requests ?? {
      total: answered,
      expected: answered,
      unexpected: 0,
      errors: 0,
      timeouts: 0,
    },
    scheduled: meta?.scheduled ?? 0,
    sent: meta?.sent ?? 0,
    statusCodes: meta?.statusCodes ?? {},
    intervals,
    sampled: meta?.sampled ?? 0,
    violations: meta?.violations ?? [],
    deviations: meta?.deviations ?? [],
  };
  return { run, invalidReasons: meta?.invalidReasons ?? [] };
}
