/**
 * What happens to a recorded load run, in one place for a run and for `load merge`: the report is
 * built, its gates and baseline comparison judged, its files written (load.json, load.md, load.html,
 * the HDR log), and it becomes the stage's result with the latency artifact the run report draws.
 */
import type { LatencyArtifact } from "../src/stages/artifacts.js";
import type { StageResult } from "../src/stages/stage.js";
import { percentileCurve } from "./engine/histogram.js";
import { runHistograms } from "./engine/merge-runs.js";
import type { RecordedRun } from "./engine/recorder.js";
import type { SelfCheckFigures } from "./engine/self-check.js";
import type { LoadSettings } from "./load-options.js";
import { loadStageResult } from "./load-verdict.js";
import { toHdrLog } from "./report/hdr-log.js";
import { buildLoadReport, type LoadReport } from "./report/load-report.js";
import { readBaseline, withGates, writeLoadReports } from "./report/write-load-reports.js";

/** A recorded run and how it was made. */
export interface FinishedRun {
  readonly run: RecordedRun;
  readonly selfChecks: readonly SelfCheckFigures[];
  /** Reasons the run is invalid found before (e.g. in merged logs). */
  readonly invalidReasons?: readonly string[];
  /** The target as the report names it. */
  readonly target: string;
  readonly model: LoadReport["model"];
  /** Share of answers checked against the spec (0 for merged logs: they carry no answers). */
  readonly validateSample: number;
  /** When the stage started, `performance.now()`. */
  readonly startedAt: number;
}

/** The run report's view of a gated load report. */
export function latencyArtifact(report: LoadReport, run: RecordedRun): LatencyArtifact {
  const { corrected, service } = runHistograms(run);
  const open = report.model.type === "open";
  return {
    model: `${report.model.type} model${report.model.rate ? ` at ${report.model.rate} req/s` : ""}, ${report.model.connections} connections, ${report.model.workers} worker(s), ${report.durationS} s after ${report.warmupS} s warmup, scenario ${report.scenario.name}`,
    corrected: open,
    valid: report.valid,
    invalidReasons: report.invalidReasons,
    figures: {
      "req/s": report.rps.mean,
      requests: report.requests.total,
      "p50 ms": report.latencyMs.p50,
      "p90 ms": report.latencyMs.p90,
      "p99 ms": report.latencyMs.p99,
      "p99.9 ms": report.latencyMs.p999,
      "max ms": report.latencyMs.max,
      "error rate": `${Number((report.errorRate * 100).toPrecision(3))} %`,
    },
    latencyMs: report.latencyMs,
    serviceTimeMs: report.serviceTimeMs,
    curves: { corrected: percentileCurve(corrected), service: percentileCurve(service) },
    series: report.rps.series,
    statusCodes: report.statusCodes,
    slo: report.slo,
    ...(report.baseline ? { baseline: report.baseline } : {}),
    report: report as unknown as Readonly<Record<string, unknown>>,
  };
}

/**
 * Builds, gates and writes the report of a finished run; returns the stage's result.
 *
 * @example
 * const result = await finishLoadRun({ run, selfChecks, target, model, startedAt }, settings, reportsDir);
 */
export async function finishLoadRun(
  finished: FinishedRun,
  settings: LoadSettings,
  reportsDir: string,
): Promise<StageResult> {
  const baseline = settings.baseline ? await readBaseline(settings.baseline) : undefined;
  const report = withGates(
    buildLoadReport({
      run: finished.run,
      selfChecks: finished.selfChecks,
      ...(finished.invalidReasons ? { invalidReasons: finished.invalidReasons } : {}),
      target: finished.target,
      scenario: {
        name: settings.scenario,
        weights:
          settings.scenario === "mixed" ? settings.weights : { valid: 100, malformed: 0, "bad-token": 0 },
      },
      model: finished.model,
      timeoutMs: settings.timeoutMs,
      validateSample: finished.validateSample,
    }),
    settings.slos,
    baseline && settings.baseline
      ? { file: settings.baseline, report: baseline, maxRegression: settings.maxRegression }
      : undefined,
  );
  const artifact = latencyArtifact(report, finished.run);
  const paths = await writeLoadReports(
    reportsDir,
    report,
    artifact,
    toHdrLog(finished.run, report.invalidReasons),
    settings.json,
  );
  const result = loadStageResult(report, paths, performance.now() - finished.startedAt, {
    requireValid: settings.requireValid,
  });
  return { ...result, artifacts: { latency: artifact } };
}
