/**
 * How a stage's result is printed: a line a check; a failure with the rules it broke, whether it
 * is deterministic, its detail and its reproduction; a deviation from an assumption as one line
 * with the assumption's text. No check takes more than a screen: long details are cut, and the
 * stage's JSON report holds them whole.
 */
import type { CheckResult, StageResult } from "../stages/stage.js";
import type { Output } from "./output.js";

const MARK = { passed: "PASS", failed: "FAIL", "not-run": "SKIP" } as const;

/** Detail lines shown per check; the rest is in `<stage>-result.json`. */
export const DETAIL_LINES = 12;
/** Longest line shown; a longer one is cut (reproductions are never this long: big bodies go to files). */
const LINE_CHARS = 400;

const cut = (line: string): string => (line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line);

function printCheck(out: Output, stage: string, check: CheckResult): void {
  const stability = check.outcome === "failed" && check.stability ? ` (${check.stability})` : "";
  out.line(`  ${MARK[check.outcome]}  ${check.name}${stability}`);
  if (check.outcome === "failed") {
    for (const rule of check.rules ?? []) out.line(`        rule ${rule.id} (${rule.basis}): ${rule.text}`);
  }
  if (check.outcome !== "passed" && check.detail) {
    const lines = check.detail.split("\n");
    for (const line of lines.slice(0, DETAIL_LINES)) out.line(`        ${cut(line)}`);
    if (lines.length > DETAIL_LINES)
      out.line(`        … ${lines.length - DETAIL_LINES} more lines in ${stage}-result.json`);
  }
  if (check.outcome === "failed" && check.reproduce) out.line(`        reproduce: ${cut(check.reproduce)}`);
  for (const d of check.deviations ?? []) {
    const count = d.count && d.count > 1 ? ` (${d.count} times)` : "";
    out.line(`        deviation from assumption ${d.rule.id}${count}: ${cut(d.detail)}`);
    out.line(`          assumed: ${d.rule.text}`);
  }
}

/** Prints one stage's checks and its summary line. */
export function printStageResult(out: Output, result: StageResult): void {
  for (const check of result.checks) printCheck(out, result.stage, check);
  out.line(
    `${result.stage}: ${result.outcome.toUpperCase()} — ${result.summary} (${(result.durationMs / 1000).toFixed(1)} s)`,
  );
  for (const report of result.reports ?? []) out.line(`  report: ${report}`);
}
