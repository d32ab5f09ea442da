import { describe, expect, it } from "vitest";
import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  recordMs,
  summarize,
} from "../engine/histogram.js";
import { runHistograms } from "../engine/merge-runs.js";
import { createRecorder, type RecordedRun } from "../engine/recorder.js";
import { fromHdrLog, toHdrLog } from "./hdr-log.js";
import { mergeHdrLogs } from "./merge-logs.js";

/** A run whose answers took the given latencies (ms), spread over `seconds`. */
function runOf(latencies: readonly number[], seconds: number, startAt = 0): RecordedRun {
  const recorder = createRecorder({ startAt, warmupMs: 0, validateSample: 0 });
  latencies.forEach((ms, i) => {
    const intendedAt = startAt + (i * seconds * 1000) / latencies.length;
    recorder.record({ intendedAt, sentAt: intendedAt, endAt: intendedAt + ms, kind: "valid", status: 200 });
  });
  return recorder.finish(seconds * 1000);
}

describe("HDR log", () => {
  it("should round-trip a run: same histograms, counts and status codes", () => {
    const run = runOf([0.3, 0.7, 1.5, 20, 250], 3);
    const { run: back } = fromHdrLog(toHdrLog(run));
    expect(summarize(runHistograms(back).corrected)).toEqual(summarize(runHistograms(run).corrected));
    expect(back.requests).toEqual(run.requests);
    expect(back.statusCodes).toEqual({ 200: 5 });
    expect(back.intervals.map((i) => i.second)).toEqual(run.intervals.map((i) => i.second));
  });

  it("should merge logs exactly: the merged percentiles are those of all samples together", () => {
    const a = Array.from({ length: 3000 }, (_, i) => 0.2 + (i % 100) / 50);
    const b = Array.from({ length: 1000 }, (_, i) => 50 + i / 10);
    const { run: merged } = mergeHdrLogs([
      { name: "a", text: toHdrLog(runOf(a, 3)) },
      { name: "b", text: toHdrLog(runOf(b, 3)) },
    ]);
    const truth = createLatencyHistogram();
    for (const ms of [...a, ...b]) recordMs(truth, ms);
    // Compared at the histogram's resolution (a stored max is its bucket's upper bound).
    expect(summarize(runHistograms(merged).corrected)).toEqual(
      summarize(decodeHistogram(encodeHistogram(truth))),
    );
    expect(merged.requests.total).toBe(4000);
    // Averaging the two runs' p90s would give about 72 ms; the exact merge says otherwise.
    expect(summarize(runHistograms(merged).corrected).p90).toBeGreaterThan(90);
  });

  it("should carry a source run's invalid verdict into the merge, naming the log", () => {
    const { invalidReasons } = mergeHdrLogs([
      { name: "a.hdrlog", text: toHdrLog(runOf([1, 2], 1)) },
      { name: "b.hdrlog", text: toHdrLog(runOf([1, 2], 1), ["the generator's event loop lagged"]) },
    ]);
    expect(invalidReasons).toEqual(["b.hdrlog: the generator's event loop lagged"]);
  });

  it("should reject a file that is not an HDR log, naming it", () => {
    expect(() => mergeHdrLogs([{ name: "notes.txt", text: "hello" }])).toThrow(
      /notes\.txt: not an HDR histogram log/,
    );
  });
});
