/** `bleepay-qa all`: every stage against one target, a summary table, and reports. */
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { buildCoverageMatrix } from "../../report/coverage-matrix.js";
import { redactDeep } from "../../report/redact-deep.js";
import { renderRunReport } from "../../report/render-run-report.js";
import { toRunMarkdown } from "../../report/run-markdown.js";
import { type RunOutcome, type RunSummary, SUMMARY_SCHEMA } from "../../report/run-summary.js";
import { openapiSpec } from "../../rules/index.js";
import { toJUnitXml } from "../../stages/junit.js";
import { writeJsonReport, writeReportFile } from "../../stages/report-files.js";
import type { Stage, StageResult } from "../../stages/stage.js";
import { CliError } from "../cli-error.js";
import type { CommandDefinition } from "../command.js";
import { type ConfigFile, configValuesFor } from "../config-file.js";
import { EXIT } from "../exit-codes.js";
import { durationOption, listOption, type OptionValues, stringOption, TARGET_OPTIONS } from "../options.js";
import { printStageResult } from "../print-stage-result.js";
import { describeTarget, exitCodeFor, prepareReportsDir } from "../stage-command.js";
import { resolveTarget } from "../target.js";

/** Version of the summary report's layout (kept here too for importers of this module). */
export { SUMMARY_SCHEMA };

/** File name of the run report page in the reports folder. */
export const RUN_REPORT_FILE = "index.html";

const ENGINES = ["@pact-foundation/pact", "fast-check", "autocannon", "hdr-histogram-js"] as const;

/**
 * bleepay-qa's version, Node's, the spec's, and the engines the stages run on (exact versions:
 * package.json pins them).
 */
function versions(): Record<string, string> {
  let pkg: { name?: string; version?: string; dependencies?: Record<string, string> } = {};
  // Compiled (dist/src/cli/commands) and run from source (src/cli/commands) sit at different depths.
  for (const up of ["../../../../package.json", "../../../package.json"]) {
    try {
      const found = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as typeof pkg;
      if (found.name === "bleepay-qa") {
        pkg = found;
        break;
      }
    } catch {
      // Not at this depth; a missing package.json only costs the report its version line.
    }
  }
  return {
    "bleepay-qa": pkg.version ?? "unknown",
    node: process.version,
    spec: openapiSpec.info.version,
    ...Object.fromEntries(
      ENGINES.flatMap((name) => (pkg.dependencies?.[name] ? [[name, pkg.dependencies[name]]] : [])),
    ),
  };
}

/**
 * Bounds of `all --timeout`: those every stage's timeout accepts (smoke and fuzz take 0.1 s to
 * 120 s, verify and load more), so that a value `all` accepts no stage refuses halfway through.
 */
const ALL_TIMEOUT_BOUNDS = { minMs: 100, maxMs: 120_000, fallbackMs: 0 } as const;

/**
 * A stage's option values when run by `all`: its defaults, then `allDefaults`, then its section of
 * the config file (a team's `load.slo` applies in `all` too), then the target options, and last
 * `all --timeout` as the stage's own timeout option.
 */
function stageValues(stage: Stage, common: OptionValues, config: ConfigFile | undefined): OptionValues {
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, option] of Object.entries(stage.options)) {
    if (option.default !== undefined) values[name] = option.multiple ? [option.default] : option.default;
  }
  Object.assign(values, stage.allDefaults ?? {});
  if (config) Object.assign(values, configValuesFor(config, stage));
  for (const name of Object.keys(TARGET_OPTIONS)) values[name] = common[name];
  const timeout = stringOption(common, "timeout");
  const timeoutOption = stage.timeoutOption ?? "timeout";
  if (timeout !== undefined && stage.options[timeoutOption]) values[timeoutOption] = timeout;
  return values;
}

/** Creates the `all` command over the given stages. */
export function allCommand(stages: readonly Stage[]): CommandDefinition {
  const inAll = stages.filter((s) => s.inAll !== false);
  return {
    name: "all",
    summary: "Run every stage against one target, print a summary, write reports",
    help: `
Runs, in order: ${inAll.map((s) => s.name).join(", ")}. Against the embedded reference provider by
default; against a real provider with --base-url, --token and (for stages that need real codes)
--state-setup-url. Writes each stage's reports, then reports/index.html (the run on one page: failures first,
a coverage matrix of the documented answers, every check, the load charts), summary.json (the
same, machine-readable), summary.md (for a CI job summary) and junit.xml. npm start runs this
command.

Examples:
  bleepay-qa all
  bleepay-qa all --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states
  bleepay-qa all --skip load
  bleepay-qa all --timeout 2s`,
    options: {
      ...TARGET_OPTIONS,
      skip: { type: "string", valueName: "STAGE", multiple: true, description: "Leave a stage out" },
      timeout: {
        type: "string",
        valueName: "DURATION",
        description: `Per-request timeout of every stage, provider-state calls included (${inAll
          .filter((s) => s.options[s.timeoutOption ?? "timeout"])
          .map((s) => `${s.name} --${s.timeoutOption ?? "timeout"}`)
          .join(", ")}); absent: each stage's own`,
      },
    },
    async run({ values, config, out, signal }) {
      out.addSecret(stringOption(values, "token"));
      const skip = listOption(values, "skip");
      const unknown = skip.filter((name) => !inAll.some((s) => s.name === name));
      if (unknown.length) {
        throw new CliError(
          `--skip expects one of ${inAll.map((s) => s.name).join(", ")}, got ${unknown.join(", ")}`,
        );
      }
      // Checked before any stage runs: a bad value must not surface as a stage's error halfway.
      durationOption(values, "timeout", ALL_TIMEOUT_BOUNDS);
      const reportsDir = await prepareReportsDir(values);
      const target = await resolveTarget(values);
      const startedAt = new Date().toISOString();
      const results: StageResult[] = [];
      let connectionError: CliError | undefined;
      try {
        out.line(`bleepay-qa all against ${describeTarget(target)}`);
        for (const stage of inAll) {
          if (signal.aborted || skip.includes(stage.name)) continue;
          out.line("");
          out.line(`── ${stage.name} ──`);
          try {
            const result = await stage.run({
              target,
              values: stageValues(stage, values, config),
              reportsDir,
              out,
              signal,
              skipped: skip,
            });
            results.push(result);
            printStageResult(out, result);
          } catch (error) {
            if (error instanceof CliError && error.exitCode === EXIT.usage) {
              connectionError = error;
              out.error(`${stage.name}: ${error.message}`);
              break;
            }
            throw error;
          }
        }
      } finally {
        await target.close();
      }
      const outcome: RunOutcome = connectionError
        ? "error"
        : signal.aborted
          ? "interrupted"
          : results.some((r) => r.outcome === "failed")
            ? "failed"
            : "passed";
      // Loaded on use: it reads the HDR log with hdr-histogram-js, which is not for every CLI start.
      const { readLoadArtifacts } = await import("../../report/read-load-artifacts.js");
      const load = await readLoadArtifacts(results.find((r) => r.stage === "load"));
      const raw: RunSummary = {
        schema: SUMMARY_SCHEMA,
        outcome,
        target: { baseUrl: target.baseUrl, embedded: target.embedded },
        startedAt,
        finishedAt: new Date().toISOString(),
        versions: versions(),
        ...(connectionError ? { error: connectionError.message } : {}),
        ...(skip.length ? { skipped: skip } : {}),
        stages: results,
        coverage: buildCoverageMatrix(results),
        ...(load ? { load: load.report } : {}),
      };
      // Secrets go before rendering: escaped or quoted, a token would no longer match its redaction.
      const summary = redactDeep(raw, out.redact);
      // Links from the page to the stages' files, relative so the folder can be moved or uploaded.
      const linkTo = (path: string): string | undefined => {
        const rel = relative(reportsDir, path);
        return rel.startsWith("..") ? undefined : rel.split(sep).map(encodeURIComponent).join("/");
      };
      const page = join(reportsDir, RUN_REPORT_FILE);
      const written = [
        await writeReportFile(
          page,
          out.redact(renderRunReport(summary, { ...(load?.curves ? { curves: load.curves } : {}), linkTo })),
        ),
        await writeJsonReport(reportsDir, "summary", JSON.parse(out.redact(JSON.stringify(summary)))),
        await writeReportFile(join(reportsDir, "summary.md"), out.redact(toRunMarkdown(summary))),
        await writeReportFile(join(reportsDir, "junit.xml"), out.redact(toJUnitXml(results))),
      ];
      out.line("");
      out.line("Summary");
      const width = Math.max(5, ...results.map((r) => r.stage.length)) + 2;
      out.line(`  ${"stage".padEnd(width)}${"outcome".padEnd(10)}summary`);
      for (const r of results) {
        const figures = Object.entries(r.figures ?? {})
          .map(([k, v]) => `${k} ${v}`)
          .join(", ");
        out.line(
          `  ${r.stage.padEnd(width)}${r.outcome.padEnd(10)}${r.summary}${figures ? ` [${figures}]` : ""}`,
        );
      }
      out.line(`  overall: ${outcome.toUpperCase()}`);
      for (const path of written) out.line(`  report: ${path}`);
      out.line("");
      out.line(`Open the run report: ${page}`);
      if (connectionError) return EXIT.usage;
      // Stopped by SIGINT/SIGTERM: the run is incomplete, so it must not read as passed (exit 0) in CI.
      if (outcome === "interrupted") return EXIT.usage;
      return exitCodeFor(results);
    },
  };
}
