/**
 * Whether a run's figures describe the provider: the verdict `load.json`'s `valid` carries, from a
 * run and its generators' self-checks alone, so a caller stepping through rates (a capacity search)
 * can judge each step the way a report would.
 */
import { summarize } from "./histogram.js";
import { runHistograms } from "./merge-runs.js";
import type { RecordedRun } from "./recorder.js";
import { type SelfCheckFigures, selfCheckProblems } from "./self-check.js";

/** Share of the scheduled requests (open model) that must go out for a run to count. */
export const MIN_SENT_SHARE = 0.99;

/**
 * Why a run is invalid (empty: it is valid): each generator's self-check against the run's
 * corrected p99, and, in the open model, too few of the scheduled requests sent.
 *
 * @example
 * const outcome = await runLoad(plan, { workers: 1 });
 * const reasons = invalidReasons(outcome, plan.model); // [] when the generator kept up
 */
export function invalidReasons(
  outcome: { readonly run: RecordedRun; readonly selfChecks: readonly SelfCheckFigures[] },
  model: "open" | "closed",
): string[] {
  const { run, selfChecks } = outcome;
  const p99 = summarize(runHistograms(run).corrected).p99;
  const reasons = selfChecks.flatMap((f, i) =>
    selfCheckProblems(f, model, p99).map((p) => (selfChecks.length > 1 ? `worker ${i + 1}: ${p}` : p)),
  );
  if (model === "open" && run.scheduled > 0 && run.sent < run.scheduled * MIN_SENT_SHARE) {
    reasons.push(`only ${run.sent} of ${run.scheduled} scheduled requests went out`);
  }
  return reasons;
}
