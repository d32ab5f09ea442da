/** `reports/load.md`: the load report as a short Markdown summary, fit for a CI job summary. */
import type { LatencySummary } from "../engine/histogram.js";
import { gatesPassed, type LoadReport } from "./load-report.js";

const row = (name: string, s: LatencySummary): string =>
  `| ${name} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.p999} | ${s.max} | ${s.mean} |`;

/** Renders the report as Markdown. */
export function toLoadMarkdown(report: LoadReport): string {
  const passed = gatesPassed(report);
  const verdict = !report.valid ? "⚠️ invalid run" : passed ? "✅ passed" : "❌ failed";
  const model =
    report.model.type === "open"
      ? `open model, ${report.model.rate} req/s scheduled, up to ${report.model.connections} connections`
      : `closed model, ${report.model.connections} connections × ${report.model.pipelining ?? 1}`;
  const r = report.requests;
  const gates = [...report.slo, ...(report.baseline?.results ?? [])];
  return [
    `# bleepay-qa load: ${verdict}`,
    "",
    `Scenario **${report.scenario.name}** against ${report.target}: ${model}, ${report.durationS} s measured after ${report.warmupS} s warmup, ${report.model.workers || 1} generator thread(s).`,
    "",
    ...(report.valid
      ? []
      : [
          "**The generator was the bottleneck; these figures describe it, not the provider:**",
          "",
          ...report.invalidReasons.map((p) => `- ${p}`),
          "",
        ]),
    `**${report.rps.mean} req/s**, ${r.total} requests: ${r.expected} expected, ${r.unexpected} unexpected, ${r.errors} errors, ${r.timeouts} timeouts (error rate ${Number((report.errorRate * 100).toPrecision(3))} %).` +
      (r.scheduled !== undefined ? ` ${r.sent} of ${r.scheduled} scheduled requests sent.` : ""),
    "",
    "| latency (ms) | p50 | p90 | p99 | p99.9 | max | mean |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    row(report.model.type === "open" ? "corrected (from intended send)" : "latency", report.latencyMs),
    ...(report.model.type === "open" ? [row("service time (from actual send)", report.serviceTimeMs)] : []),
    "",
    `Status codes: ${
      Object.entries(report.statusCodes)
        .map(([s, n]) => `${s} × ${n}`)
        .join(", ") || "none"
    }. Contract: ${report.contract.sampled} answers checked against the spec, ${report.contract.violations.length} violations.`,
    ...report.contract.violations.map((v) => `- ${v}`),
    "",
    ...(gates.length
      ? [
          "| gate | actual | verdict |",
          "| --- | --- | --- |",
          ...gates.map(
            (g) =>
              `| \`${g.expr}\` | ${g.actual} | ${!report.valid ? "⏭ not judged (invalid run)" : g.pass ? "✅" : "❌"} |`,
          ),
          "",
        ]
      : []),
  ].join("\n");
}
