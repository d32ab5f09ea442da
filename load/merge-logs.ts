/**
 * `bleepay-qa load merge`: runs from several machines (their HDR logs) merged into one run. Each
 * log's intervals are placed on a common clock by its start time, then histograms are added.
 */
import { fromHdrLog } from "./hdr-log.js";
import { mergeRecordedRuns } from "./merge-runs.js";
import type { RecordedRun } from "./recorder.js";

/** Merges HDR logs (texts) into one run. Throws an `Error` naming the log that cannot be read. */
export function mergeHdrLogs(
  logs: ReadonlyArray<{ readonly name: string; readonly text: string }>,
): RecordedRun {
  const runs = logs.map(({ name, text }) => {
    try {
      return fromHdrLog(text);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  });
  const start = Math.min(...runs.map((r) => r.startedAtEpochMs));
  const aligned: RecordedRun[] = runs.map((run) => {
    const shift = Math.round((run.startedAtEpochMs - start) / 1000);
    return { ...run, intervals: run.intervals.map((i) => ({ ...i, second: i.second + shift })) };
  });
  const merged = mergeRecordedRuns(aligned);
  // Machines ran side by side: the merged run lasts as long as the longest, not their sum.
  return { ...merged, startedAtEpochMs: start };
}
