/**
 * `reports/summary.md`: the run in GitHub-flavoured Markdown, short enough for a CI job summary
 * (`cat reports/summary.md >> "$GITHUB_STEP_SUMMARY"`): failures first, the stages, the coverage.
 */
import type { RunSummary } from "./run-summary.js";

const ICON = { passed: "✅ passed", failed: "❌ failed", "not-run": "⏭ not run" } as const;

// Provider answers and names are hostile: markup is shown as text, not rendered by the CI's page.
const inert = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// Table cells: a pipe would end the cell and a newline the row.
const cell = (text: string | number): string =>
  inert(String(text)).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const oneLine = (text: string): string => inert(text).replace(/\r?\n/g, " ");

/** A fenced code block whose fence is longer than any backtick run inside, so nothing escapes it. */
function codeBlock(text: string, indent: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}sh`, ...text.split("\n").map((line) => `${indent}${line}`), `${indent}${fence}`];
}

/** Renders the summary as Markdown. */
export function toRunMarkdown(summary: RunSummary): string {
  const target = summary.target.embedded ? "embedded reference provider" : summary.target.baseUrl;
  const failures = summary.stages.flatMap((r) =>
    r.checks
      .filter((c) => c.outcome === "failed")
      .flatMap((c) => [
        `- **${oneLine(r.stage)}**: ${oneLine(c.name)}${c.detail ? ` — ${oneLine(c.detail.split("\n")[0] ?? "")}` : ""}${c.rules?.[0] ? ` (rule \`${c.rules[0].id}\`, ${c.rules[0].basis})` : ""}${c.stability ? `, ${c.stability}` : ""}`,
        ...(c.reproduce ? codeBlock(c.reproduce, "  ") : []),
      ]),
  );
  const rows = summary.stages.map((r) => {
    const figures = Object.entries(r.figures ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    return `| ${cell(r.stage)} | ${ICON[r.outcome]} | ${cell(r.summary)} | ${cell(figures)} | ${(r.durationMs / 1000).toFixed(1)} s |`;
  });
  const { coverage } = summary;
  const matrix = coverage.answers.map((answer) => {
    const cells = coverage.layers.map((layer) => {
      const c = coverage.cells.find((x) => x.layer === layer && x.answer === answer);
      return c
        ? `${c.outcome === "passed" ? "✓" : c.outcome === "failed" ? "✗" : "–"} ${c.count}${c.deviations ? ` ≈${c.deviations}` : ""}`
        : " ";
    });
    return `| ${cell(answer)} | ${cells.join(" | ")} |`;
  });
  return [
    `# bleepay-qa: ${summary.outcome}`,
    "",
    `Target: ${oneLine(target)}`,
    "",
    `Judged by ${oneLine(summary.rules.description)}.`,
    "",
    ...(summary.error ? [`**The run stopped:** ${oneLine(summary.error)}`, ""] : []),
    ...(failures.length ? ["## Failures", "", ...failures, ""] : []),
    ...(summary.deviations.length
      ? [
          "## Deviations from assumptions",
          "",
          ...summary.deviations.map(
            (d) =>
              `- **${oneLine(d.stage)}**: ${oneLine(d.check)} — \`${d.rule.id}\`${d.count && d.count > 1 ? ` (${d.count} times)` : ""}: ${oneLine(d.detail)}. Assumed: ${oneLine(d.rule.text)}`,
          ),
          "",
        ]
      : []),
    "| stage | outcome | summary | figures | time |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "## Coverage of the documented answers",
    "",
    `| answer | ${coverage.layers.map(cell).join(" | ")} |`,
    `| --- | ${coverage.layers.map(() => "---").join(" | ")} |`,
    ...matrix,
    "",
    "Full report: `reports/index.html` (charts, every check, counterexamples and curl commands).",
    "",
  ].join("\n");
}
