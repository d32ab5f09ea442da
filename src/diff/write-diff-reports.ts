/**
 * Writes a diff's reports: `diff.json` (schema `bleepay-qa/diff@1`), `diff.md` (a pull-request
 * comment), `junit-diff.xml` (one test case per finding and per broken interaction), and, for a
 * witness too long for a terminal, `diff-witnesses/finding-N.txt`.
 */
import { join } from "node:path";
import { toJUnitXml } from "../report/junit.js";
import { writeReportFile } from "../report/report-files.js";
import type { CheckResult } from "../stages/stage.js";
import { redact } from "../util/redact.js";
import type { DiffReport } from "./diff-report.js";
import { describeImpact } from "./diff-report.js";
import { diffMarkdown } from "./render-markdown.js";
import { MAX_TERMINAL_WITNESS } from "./render-terminal.js";
import { witnessText, witnessVerdicts } from "./render-witness.js";

/** What {@link writeDiffReports} wrote. */
export interface WrittenDiffReports {
  /** `diff.json`, `diff.md`, `junit-diff.xml`. */
  readonly reports: readonly string[];
  /** Witnesses too long for a terminal, by finding index. */
  readonly witnessFiles: ReadonlyMap<number, string>;
}

/** The diff as JUnit checks: breaking findings and broken interactions fail. */
export function diffChecks(report: DiffReport): CheckResult[] {
  const checks: CheckResult[] = report.findings.map((f) => ({
    name: `${f.severity}: ${f.spec}#${f.pointer}`,
    outcome: f.severity === "breaking" ? "failed" : "passed",
    detail: [f.message, f.witness ? witnessVerdicts(f.witness) : undefined].filter(Boolean).join("\n"),
    ...(f.witness ? { reproduce: witnessText(f.witness) } : {}),
  }));
  if (report.findings.length === 0)
    checks.push({ name: "no change to what Open Session accepts or answers", outcome: "passed" });
  for (const impact of report.consumerImpact) {
    for (const b of impact.broken) {
      checks.push({
        name: `consumer ${impact.consumer}: ${b.description}`,
        outcome: "failed",
        detail: `${b.field ? `${b.field}: ` : ""}${b.reason}`,
      });
    }
    checks.push({
      name: `consumer ${impact.consumer}: ${impact.interactions - impact.broken.length} of ${impact.interactions} interactions unaffected`,
      outcome: "passed",
      detail: describeImpact(impact),
    });
  }
  return checks;
}

/**
 * Writes the reports into `dir` (created as needed). Every file passes through `clean` (give the
 * CLI's redaction, which knows the secrets); without it, bearer credentials are still redacted.
 *
 * @example
 * const { reports } = await writeDiffReports("reports", report);
 */
export async function writeDiffReports(
  dir: string,
  report: DiffReport,
  clean: (text: string) => string = (t) => redact(t),
): Promise<WrittenDiffReports> {
  const witnessFiles = new Map<number, string>();
  for (const [i, f] of report.findings.entries()) {
    if (!f.witness) continue;
    const text = witnessText(f.witness);
    if (text.length <= MAX_TERMINAL_WITNESS) continue;
    witnessFiles.set(
      i,
      await writeReportFile(join(dir, "diff-witnesses", `finding-${i + 1}.txt`), clean(`${text}\n`)),
    );
  }
  const reports = [
    await writeReportFile(join(dir, "diff.json"), clean(`${JSON.stringify(report, null, 2)}\n`)),
    await writeReportFile(join(dir, "diff.md"), clean(diffMarkdown(report))),
    await writeReportFile(
      join(dir, "junit-diff.xml"),
      clean(
        toJUnitXml([
          {
            stage: "diff",
            outcome: report.breaking ? "failed" : "passed",
            summary: "",
            checks: diffChecks(report),
            durationMs: report.durationMs,
          },
        ]),
      ),
    ),
  ];
  return { reports, witnessFiles };
}
