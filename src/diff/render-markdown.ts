/**
 * `diff.md`: the diff as a pull-request comment. The two verdicts side by side first (by the spec,
 * for any client; and for the known consumers), then the findings with their witnesses folded,
 * then each consumer's broken interactions.
 */
import { countFindings, type DiffReport, describeImpact } from "./diff-report.js";
import { witnessText, witnessVerdicts } from "./render-witness.js";

const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (text: string): string => `\`${text.replaceAll("`", "'")}\``;
const fence = (text: string, lang: string): string => {
  const ticks = text.includes("```") ? "````" : "```";
  return `${ticks}${lang}\n${text}\n${ticks}`;
};

/** Renders a report as Markdown, ready to paste as a pull-request comment. */
export function diffMarkdown(report: DiffReport): string {
  const counts = countFindings(report);
  const broken = report.consumerImpact.reduce((n, i) => n + i.broken.length, 0);
  const out: string[] = [
    `## bleepay-qa diff: ${report.breaking ? "**breaking**" : "not breaking"}`,
    "",
    `${code(report.base.file)}${report.base.version ? ` (${report.base.version})` : ""} → ${code(report.head.file)}${report.head.version ? ` (${report.head.version})` : ""}, Open Session ${code(report.head.operation)}`,
    "",
    "| | By the spec (any client) | Known consumers (pacts) |",
    "| --- | --- | --- |",
    `| Verdict | **${report.verdict.spec}** | **${report.verdict.consumers}** |`,
    `| Detail | ${counts.breaking} breaking, ${counts["non-breaking"]} non-breaking, ${counts.info} info | ${
      report.consumerImpact.length
        ? cell(report.consumerImpact.map(describeImpact).join("; "))
        : cell(report.consumerNote ?? "no pact checked")
    } |`,
    "",
  ];
  if (report.findings.length === 0) out.push("No change to what Open Session accepts or answers.", "");
  else {
    out.push(
      "### Findings",
      "",
      "| # | Severity | Where | What changed, for whom |",
      "| --- | --- | --- | --- |",
    );
    for (const [i, f] of report.findings.entries()) {
      out.push(
        `| ${i + 1} | ${f.severity === "breaking" ? "**breaking**" : f.severity} | ${code(`${f.spec}#${f.pointer}`)} | ${cell(f.message)} |`,
      );
    }
    out.push("");
    for (const [i, f] of report.findings.entries()) {
      if (!f.witness) continue;
      out.push(
        `<details><summary>Witness of #${i + 1} (${f.witness.kind}): ${cell(witnessVerdicts(f.witness)).replaceAll("<", "&lt;")}</summary>`,
        "",
        fence(witnessText(f.witness), f.witness.kind === "request" ? "sh" : "http"),
        "",
        "</details>",
        "",
      );
    }
  }
  out.push("### Consumer impact", "");
  if (report.consumerImpact.length === 0) out.push(report.consumerNote ?? "No pact checked.", "");
  for (const impact of report.consumerImpact) {
    out.push(`**${impact.consumer}** (${code(impact.source)}): ${describeImpact(impact)}`, "");
    const rows = [
      ...impact.broken.map((b) => ({ ...b, state: "broken by the change" })),
      ...impact.alreadyFailing.map((b) => ({ ...b, state: "already failing" })),
    ];
    if (rows.length) {
      out.push("| Interaction | State | Field | Why the spec refuses it |", "| --- | --- | --- | --- |");
      for (const r of rows)
        out.push(
          `| ${cell(r.description)} | ${r.state} | ${r.field ? code(r.field) : ""} | ${cell(r.reason)} |`,
        );
      out.push("");
    }
  }
  if (report.consumerImpact.length && report.consumerNote) out.push(`Note: ${report.consumerNote}`, "");
  if (broken === 0 && counts.breaking > 0 && report.consumerImpact.length) {
    out.push(
      "The change breaks clients the spec allows, though none of the known consumers' interactions.",
      "",
    );
  }
  if (broken > 0 && counts.breaking === 0) {
    out.push("No finding is breaking by the spec alone, but known consumers rely on what changed.", "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
