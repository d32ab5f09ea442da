/** `bleepay-qa all`: every stage against one target, a summary table, and reports. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toJUnitXml } from "../../stages/junit.js";
import { writeJsonReport, writeReportFile } from "../../stages/report-files.js";
import type { Stage, StageResult } from "../../stages/stage.js";
import { CliError } from "../cli-error.js";
import type { CommandDefinition } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { listOption, type OptionValues, stringOption, TARGET_OPTIONS } from "../options.js";
import { printStageResult } from "../print-stage-result.js";
import { describeTarget, exitCodeFor, prepareReportsDir } from "../stage-command.js";
import { resolveTarget } from "../target.js";

/** Version of the summary report's layout. */
export const SUMMARY_SCHEMA = "bleepay-qa/summary@1";

const packageVersion = (): string => {
  try {
    const url = new URL("../../../package.json", import.meta.url);
    const pkg = JSON.parse(readFileSync(url, "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
};

/** A stage's option values when run by `all`: its defaults, then `allDefaults`, then the target options. */
function stageValues(stage: Stage, common: OptionValues): OptionValues {
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, option] of Object.entries(stage.options)) {
    if (option.default !== undefined) values[name] = option.multiple ? [option.default] : option.default;
  }
  Object.assign(values, stage.allDefaults ?? {});
  for (const name of Object.keys(TARGET_OPTIONS)) values[name] = common[name];
  return values;
}

/** The summary as Markdown, fit for a CI job summary. */
function toMarkdown(results: readonly StageResult[], target: string, outcome: string): string {
  const rows = results.map((r) => {
    const figures = Object.entries(r.figures ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    return `| ${r.stage} | ${r.outcome === "passed" ? "✅ passed" : r.outcome === "failed" ? "❌ failed" : "⏭ not run"} | ${r.summary} | ${figures} | ${(r.durationMs / 1000).toFixed(1)} s |`;
  });
  const failures = results.flatMap((r) =>
    r.checks
      .filter((c) => c.outcome === "failed")
      .map((c) => `- **${r.stage}**: ${c.name} — ${c.detail ?? ""}`),
  );
  return [
    `# bleepay-qa: ${outcome}`,
    "",
    `Target: ${target}`,
    "",
    ...(failures.length ? ["## Failures", "", ...failures, ""] : []),
    "| stage | outcome | summary | figures | time |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
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
--state-setup-url. Writes each stage's reports, reports/summary.json, reports/summary.md and
reports/junit.xml. npm start runs this command.

Examples:
  bleepay-qa all
  bleepay-qa all --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states
  bleepay-qa all --skip load`,
    options: {
      ...TARGET_OPTIONS,
      skip: { type: "string", valueName: "STAGE", multiple: true, description: "Leave a stage out" },
    },
    async run({ values, out, signal }) {
      out.addSecret(stringOption(values, "token"));
      const skip = listOption(values, "skip");
      const unknown = skip.filter((name) => !inAll.some((s) => s.name === name));
      if (unknown.length) {
        throw new CliError(
          `--skip expects one of ${inAll.map((s) => s.name).join(", ")}, got ${unknown.join(", ")}`,
        );
      }
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
              values: stageValues(stage, values),
              reportsDir,
              out,
              signal,
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
      const outcome = connectionError
        ? "error"
        : signal.aborted
          ? "interrupted"
          : results.some((r) => r.outcome === "failed")
            ? "failed"
            : "passed";
      const targetName = target.embedded ? "embedded reference provider" : target.baseUrl;
      const summary = {
        schema: SUMMARY_SCHEMA,
        outcome,
        target: { baseUrl: target.baseUrl, embedded: target.embedded },
        startedAt,
        finishedAt: new Date().toISOString(),
        versions: { "bleepay-qa": packageVersion(), node: process.version },
        ...(connectionError ? { error: connectionError.message } : {}),
        stages: results,
      };
      const written = [
        await writeJsonReport(reportsDir, "summary", JSON.parse(out.redact(JSON.stringify(summary)))),
        await writeReportFile(
          join(reportsDir, "summary.md"),
          out.redact(toMarkdown(results, targetName, outcome)),
        ),
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
      if (connectionError) return EXIT.usage;
      return exitCodeFor(results);
    },
  };
}
