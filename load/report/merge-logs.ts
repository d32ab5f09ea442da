/**
 * `bleepay-qa load merge`: runs from several machines (their HDR logs) merged into one run. Each
 * log's intervals are placed on a common clock by its start time, then histograms are added.
 */

import { mergeRecordedRuns } from "../engine/merge-runs.js";
import type { RecordedRun } from "../engine/recorder.js";
import { fromHdrLog, type LoggedRun } from "./hdr-log.js";

/**
 * Merges HDR logs (texts) into one run; the merged run is invalid when any source run was.
 * Throws an `Error` naming the log that cannot be read.
 */
export function mergeHdrLogs(
  logs: ReadonlyArray<{ readonly name: string; readonly text: string }>,
): LoggedRun {
  const logged = logs.map(({ name, text }) => {
    try {
      return { name, ...fromHdrLog(text) };
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  });
  const invalidReasons = logged.flatMap((l) => l.invalidReasons.map((r) => `${l.name}: ${r}`));
  const start = Math.min(...logged.map((l) => l.run.startedAtEpochMs));
  const aligned: RecordedRun[] = logged.map(({ run }) => {
    const shift = Math.round((run.startedAtEpochMs - start) / 1000);
    return { ...run, intervals: run.intervals.map((i) => ({ ...i, second: i.second + shift })) };
  });
  const merged = mergeRecordedRuns(aligned);
  // Machines ran side by side: the merged run lasts as long as the longest, not their sum.
  return { run: { ...merged, startedAtEpochMs: start }, invalidReasons };
}
