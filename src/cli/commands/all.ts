/** `bleepay-qa all`: every stage against one target, a summary table, and the run's reports. */
import {
  commonDurationBounds,
  OptionError,
  type OptionSet,
  type OptionSpec,
  option,
  readOptions,
  resolveRawValues,
} from "../../options/index.js";
import { RUN_REPORT_FILE, type RunFacts, writeRunReports } from "../../report/run-reports.js";
import { SUMMARY_SCHEMA } from "../../report/run-summary.js";
import { describePolicy, openapiSpec } from "../../rules/index.js";
import type { Stage, StageResult } from "../../stages/stage.js";
import type { CommandContext, CommandDefinition } from "../command.js";
import { configValuesFor } from "../config-file.js";
import { EXIT } from "../exit-codes.js";
import { describeKnownError } from "../known-errors.js";
import { packageInfo } from "../package-info.js";
import { printStageResult } from "../print-stage-result.js";
import { describeTarget, exitCodeFor, prepareReportsDir } from "../stage-command.js";
import { policyOf, resolveTarget, TARGET_OPTIONS } from "../target.js";

/** Version of the summary report's layout, and the page's file name (for importers of this module). */
export { RUN_REPORT_FILE, SUMMARY_SCHEMA };

const ENGINES = ["@pact-foundation/pact", "fast-check", "autocannon", "hdr-histogram-js"] as const;

/**
 * bleepay-qa's version, Node's, the spec's, and the engines the stages run on (exact versions:
 * package.json pins them).
 */
function versions(): Record<string, string> {
  const pkg = packageInfo();
  return {
    "bleepay-qa": pkg.version ?? "unknown",
    node: process.version,
    spec: openapiSpec.info.version,
    ...Object.fromEntries(
      ENGINES.flatMap((name) => (pkg.dependencies?.[name] ? [[name, pkg.dependencies[name]]] : [])),
    ),
  };
}

/** A stage's timeout option, if it has one (`all --timeout` sets it). */
function timeoutSpecOf(stage: Stage): OptionSpec<unknown> | undefined {
  return (stage.options as OptionSet)[stage.timeoutOption ?? "timeout"];
}

/** A list option whose items must be among `names`. */
const stageList = (names: readonly string[], description: string) =>
  option.list({
    valueName: "STAGE",
    description,
    item: (name: string, flag: string) => {
      if (!names.includes(name))
        throw new OptionError(`--${flag} expects one of ${names.join(", ")}, got ${name}`);
      return name;
    },
  });

/**
 * The options of `all` over these stages: the target's, `--skip`, `--with` (a stage `all` leaves
 * out by default, such as capacity), and one timeout for all.
 */
function allOptions(stages: readonly Stage[]) {
  const inAll = stages.filter((s) => s.inAll !== false);
  const optIn = stages.filter((s) => s.inAll === false);
  const timed = stages.filter((s) => timeoutSpecOf(s));
  // The bounds every stage's timeout accepts, so that a value `all` takes no stage refuses halfway.
  const bounds = commonDurationBounds(timed.map((s) => timeoutSpecOf(s) ?? {}));
  return {
    ...TARGET_OPTIONS,
    skip: stageList(
      inAll.map((s) => s.name),
      "Leave a stage out",
    ),
    with: stageList(
      optIn.map((s) => s.name),
      `Also run a stage all leaves out by default (${optIn.map((s) => s.name).join(", ") || "none"})`,
    ),
    timeout: option.duration({
      ...bounds,
      description: `Per-request timeout of every stage, provider-state calls included (${timed
        .map((s) => `${s.name} --${s.timeoutOption ?? "timeout"}`)
        .join(", ")}); absent: each stage's own`,
    }),
  } satisfies OptionSet;
}

/**
 * A stage's settings when run by `all`: flags `all` hands it (`--timeout` as its own timeout
 * option), then its section of the config file (a team's `load.slo` applies in `all` too), then
 * the environment, then its `allDefaults`, then its own defaults: the resolution every command uses.
 */
function stageSettings(
  stage: Stage,
  timeoutMs: number | undefined,
  { config, env }: Pick<CommandContext, "config" | "env">,
): unknown {
  const flags: Record<string, string> = {};
  if (timeoutMs !== undefined && timeoutSpecOf(stage))
    flags[stage.timeoutOption ?? "timeout"] = `${timeoutMs}ms`;
  const options = stage.options as OptionSet;
  const raw = resolveRawValues(options, {
    flags,
    ...(config ? { config: configValuesFor(config, { name: stage.name, options }) } : {}),
    env,
    ...(stage.allDefaults ? { defaults: stage.allDefaults as Record<string, string> } : {}),
  });
  return stage.settings(readOptions(options, raw));
}

/** Creates the `all` command over the given stages. */
export function allCommand(stages: readonly Stage[]): CommandDefinition<ReturnType<typeof allOptions>> {
  const inAll = stages.filter((s) => s.inAll !== false);
  const optIn = stages.filter((s) => s.inAll === false);
  return {
    name: "all",
    summary: "Run every stage against one target, print a summary, write reports",
    help: `
Runs, in order: ${inAll.map((s) => s.name).join(", ")}${optIn.length ? ` (and, with --with, ${optIn.map((s) => s.name).join(", ")})` : ""}. Against the embedded reference provider by
default; against a real provider with --base-url, --token and (for stages that need real codes)
--state-setup-url. Each stage takes its options from its section of the config file and from the
environment, as when it runs alone. Writes each stage's reports, then reports/index.html (the run
on one page: failures first, a coverage matrix of the documented answers, every check, the load
charts), summary.json (the same, machine-readable), summary.md (for a CI job summary) and
junit.xml. npm start runs this command.

Examples:
  bleepay-qa all
  bleepay-qa all --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states
  bleepay-qa all --skip load
  bleepay-qa all --with capacity
  bleepay-qa all --timeout 2s`,
    options: allOptions(stages),
    async run(options, context) {
      const { out, signal } = context;
      out.addSecret(options.token);
      const skip = options.skip;
      const selected = stages.filter(
        (s) => (s.inAll !== false && !skip.includes(s.name)) || options.with.includes(s.name),
      );
      // Every stage's settings are read before any stage runs: a bad value in the config file or
      // the environment must not surface as a stage's error halfway through the run.
      const settings = new Map(selected.map((s) => [s, stageSettings(s, options.timeout, context)]));
      const reportsDir = await prepareReportsDir(options.reportsDir);
      const policy = policyOf(options);
      const target = await resolveTarget(options);
      const startedAt = new Date().toISOString();
      const results: StageResult[] = [];
      let stopped: string | undefined;
      try {
        out.line(`bleepay-qa all against ${describeTarget(target)}`);
        out.line(`  judged by ${describePolicy(policy)}`);
        for (const stage of selected) {
          if (signal.aborted) break;
          out.line("");
          out.line(`── ${stage.name} ──`);
          try {
            const result = await stage.run(settings.get(stage), {
              target,
              reportsDir,
              reporter: out,
              debug: context.env.BLEEPAY_QA_DEBUG === "1",
              policy,
              signal,
              skipped: skip,
            });
            results.push(result);
            printStageResult(out, result);
          } catch (error) {
            // A usage or connection error stops the run (exit 2); the stages so far are reported.
            const known = describeKnownError(error);
            if (!known) throw error;
            stopped = known.message;
            out.error(`${stage.name}: ${known.message}`);
            break;
          }
        }
      } finally {
        await target.close();
      }
      const facts: RunFacts = {
        outcome: stopped
          ? "error"
          : signal.aborted
            ? "interrupted"
            : results.some((r) => r.outcome === "failed")
              ? "failed"
              : "passed",
        target: { baseUrl: target.baseUrl, embedded: target.embedded },
        startedAt,
        finishedAt: new Date().toISOString(),
        versions: versions(),
        rules: {
          policy: policy.policy,
          overrides: policy.overrides as Record<string, string>,
          description: describePolicy(policy),
        },
        ...(stopped ? { error: stopped } : {}),
        ...(skip.length ? { skipped: skip } : {}),
      };
      const written = await writeRunReports(reportsDir, facts, results, out.redact);
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
      out.line(`  overall: ${facts.outcome.toUpperCase()}`);
      for (const path of written) out.line(`  report: ${path}`);
      out.line("");
      out.line(`Open the run report: ${written[0]}`);
      if (stopped) return EXIT.usage;
      // Stopped by SIGINT/SIGTERM: the run is incomplete, so it must not read as passed (exit 0) in CI.
      if (facts.outcome === "interrupted") return EXIT.usage;
      return exitCodeFor(results);
    },
  };
}
