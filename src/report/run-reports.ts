/**
 * The run-level reports of `bleepay-qa all`, written in one place from the stages' typed results:
 * index.html, summary.json, summary.md and junit.xml. Secrets are redacted from the data before it
 * is rendered: escaped for HTML or quoted for JSON, a token would no longer match its redaction.
 */
import { join, relative, sep } from "node:path";
import type { StageResult } from "../stages/stage.js";
import { buildCoverageMatrix } from "./coverage-matrix.js";
import { toJUnitXml } from "./junit.js";
import { redactDeep } from "./redact-deep.js";
import { renderRunReport } from "./render-run-report.js";
import { writeJsonReport, writeReportFile } from "./report-files.js";
import { toRunMarkdown } from "./run-markdown.js";
import { type RunOutcome, type RunRules, type RunSummary, SUMMARY_SCHEMA } from "./run-summary.js";

/** File name of the run report page in the reports folder. */
export const RUN_REPORT_FILE = "index.html";

/** What a run was, besides its stages' results. */
export interface RunFacts {
  readonly outcome: RunOutcome;
  readonly target: { readonly baseUrl: string; readonly embedded: boolean };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly versions: Readonly<Record<string, string>>;
  /** The verdict policy that judged the run. */
  readonly rules: RunRules;
  /** The usage or connection error that stopped the run. */
  readonly error?: string;
  /** Stages left out with `--skip`. */
  readonly skipped?: readonly string[];
}

/** The summary of a run: its facts, its stages, their coverage, and the load stage's own report. */
export function buildRunSummary(facts: RunFacts, results: readonly StageResult[]): RunSummary {
  const latency = results.find((r) => r.artifacts?.latency)?.artifacts?.latency;
  return {
    schema: SUMMARY_SCHEMA,
    outcome: facts.outcome,
    target: facts.target,
    startedAt: facts.startedAt,
    finishedAt: facts.finishedAt,
    versions: facts.versions,
    rules: facts.rules,
    deviations: results.flatMap((r) =>
      r.checks.flatMap((c) => (c.deviations ?? []).map((d) => ({ ...d, stage: r.stage, check: c.name }))),
    ),
    ...(facts.error ? { error: facts.error } : {}),
    ...(facts.skipped?.length ? { skipped: facts.skipped } : {}),
    stages: results,
    coverage: buildCoverageMatrix(results),
    ...(latency ? { load: latency.report } : {}),
  };
}

/**
 * Writes the run's reports into `reportsDir`; returns their paths, the page first.
 *
 * @example
 * const [page] = await writeRunReports(reportsDir, facts, results, out.redact);
 */
export async function writeRunReports(
  reportsDir: string,
  facts: RunFacts,
  results: readonly StageResult[],
  clean: (text: string) => string,
): Promise<string[]> {
  const summary = redactDeep(buildRunSummary(facts, results), clean);
  // Links from the page to the stages' files, relative so the folder can be moved or uploaded.
  const linkTo = (path: string): string | undefined => {
    const rel = relative(reportsDir, path);
    return rel.startsWith("..") ? undefined : rel.split(sep).map(encodeURIComponent).join("/");
  };
  return [
    await writeReportFile(join(reportsDir, RUN_REPORT_FILE), clean(renderRunReport(summary, { linkTo }))),
    await writeJsonReport(reportsDir, "summary", JSON.parse(clean(JSON.stringify(summary)))),
    await writeReportFile(join(reportsDir, "summary.md"), clean(toRunMarkdown(summary))),
    await writeReportFile(join(reportsDir, "junit.xml"), clean(toJUnitXml(summary.stages))),
  ];
}
