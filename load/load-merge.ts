/**
 * `bleepay-qa load merge FILE.hdrlog…`: the HDR logs of runs made on several machines, merged
 * exactly into one run, then judged and written as a run is (see load-pipeline.ts).
 */
import { readFile } from "node:fs/promises";
import { StageInputError, type StageResult } from "../src/stages/stage.js";
import type { LoadSettings } from "./load-options.js";

/**
 * Merges the logs and judges the merged run. Throws a `StageInputError` naming a log that cannot
 * be read or is not an HDR log of bleepay-qa.
 *
 * @example
 * const result = await mergeLoadLogs(["a/load.hdrlog", "b/load.hdrlog"], settings, "reports");
 */
export async function mergeLoadLogs(
  files: readonly string[],
  settings: LoadSettings,
  reportsDir: string,
): Promise<StageResult> {
  // Loaded on use, as in the load stage's run: the HDR histograms are not for every CLI start.
  const [{ mergeHdrLogs }, { finishLoadRun }] = await Promise.all([
    import("./report/merge-logs.js"),
    import("./load-pipeline.js"),
  ]);
  if (files.length === 0)
    throw new StageInputError("load merge expects one or more HDR log files (e.g. machine-a/load.hdrlog)");
  const startedAt = performance.now();
  const logs = await Promise.all(
    files.map(async (name) => {
      try {
        return { name, text: await readFile(name, "utf8") };
      } catch (error) {
        throw new StageInputError(
          `load merge: cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
        );
      }
    }),
  );
  let merged: ReturnType<typeof mergeHdrLogs>;
  try {
    merged = mergeHdrLogs(logs);
  } catch (error) {
    throw new StageInputError(`load merge: ${(error as Error).message}`);
  }
  const { run } = merged;
  return finishLoadRun(
    {
      run,
      // Each machine checked itself; the logs do not carry their verdicts, only their invalidity.
      selfChecks: [],
      invalidReasons: merged.invalidReasons,
      target: `${files.length} merged HDR logs`,
      model: { type: run.scheduled > 0 ? "open" : "closed", connections: 0, workers: files.length },
      validateSample: 0,
      startedAt,
    },
    settings,
    reportsDir,
  );
}
