/**
 * How a load report is judged: the generator's validity, whether the target kept answering, the
 * SLO gates, the baseline comparison and the sampled answers; and which documented answers it covered.
 */
import { isRuleId } from "../src/rules/index.js";
import { answerKey, type CoverageCell, createCoverageTally } from "../src/stages/coverage.js";
import type { CheckResult, Deviation, StageResult } from "../src/stages/stage.js";
import { overallOutcome } from "../src/stages/stage.js";
import { ruleRef } from "../src/stages/verdict.js";
import { EXPECTED, REQUEST_KINDS } from "./engine/scenario.js";
import type { LoadReport } from "./report/load-report.js";

const gateCheck = (g: { expr: string; actual: string; pass: boolean }, judged: boolean): CheckResult =>
  !judged
    ? {
        name: `gate ${g.expr}`,
        outcome: "not-run",
        detail: `measured ${g.actual}, but the run judged nothing (see above)`,
      }
    : g.pass
      ? { name: `gate ${g.expr} (${g.actual})`, outcome: "passed" }
      : { name: `gate ${g.expr}`, outcome: "failed", detail: `measured ${g.actual}` };

/** How a load report is judged. */
export interface LoadVerdictOptions {
  /** `--require-valid`: an invalid run fails (exit 1) rather than being not run (exit 0). */
  readonly requireValid?: boolean;
}

/** Share of valid requests whose code may be refused before the run no longer measures sessions. */
const REFUSED_SHARE = 0.01;

/** Whether so many pool codes were refused that the figures describe refusals, not sessions. */
export function mostlyRefused(report: LoadReport): boolean {
  return (report.requests.refused ?? 0) > REFUSED_SHARE * report.requests.total;
}

/** A sampled answer's deviation line (`kind: status …: message [rule, basis]`) as a deviation. */
function deviationOf(line: string): Deviation | undefined {
  const match = /\[([a-z0-9-]+), (doc|assumption)\]$/.exec(line);
  const id = match?.[1];
  return id && isRuleId(id) ? { rule: ruleRef(id), detail: line.replace(/ \[[^\]]+\]$/, "") } : undefined;
}

/** The checks a load report makes. */
export function loadChecks(report: LoadReport, options: LoadVerdictOptions = {}): CheckResult[] {
  const checks: CheckResult[] = [
    report.valid
      ? { name: "the load generator kept up (valid run)", outcome: "passed" }
      : {
          // Not the provider's failure: the run could not judge it (exit 0 unless a check failed),
          // unless the user asked for a valid run, as a CI gate that must not go green unjudged may.
          name: "the load generator kept up (valid run)",
          outcome: options.requireValid ? "failed" : "not-run",
          detail: `invalid run, the figures describe the generator, not the provider${options.requireValid ? " (--require-valid)" : ""}:\n${report.invalidReasons.join("\n")}`,
        },
  ];
  // A target that stopped answering (most requests got no answer at all) failed whatever the
  // generator's own state: an invalid run must not hide it as "not run" (exit 0).
  const { total } = report.requests;
  const errors = report.requests.errors + report.requests.timeouts;
  if (total === 0) {
    checks.push({
      name: "the target kept answering",
      outcome: "failed",
      detail: `no request to ${report.target} ended within the run: none was answered, and none timed out before the run ended (is the target slower than --duration?)`,
    });
  } else if (errors * 2 > total) {
    checks.push({
      name: "the target kept answering",
      outcome: "failed",
      detail: `${report.target} stopped answering: ${errors} of ${total} requests got no answer (connection errors or timeouts)`,
    });
  }
  const refused = report.requests.refused ?? 0;
  if (refused > 0) {
    // The doc leaves open whether a code may open a second session; the pool's codes are used
    // again and again, so a provider that takes a code once refuses them. No failure of the
    // provider, and nothing measured about opening sessions either.
    const detail = `${refused} of ${report.requests.total} requests were answered 400 invalid_code: the provider does not take a code that already opened a session (the doc leaves that open: rule shared-code-reusable). Give load a fresh code for every request: --codes at least the number of requests, or a --codes-file that long.`;
    checks.push(
      mostlyRefused(report)
        ? { name: "the pool's codes opened sessions", outcome: "not-run", detail }
        : { name: `the pool's codes opened sessions (${refused} refused)`, outcome: "passed" },
    );
  }
  const judged = report.valid && !mostlyRefused(report);
  checks.push(...report.slo.map((g) => gateCheck(g, judged)));
  checks.push(...(report.baseline?.results ?? []).map((g) => gateCheck(g, judged)));
  const { sampled, violations } = report.contract;
  const deviations = (report.contract.deviations ?? []).flatMap((line) => deviationOf(line) ?? []);
  checks.push(
    sampled === 0
      ? {
          name: "sampled answers conform to the spec",
          outcome: "not-run",
          detail: "no answer was sampled (see --validate-sample)",
        }
      : violations.length === 0
        ? {
            name: `sampled answers conform to the spec (${sampled} checked)`,
            outcome: "passed",
            ...(deviations.length ? { deviations } : {}),
          }
        : {
            name: "sampled answers conform to the spec",
            outcome: "failed",
            detail: `${sampled} checked; under load the provider answered:\n${violations.join("\n")}`,
          },
  );
  return checks;
}

/**
 * The answers the run's scenario asked for, one cell per request kind it sent. The recorder counts
 * unexpected answers over all kinds, so any of them fails every cell.
 */
function loadCoverage(report: LoadReport): CoverageCell[] {
  const tally = createCoverageTally();
  const weights = report.scenario.weights;
  const sum = REQUEST_KINDS.reduce((n, kind) => n + weights[kind], 0);
  const bad = report.requests.unexpected + report.requests.errors + report.requests.timeouts;
  for (const kind of REQUEST_KINDS) {
    if (weights[kind] <= 0 || report.requests.total === 0) continue;
    tally.add(
      "load",
      answerKey(EXPECTED[kind].status, EXPECTED[kind].errorCode),
      bad > 0 ? "failed" : "passed",
      Math.round((report.requests.total * weights[kind]) / sum),
    );
  }
  return tally.cells();
}

/** The stage's result from a gated report. */
export function loadStageResult(
  report: LoadReport,
  reports: string[],
  durationMs: number,
  options: LoadVerdictOptions = {},
): StageResult {
  const checks = loadChecks(report, options);
  const gates = [...report.slo, ...(report.baseline?.results ?? [])];
  // An invalid run judged nothing: never "passed", even when the checks it could make passed.
  const outcome = overallOutcome(checks);
  return {
    stage: "load",
    outcome: (!report.valid || mostlyRefused(report)) && outcome === "passed" ? "not-run" : outcome,
    summary: `${report.rps.mean} req/s, p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, ${report.requests.unexpected + report.requests.errors + report.requests.timeouts} failed of ${report.requests.total}; ${gates.filter((g) => g.pass).length}/${gates.length} gates passed${report.valid ? "" : " (INVALID run)"}`,
    checks,
    figures: { "req/s": report.rps.mean, "p50 ms": report.latencyMs.p50, "p99 ms": report.latencyMs.p99 },
    reports,
    coverage: loadCoverage(report),
    durationMs,
  };
}
