/**
 * The terminal lines of a diff: one line per finding (severity, pointer, message) with its
 * witness under it, the consumer impact, and the two verdicts side by side. A witness longer than
 * 1 KiB is shown cut, with the file holding it whole.
 */
import { countFindings, type DiffReport, describeImpact } from "./diff-report.js";
import { witnessText, witnessVerdicts } from "./render-witness.js";

/** Longest witness printed whole; longer ones are written to a file. */
export const MAX_TERMINAL_WITNESS = 1024;

const LABEL = { breaking: "BREAKING", "non-breaking": "non-breaking", info: "info" } as const;

/**
 * The lines to print for a report.
 *
 * @example
 * for (const line of diffTerminalLines(report, written.witnessFiles)) out.line(line);
 */
export function diffTerminalLines(
  report: DiffReport,
  witnessFiles: ReadonlyMap<number, string> = new Map(),
  reports: readonly string[] = [],
): string[] {
  const version = (v: DiffReport["base"]) => `${v.file}${v.version ? ` (${v.version})` : ""}`;
  const lines = [`bleepay-qa diff: ${version(report.base)} → ${version(report.head)}`];
  if (report.findings.length === 0) lines.push("  no change to what Open Session accepts or answers");
  for (const [i, f] of report.findings.entries()) {
    lines.push(`  ${LABEL[f.severity].padEnd(12)} ${f.spec === "base" ? "base" : "head"}#${f.pointer}`);
    lines.push(`    ${f.message}`);
    if (!f.witness) continue;
    const text = witnessText(f.witness);
    const file = witnessFiles.get(i);
    lines.push(`    witness (${f.witness.kind}): ${witnessVerdicts(f.witness)}`);
    if (text.length > MAX_TERMINAL_WITNESS && file) {
      lines.push(
        `      ${text.slice(0, 200).replaceAll("\n", " ")}… (${(text.length / 1024).toFixed(1)} KiB, whole in ${file})`,
      );
    } else lines.push(...text.split("\n").map((l) => `      ${l}`));
  }
  lines.push("consumers:");
  if (report.consumerImpact.length === 0) lines.push(`  ${report.consumerNote ?? "no pact checked"}`);
  for (const impact of report.consumerImpact) {
    lines.push(`  ${describeImpact(impact)} (${impact.source})`);
    for (const b of impact.broken)
      lines.push(`    ✗ "${b.description}"${b.field ? ` at ${b.field}` : ""}: ${b.reason}`);
    for (const b of impact.alreadyFailing)
      lines.push(`    (already failing against the old spec) "${b.description}": ${b.reason}`);
  }
  if (report.consumerImpact.length && report.consumerNote) lines.push(`  note: ${report.consumerNote}`);
  const counts = countFindings(report);
  const broken = report.consumerImpact.reduce((n, i) => n + i.broken.length, 0);
  const total = report.consumerImpact.reduce((n, i) => n + i.interactions, 0);
  lines.push(
    `verdict: by the spec ${report.verdict.spec.toUpperCase()} (${counts.breaking} breaking, ${counts["non-breaking"]} non-breaking, ${counts.info} info) | known consumers ${report.verdict.consumers.toUpperCase()}${report.consumerImpact.length ? ` (${broken} of ${total} interactions broken)` : ""}`,
  );
  if (reports.length) lines.push(`reports: ${reports.join(", ")}`);
  lines.push(
    `overall: ${report.breaking ? "BREAKING" : "NOT BREAKING"} (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines;
}
