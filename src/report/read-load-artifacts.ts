/**
 * Reads what the load stage left in the reports folder (load.json and its HDR log) for the run
 * report: the page draws the percentile chart from the histograms, which load.json does not hold.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { percentileCurve } from "../../load/engine/histogram.js";
import { runHistograms } from "../../load/engine/merge-runs.js";
import { fromHdrLog } from "../../load/report/hdr-log.js";
import type { PercentileCurves } from "../../load/report/load-html.js";
import { LOAD_REPORT_SCHEMA, type LoadReport } from "../../load/report/load-report.js";
import type { StageResult } from "../stages/stage.js";

/** The load run as the run report shows it. */
export interface LoadArtifacts {
  readonly report: LoadReport;
  /** Undefined when the HDR log is missing or unreadable: the page says so instead of a chart. */
  readonly curves: PercentileCurves | undefined;
}

/**
 * Reads the load report named among the load stage's reports. Undefined when the stage did not run
 * or wrote no readable `load.json`: the page then shows the stage's checks only.
 */
export async function readLoadArtifacts(result: StageResult | undefined): Promise<LoadArtifacts | undefined> {
  const path = result?.reports?.find((p) => p.endsWith("load.json"));
  if (!path) return undefined;
  let report: LoadReport;
  try {
    report = JSON.parse(await readFile(path, "utf8")) as LoadReport;
  } catch {
    return undefined;
  }
  if (report.schema !== LOAD_REPORT_SCHEMA || !report.latencyMs || !report.rps) return undefined;
  let curves: PercentileCurves | undefined;
  if (report.hdrLog) {
    try {
      const { run } = fromHdrLog(await readFile(resolve(dirname(path), report.hdrLog), "utf8"));
      const { corrected, service } = runHistograms(run);
      curves = { corrected: percentileCurve(corrected), service: percentileCurve(service) };
    } catch {
      curves = undefined;
    }
  }
  return { report, curves };
}
