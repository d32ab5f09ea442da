/**
 * `reports/load.html`: one self-contained page (inline SVG, no script, no network) with the
 * latency-by-percentile chart and the requests/s and latency over time chart.
 */

import { percentileChart, timeChart } from "../../src/report/charts.js";
import { escapeHtml } from "../../src/report/escape-html.js";
import type { PercentileCurves } from "../../src/stages/artifacts.js";
import type { LoadReport } from "./load-report.js";

/** Renders the report as a self-contained HTML page. */
export function toLoadHtml(report: LoadReport, curves: PercentileCurves): string {
  const row = (name: string, s: LoadReport["latencyMs"]): string =>
    `<tr><th>${name}</th><td>${s.p50}</td><td>${s.p90}</td><td>${s.p99}</td><td>${s.p999}</td><td>${s.max}</td><td>${s.mean}</td></tr>`;
  const gates = [...report.slo, ...(report.baseline?.results ?? [])];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bleepay-qa load report</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:780px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}svg{font:11px sans-serif;display:block;margin:1em 0}.bad{color:#c0392b}.good{color:#27ae60}</style>
</head><body>
<h1>bleepay-qa load: ${escapeHtml(report.scenario.name)}</h1>
<p>${escapeHtml(report.target)} · ${report.model.type} model${report.model.rate ? ` at ${report.model.rate} req/s` : ""} · ${report.model.connections} connections · ${report.durationS} s after ${report.warmupS} s warmup · started ${escapeHtml(report.startedAt)}</p>
${report.valid ? "" : `<p class="bad"><strong>Invalid run: the generator was the bottleneck.</strong><br>${report.invalidReasons.map(escapeHtml).join("<br>")}</p>`}
<p><strong>${report.rps.mean} req/s</strong> · ${report.requests.total} requests · ${report.requests.unexpected} unexpected · ${report.requests.errors} errors · ${report.requests.timeouts} timeouts · error rate ${Number((report.errorRate * 100).toPrecision(3))} %</p>
<table><tr><th>ms</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>mean</th></tr>
${row(report.model.type === "open" ? "latency (corrected)" : "latency", report.latencyMs)}${report.model.type === "open" ? row("service time", report.serviceTimeMs) : ""}</table>
<h2>Latency by percentile</h2>
<p>Red: latency${report.model.type === "open" ? " from the intended send time" : ""}; grey: service time from the actual send.</p>
${percentileChart(curves)}
<h2>Requests/s and latency over time</h2>
${timeChart(report.rps.series)}
${gates.length ? `<h2>Gates</h2><table><tr><th>gate</th><th>actual</th><th>verdict</th></tr>${gates.map((g) => `<tr><td>${escapeHtml(g.expr)}</td><td>${escapeHtml(g.actual)}</td><td class="${g.pass ? "good" : "bad"}">${!report.valid ? "not judged (invalid run)" : g.pass ? "pass" : "FAIL"}</td></tr>`).join("")}</table>` : ""}
<h2>Status codes</h2><p>${
    Object.entries(report.statusCodes)
      .map(([s, n]) => `${s}: ${n}`)
      .join(" · ") || "none"
  }</p>
${report.contract.violations.length ? `<h2>Contract violations (sample)</h2><ul>${report.contract.violations.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>` : ""}
</body></html>
`;
}
