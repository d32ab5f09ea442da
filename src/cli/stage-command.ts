/** Runs a stage as a command of its own: resolve the target, run, print, write reports, exit. */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { toJUnitXml } from "../stages/junit.js";
import { writeReportFile } from "../stages/report-files.js";
import type { Stage, StageResult } from "../stages/stage.js";
import { redact } from "../util/redact.js";
import type { CommandContext, CommandDefinition } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { type OptionValues, stringOption, TARGET_OPTIONS } from "./options.js";
import { printStageResult } from "./print-stage-result.js";
import { type ResolvedTarget, resolveTarget } from "./target.js";

/** Creates the reports folder from `--reports-dir` and returns its absolute path. */
export async function prepareReportsDir(values: OptionValues): Promise<string> {
  const dir = resolve(stringOption(values, "reports-dir") ?? "reports");
  await mkdir(dir, { recursive: true });
  return dir;
}

/** One line naming the target, never the token. */
export function describeTarget(target: ResolvedTarget): string {
  return target.embedded ? `the embedded reference provider at ${target.baseUrl}` : target.baseUrl;
}

/**
 * Writes a stage's JSON and JUnit reports; returns their paths. Both pass through `clean` (give
 * `out.redact`, which knows the token): a failure's detail can quote a provider that echoed the
 * token back. Without it, bearer credentials and Authorization values are still redacted.
 */
export async function writeStageReports(
  reportsDir: string,
  result: StageResult,
  clean: (text: string) => string = (text) => redact(text),
): Promise<string[]> {
  return [
    await writeReportFile(
      join(reportsDir, `${result.stage}-result.json`),
      clean(`${JSON.stringify(result, null, 2)}\n`),
    ),
    await writeReportFile(join(reportsDir, `junit-${result.stage}.xml`), clean(toJUnitXml([result]))),
  ];
}

/** The exit code for a set of results: 1 if any failed, else 0. */
export function exitCodeFor(results: readonly StageResult[]): number {
  return results.some((r) => r.outcome === "failed") ? EXIT.fail : EXIT.pass;
}

/** Wraps a stage as a `bleepay-qa NAME` command. */
export function stageCommand(stage: Stage): CommandDefinition {
  return {
    name: stage.name,
    summary: stage.summary,
    help: stage.help,
    options: { ...stage.options, ...TARGET_OPTIONS },
    async run({ values, out, signal }: CommandContext) {
      out.addSecret(stringOption(values, "token"));
      const reportsDir = await prepareReportsDir(values);
      const target = await resolveTarget(values);
      try {
        out.line(`bleepay-qa ${stage.name} against ${describeTarget(target)}`);
        const result = await stage.run({ target, values, reportsDir, out, signal });
        const reports = [
          ...(result.reports ?? []),
          ...(await writeStageReports(reportsDir, result, out.redact)),
        ];
        printStageResult(out, { ...result, reports });
        return exitCodeFor([result]);
      } finally {
        await target.close();
      }
    },
  };
}
