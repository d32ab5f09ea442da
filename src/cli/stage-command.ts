/** Runs a stage as a command of its own: read settings, resolve the target, run, print, write reports. */
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { OptionSet, OptionValuesOf } from "../options/index.js";
import { writeStageReports } from "../report/stage-reports.js";
import { describePolicy } from "../rules/verdict-policy.js";
import type { Stage, StageResult } from "../stages/stage.js";
import type { CommandContext, CommandDefinition } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { printStageResult } from "./print-stage-result.js";
import {
  policyOf,
  type ResolvedTarget,
  resolveTarget,
  TARGET_OPTIONS,
  type TargetOptions,
} from "./target.js";

/** Creates the reports folder and returns its absolute path. */
export async function prepareReportsDir(reportsDir: string): Promise<string> {
  const dir = resolve(reportsDir);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** One line naming the target, never the token. */
export function describeTarget(target: ResolvedTarget): string {
  return target.embedded ? `the embedded reference provider at ${target.baseUrl}` : target.baseUrl;
}

/** The exit code for a set of results: 1 if any failed, else 0. */
export function exitCodeFor(results: readonly StageResult[]): number {
  return results.some((r) => r.outcome === "failed") ? EXIT.fail : EXIT.pass;
}

/** A stage's option set with the target options added: what its command takes. */
export type StageCommandOptions<O extends OptionSet> = O & typeof TARGET_OPTIONS;

/**
 * Runs a stage against the target its options name, prints its checks and writes its reports.
 * Its settings are read first: a bad option fails before any provider starts or is contacted.
 */
export async function runStageCommand<O extends OptionSet, S>(
  stage: Stage<O, S>,
  options: TargetOptions & Parameters<Stage<O, S>["settings"]>[0],
  { out, signal, env }: Pick<CommandContext, "out" | "signal" | "env">,
): Promise<number> {
  out.addSecret(options.token);
  const settings = stage.settings(options);
  const reportsDir = await prepareReportsDir(options.reportsDir);
  const target = await resolveTarget(options);
  try {
    out.line(`bleepay-qa ${stage.name} against ${describeTarget(target)}`);
    out.line(`  judged by ${describePolicy(policyOf(options))}`);
    const result = await stage.run(settings, {
      target,
      reportsDir,
      reporter: out,
      debug: env.BLEEPAY_QA_DEBUG === "1",
      policy: policyOf(options),
      signal,
    });
    const reports = [...(result.reports ?? []), ...(await writeStageReports(reportsDir, result, out.redact))];
    printStageResult(out, { ...result, reports });
    return exitCodeFor([result]);
  } finally {
    await target.close();
  }
}

/** Wraps a stage as a `bleepay-qa NAME` command. */
export function stageCommand<O extends OptionSet, S>(
  stage: Stage<O, S>,
): CommandDefinition<StageCommandOptions<O>> {
  return {
    name: stage.name,
    summary: stage.summary,
    help: stage.help,
    options: { ...stage.options, ...TARGET_OPTIONS },
    // The command's values hold the stage's and the target's: TypeScript cannot see that the
    // values of a union of option sets are the intersection of their values when O is generic.
    run: (options, context) => runStageCommand(stage, options as TargetOptions & OptionValuesOf<O>, context),
  };
}
