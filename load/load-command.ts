/**
 * `bleepay-qa load`: the load stage as a command, plus `load merge FILES…` (HDR logs from several
 * runs merged into one report, exactly) and `--export k6|artillery` (the scenario written for a
 * distributed engine instead of run).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { usageError } from "../src/cli/cli-error.js";
import type { CommandContext, CommandDefinition } from "../src/cli/command.js";
import { EXIT } from "../src/cli/exit-codes.js";
import { stringOption, TARGET_OPTIONS, urlOption } from "../src/cli/options.js";
import { printStageResult } from "../src/cli/print-stage-result.js";
import { prepareReportsDir, stageCommand, writeStageReports } from "../src/cli/stage-command.js";
import { writeReportFile } from "../src/stages/report-files.js";
import { toArtilleryScript } from "./export/export-artillery.js";
import { toK6Script } from "./export/export-k6.js";
import type { ExportScenario } from "./export/export-scenario.js";
import { readLoadSettings } from "./load-options.js";
import { loadCodePool, loadStage, loadStageResult } from "./load-stage.js";

export { loadStage };

/** File names the exports write in the reports folder. */
export const EXPORT_FILES = {
  k6: "load-k6.js",
  artillery: "load-artillery.yml",
  codes: "load-codes.csv",
} as const;

async function merge({ values, positionals, out }: CommandContext): Promise<number> {
  // Loaded on use, as in the load stage's run: the HDR histograms are not for every CLI start.
  const [{ mergeHdrLogs }, { buildLoadReport }, { toHdrLog }, { readBaseline, withGates, writeLoadReports }] =
    await Promise.all([
      import("./report/merge-logs.js"),
      import("./report/load-report.js"),
      import("./report/hdr-log.js"),
      import("./report/write-load-reports.js"),
    ]);
  const files = positionals.slice(1);
  if (files.length === 0)
    throw usageError("load merge expects one or more HDR log files (e.g. machine-a/load.hdrlog)");
  const settings = readLoadSettings(values);
  const logs = await Promise.all(
    files.map(async (name) => {
      try {
        return { name, text: await readFile(name, "utf8") };
      } catch (error) {
        throw usageError(
          `load merge: cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
        );
      }
    }),
  );
  let merged: ReturnType<typeof mergeHdrLogs>;
  try {
    merged = mergeHdrLogs(logs);
  } catch (error) {
    throw usageError(`load merge: ${(error as Error).message}`);
  }
  const { run } = merged;
  const started = performance.now();
  const baseline = settings.baseline ? await readBaseline(settings.baseline) : undefined;
  const report = withGates(
    buildLoadReport({
      run,
      // Each machine checked itself; the logs do not carry their verdicts.
      selfChecks: [],
      invalidReasons: merged.invalidReasons,
      target: `${files.length} merged HDR logs`,
      scenario: { name: settings.scenario, weights: settings.weights },
      model: { type: run.scheduled > 0 ? "open" : "closed", connections: 0, workers: files.length },
      timeoutMs: settings.timeoutMs,
      validateSample: 0,
    }),
    settings.slos,
    baseline && settings.baseline
      ? { file: settings.baseline, report: baseline, maxRegression: settings.maxRegression }
      : undefined,
  );
  const reportsDir = await prepareReportsDir(values);
  out.line(`bleepay-qa load merge: ${files.length} logs, ${run.requests.total} requests`);
  const paths = await writeLoadReports(
    reportsDir,
    report,
    run,
    toHdrLog(run, report.invalidReasons),
    settings.json,
  );
  const result = loadStageResult(report, paths, performance.now() - started);
  const all = [...paths, ...(await writeStageReports(reportsDir, result))];
  printStageResult(out, { ...result, reports: all });
  return result.outcome === "failed" ? EXIT.fail : EXIT.pass;
}

async function exportScenario({ values, out }: CommandContext): Promise<number> {
  const settings = readLoadSettings(values);
  const engine = settings.export as "k6" | "artillery";
  const reportsDir = await prepareReportsDir(values);
  const stateSetupUrl = urlOption(values, "state-setup-url");
  const scenario: ExportScenario = {
    scenario: settings.scenario,
    weights: settings.weights,
    rate: settings.rate ?? 1,
    durationS: Math.round((settings.warmupMs + settings.durationMs) / 1000),
    maxConnections: settings.connections,
    timeoutMs: settings.timeoutMs,
    slos: settings.slos,
    codesFile: EXPORT_FILES.codes,
  };
  const script = engine === "k6" ? toK6Script(scenario) : toArtilleryScript(scenario);
  const written = [await writeReportFile(join(reportsDir, EXPORT_FILES[engine]), script)];
  if (settings.codesFile || stateSetupUrl) {
    const codes = await loadCodePool(settings, stateSetupUrl);
    written.push(await writeReportFile(join(reportsDir, EXPORT_FILES.codes), `${codes.join("\n")}\n`));
  } else {
    out.line(
      `  note: no codes written: give --codes-file or --state-setup-url to write ${EXPORT_FILES.codes}${engine === "k6" ? " (or set BLEEPAY_STATE_SETUP_URL when running k6: setup() mints them)" : ""}`,
    );
  }
  for (const path of written) out.line(`  wrote ${path}`);
  return EXIT.pass;
}

/** The `load` command. */
export const loadCommand: CommandDefinition = (() => {
  const base = stageCommand(loadStage);
  return {
    ...base,
    usage: "[options] | merge FILE.hdrlog… [options]",
    options: { ...loadStage.options, ...TARGET_OPTIONS },
    positionals: true,
    async run(context) {
      const [sub] = context.positionals;
      if (sub === "merge") return merge(context);
      if (sub !== undefined)
        throw usageError(
          `load: unknown subcommand ${JSON.stringify(sub)}; expected merge (see bleepay-qa load --help)`,
        );
      // Bad options fail before the embedded provider starts or a remote target is contacted.
      readLoadSettings(context.values);
      if (stringOption(context.values, "export") !== undefined) return exportScenario(context);
      return base.run(context);
    },
  };
})();
