/**
 * `bleepay-qa fuzz`: property-based fuzzing of the provider with fast-check. Each property sends
 * generated requests through a bounded pool, holds every answer to an exact oracle, and on a
 * failure shrinks it and reports the counterexample, the seed and path that replay it, a curl
 * command and a ready regression test.
 */
import { join } from "node:path";
import { writeReportFile } from "../../src/report/report-files.js";
import { isJsonMediaType, type RuleId, type VerdictPolicy, verdictOf } from "../../src/rules/index.js";
import { type CheckResult, type Deviation, defineStage, overallOutcome } from "../../src/stages/stage.js";
import { replayFailure, ruleRef } from "../../src/stages/verdict.js";
import type { PropertyDeviation, RunWideFinding } from "./fuzz-context.js";
import { FUZZ_OPTIONS, fuzzSettings } from "./fuzz-options.js";
import { PROPERTY_CATALOG } from "./properties/catalog.js";
import type { PropertyReport } from "./run-property.js";
import type { RequestStep, StateStep } from "./trace.js";

const HELP = `
Generates requests with fast-check and holds every answer to an exact oracle from the spec:
${PROPERTY_CATALOG.map((p) => `  ${p.id.padEnd(14)} ${p.name}`).join("\n")}
and, over the whole run, every answer is application/json and none is a 5xx.

Properties that need codes a payer shared (shared-code, expired-code, near-miss, concurrency,
model) use the Pact provider-state endpoint (--state-setup-url; the embedded provider has one);
without it they are reported as not run. Requests go through a bounded pool (--concurrency).

On a failure: the shrunk counterexample, the seed and fast-check path to replay it, a curl
command (the token shown as $BLEEPAY_TOKEN) and a vitest regression test written to
reports/regressions/<property>-<seed>.test.ts. Exit 1 when a property fails, 2 when the
provider cannot be reached.

Examples:
  bleepay-qa fuzz
  bleepay-qa fuzz --runs 1000 --seed 42
  bleepay-qa fuzz --seed 42 --property near-miss --path 17:2:0
  bleepay-qa fuzz --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states`;

const sq = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

function stateCurl(step: StateStep, stateSetupUrl: string | undefined): string {
  const body = JSON.stringify({ state: step.state, params: {}, action: "setup" });
  return `curl -sS -X POST ${sq(stateSetupUrl ?? "<state-setup-url>")} -H 'content-type: application/json' --data-binary ${sq(body)}`;
}

/** A property's deviations from assumptions, each with the curl of the first request that showed it. */
function deviationsOf(
  curl: (step: RequestStep) => string,
  deviations: readonly PropertyDeviation[],
): Deviation[] {
  return deviations.map((d) => ({
    rule: ruleRef(d.finding.rule),
    detail: d.finding.message,
    reproduce: curl(d.step),
    ...(d.count > 1 ? { count: d.count } : {}),
  }));
}

function failedCheck(
  curl: (step: RequestStep) => string,
  report: PropertyReport,
  stateSetupUrl: string | undefined,
  regression: string,
): CheckResult {
  const failure = report.failure;
  if (!failure) return { name: report.name, outcome: "failed" };
  const step = failure.trace.firstFailure() ?? failure.trace.steps.findLast((s) => s.kind === "request");
  const states = failure.trace.steps.filter((s): s is StateStep => s.kind === "state");
  const lines = [
    `counterexample: ${failure.counterexample}${failure.shrinks ? ` (shrunk ${failure.shrinks} times)` : ""}`,
    ...failure.problems,
    `found after ${failure.foundAtRequest} requests; replay: bleepay-qa fuzz --seed ${failure.seed} --property ${report.id} --path ${failure.path}`,
    `regression test: ${regression}`,
    ...(failure.note ? [`note: ${failure.note}`] : []),
    ...(states.length > 0
      ? [
          `the request used codes from provider states (${states.map((s) => `${s.binding} = ${s.code}`).join(", ")}); get fresh ones with:`,
          ...[...new Map(states.map((s) => [s.state, s])).values()].map(
            (s) => `  ${stateCurl(s, stateSetupUrl)}`,
          ),
        ]
      : []),
  ];
  return {
    name: report.name,
    outcome: "failed",
    detail: lines.join("\n"),
    rules: failure.rules,
    stability: failure.stability,
    ...(step?.kind === "request" ? { reproduce: curl(step) } : {}),
  };
}

/**
 * A rule checked over every answer of the run: failed, a deviation or passed, by the policy's
 * verdict on its rule; not run when nothing was sent.
 */
async function runWideCheck(
  curl: (step: RequestStep) => string,
  name: string,
  rule: RuleId,
  finding: RunWideFinding | undefined,
  requests: number,
  policy: VerdictPolicy,
  /** Sends the finding's request again and says whether it broke the rule again. */
  replay: (step: RequestStep) => Promise<boolean>,
): Promise<CheckResult> {
  if (requests === 0) return { name, outcome: "not-run", detail: "no request was sent" };
  const verdict = verdictOf(rule, policy);
  if (!finding || verdict === "off") return { name, outcome: "passed" };
  const answer = finding.step.answer;
  const got =
    "cause" in answer
      ? `no answer (${answer.cause})`
      : `${answer.status} ${answer.contentType ?? "(no content-type)"}: ${answer.body.slice(0, 120)}`;
  const detail = `first at request #${finding.step.seq} (property ${finding.property}): ${got}`;
  if (verdict === "warn")
    return {
      name,
      outcome: "passed",
      deviations: [{ rule: ruleRef(rule), detail, reproduce: curl(finding.step) }],
    };
  const stability = await replayFailure(() => replay(finding.step));
  return {
    name,
    outcome: "failed",
    detail,
    rules: [ruleRef(rule)],
    stability,
    reproduce: curl(finding.step),
  };
}

/** The fuzz stage. */
export const fuzzStage = defineStage({
  name: "fuzz",
  summary: "Property-based fuzzing of codes, bodies and tokens (fast-check), shrunk and replayable",
  help: HELP,
  options: FUZZ_OPTIONS,
  settings: (options) =>
    fuzzSettings(
      options,
      PROPERTY_CATALOG.map((p) => p.id),
    ),
  async run(settings, { target, reportsDir, reporter: out, signal, policy }) {
    // Loaded on use: the properties, fast-check and the arbitraries take some 70 ms to load, which
    // every other command (and --help) would otherwise pay at start.
    const [{ runFuzz }, { regressionFileName, renderRegressionTest }, { curlFor }] = await Promise.all([
      import("./run-fuzz.js"),
      import("./regression-test.js"),
      import("./reproduce.js"),
    ]);
    out.line(
      `  seed ${settings.seed}${settings.seedGiven ? "" : " (random)"}, ${settings.runs} inputs per property, ${settings.concurrency} requests in flight`,
    );
    const run = await runFuzz(target, settings, signal, policy);
    const { reports, context } = run;
    const curl = (step: RequestStep): string => out.redact(curlFor(step, context.url, reportsDir));
    const checks: CheckResult[] = [];
    const written: string[] = [];
    for (const report of reports) {
      // Each property's own requests: they share the run's pool, so the context counts them apart.
      const figures = { runs: report.cases, requests: report.requests, seed: settings.seed };
      const deviations = deviationsOf(curl, context.deviations(report.id));
      const withDeviations = deviations.length ? { deviations } : {};
      if (report.outcome === "passed")
        checks.push({ name: report.name, outcome: "passed", figures, ...withDeviations });
      else if (report.outcome === "not-run")
        checks.push({ name: report.name, outcome: "not-run", detail: report.reason ?? "not run" });
      else if (report.failure) {
        const file = join(reportsDir, "regressions", regressionFileName(report.id, report.failure.seed));
        // Built from recipes, the file never holds the token; cut it out anyway should a provider
        // echo it into an answer. Not out.redact: its Authorization rule would break the code.
        const content = renderRegressionTest({
          propertyId: report.id,
          propertyName: report.name,
          failure: report.failure,
          strict: policy.policy === "spec",
        });
        await writeReportFile(file, content.split(target.token).join("[REDACTED]"));
        written.push(file);
        const check = failedCheck(curl, report, target.stateSetupUrl, file);
        checks.push({
          ...check,
          figures,
          ...withDeviations,
          ...(check.detail ? { detail: out.redact(check.detail) } : {}),
        });
      }
    }
    for (const property of PROPERTY_CATALOG) {
      if (
        signal.aborted &&
        !reports.some((r) => r.id === property.id) &&
        (settings.properties.length === 0 || settings.properties.includes(property.id))
      ) {
        checks.push({ name: property.name, outcome: "not-run", detail: "interrupted" });
      }
    }
    const requests = context.requests();
    if (settings.path === undefined) {
      checks.push(
        await runWideCheck(
          curl,
          "every answer is served as application/json",
          "json-media-type",
          context.findings.nonJson,
          requests,
          policy,
          async (step) => {
            const again = await context.resend(step);
            return again.ok && !isJsonMediaType(again.headers["content-type"]);
          },
        ),
        await runWideCheck(
          curl,
          "no answer is a 5xx or missing",
          "no-server-error",
          context.findings.serverError,
          requests,
          policy,
          async (step) => {
            const again = await context.resend(step);
            return !again.ok || again.status >= 500;
          },
        ),
      );
    }
    const count = (o: string): number => checks.filter((c) => c.outcome === o).length;
    const seconds = run.elapsedMs / 1000;
    const deviationCount = checks.reduce((n, c) => n + (c.deviations?.length ?? 0), 0);
    return {
      stage: "fuzz",
      outcome: overallOutcome(checks),
      rules: policy.policy,
      summary: `${count("passed")} passed, ${count("failed")} failed${count("not-run") ? `, ${count("not-run")} not run` : ""}${deviationCount ? `, ${deviationCount} deviation(s) from assumptions` : ""}; ${requests} requests, seed ${settings.seed}`,
      checks,
      figures: {
        requests,
        "requests/s": Math.round(requests / Math.max(seconds, 0.001)),
        "state calls": context.stateCalls(),
        seed: settings.seed,
      },
      reports: written,
      coverage: context.coverage(),
      durationMs: run.elapsedMs,
    };
  },
});
