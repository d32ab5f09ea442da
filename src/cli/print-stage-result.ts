/** How a stage's result is printed: a line a check, failures with detail and reproduction. */
import type { StageResult } from "../stages/stage.js";
import type { Output } from "./output.js";

const MARK = { passed: "PASS", failed: "FAIL", "not-run": "SKIP" } as const;

/** Prints one stage's checks and its summary line. */
export function printStageResult(out: Output, result: StageResult): void {
  for (const check of result.checks) {
    out.line(`  ${MARK[check.outcome]}  ${check.name}`);
    if (check.outcome !== "passed" && check.detail) {
      for (const line of check.detail.split("\n")) out.line(`        ${line}`);
    }
    if (check.outcome === "failed" && check.reproduce) out.line(`        reproduce: ${check.reproduce}`);
  }
  out.line(
    `${result.stage}: ${result.outcome.toUpperCase()} — ${result.summary} (${(result.durationMs / 1000).toFixed(1)} s)`,
  );
  for (const report of result.reports ?? []) out.line(`  report: ${report}`);
}
