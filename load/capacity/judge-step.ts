/** One capacity step judged: its open-model run's figures against the SLOs, and its validity. */
import type { LoadOutcome } from "../engine/run-load.js";
import { buildLoadReport, sloFigures } from "../report/load-report.js";
import { evaluateSlos, type Slo } from "../report/slo.js";
import type { CapacityStep } from "./capacity-search.js";

/**
 * The step at `rateRps`: held when every SLO held, valid when the generator kept its schedule
 * (the load report's own self-check, the same that marks a load run invalid).
 */
export function judgeStep(
  rateRps: number,
  outcome: LoadOutcome,
  slos: readonly Slo[],
  timeoutMs: number,
): CapacityStep {
  const report = buildLoadReport({
    run: outcome.run,
    selfChecks: outcome.selfChecks,
    target: "capacity step",
    scenario: { name: "open-session", weights: { valid: 100, malformed: 0, "bad-token": 0 } },
    model: { type: "open", rate: rateRps, connections: 0, workers: outcome.workers },
    timeoutMs,
    validateSample: 0,
  });
  const gates = evaluateSlos(slos, sloFigures(report));
  const broken = gates.filter((g) => !g.pass).map((g) => `${g.expr} measured ${g.actual}`);
  return {
    rateRps,
    p50Ms: report.latencyMs.p50,
    p99Ms: report.latencyMs.p99,
    errorRate: report.errorRate,
    held: broken.length === 0,
    valid: report.valid,
    reasons: report.valid ? broken : report.invalidReasons,
  };
}
