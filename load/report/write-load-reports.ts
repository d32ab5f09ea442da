/**
 * Gates and report files shared by a run and by `load merge`: evaluates the SLOs and the baseline,
 * then writes load.json (and --json), load.md, load.html and the HDR log.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeReportFile } from "../../src/report/report-files.js";
import type { LatencyArtifact } from "../../src/stages/artifacts.js";
import { StageInputError } from "../../src/stages/stage.js";
import { compareRuns } from "./baseline-comparison.js";
import { toLoadHtml } from "./load-html.js";
import { toLoadMarkdown } from "./load-markdown.js";
import { LOAD_REPORT_SCHEMA, type LoadReport, sloFigures } from "./load-report.js";
import { evaluateSlos, type Slo } from "./slo.js";

/** File name of the HDR log in the reports folder. */
export const HDR_LOG_FILE = "load.hdrlog";

/**
 * Reads a baseline report. Throws a `StageInputError` (exit 2) naming the file when it cannot be read or
 * is not a load report.
 */
export async function readBaseline(path: string): Promise<LoadReport> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StageInputError(`--baseline: cannot read ${path}: ${code ?? "not JSON"}`);
  }
  const report = data as Partial<LoadReport>;
  if (
    report.schema !== LOAD_REPORT_SCHEMA ||
    !report.latencyMs ||
    !report.rps ||
    report.errorRate === undefined
  ) {
    throw new StageInputError(
      `--baseline: ${path} is not a bleepay-qa load report (schema ${LOAD_REPORT_SCHEMA})`,
    );
  }
  return report as LoadReport;
}

/** Adds the gates' verdicts to a report. */
export function withGates(
  report: LoadReport,
  slos: readonly Slo[],
  baseline?: { file: string; report: LoadReport; maxRegression: number },
): LoadReport {
  const figures = sloFigures(report);
  return {
    ...report,
    slo: evaluateSlos(slos, figures),
    ...(baseline
      ? {
          baseline: {
            file: baseline.file,
            maxRegression: baseline.maxRegression,
            results: compareRuns(
              { figures, series: report.rps.series, openModel: report.model.type === "open" },
              {
                figures: sloFigures(baseline.report),
                series: baseline.report.rps.series,
                openModel: baseline.report.model?.type === "open",
              },
              baseline.maxRegression,
            ),
          },
        }
      : {}),
  };
}

/** Writes every report of a run; returns their paths. */
export async function writeLoadReports(
  reportsDir: string,
  report: LoadReport,
  artifact: Pick<LatencyArtifact, "curves">,
  hdrLog: string,
  extraJson: string | undefined,
): Promise<string[]> {
  const json = `${JSON.stringify({ ...report, hdrLog: HDR_LOG_FILE }, null, 2)}\n`;
  const paths = [
    await writeReportFile(join(reportsDir, "load.json"), json),
    await writeReportFile(join(reportsDir, "load.md"), toLoadMarkdown(report)),
    await writeReportFile(
      join(reportsDir, "load.html"),
      toLoadHtml(report, artifact.curves ?? { corrected: [], service: [] }),
    ),
    await writeReportFile(join(reportsDir, HDR_LOG_FILE), hdrLog),
  ];
  if (extraJson) paths.push(await writeReportFile(resolve(extraJson), json));
  return paths;
}
