/**
 * `reports/index.html`: the run as one self-contained page. Inline CSS and inline SVG only, no
 * script, no font or image fetched, and a Content-Security-Policy that forbids both, so the page
 * opens from disk, from a CI artifact or from a mail attachment alike. Every text a provider or a
 * pact can influence is escaped.
 */

import type { GateResult, LatencyArtifact, LatencySummary } from "../stages/artifacts.js";
import type { CheckResult, Outcome, StageResult } from "../stages/stage.js";
import { capacitySection } from "./capacity-section.js";
import { percentileChart, timeChart } from "./charts.js";
import type { CoverageMatrix } from "./coverage-matrix.js";
import { escapeHtml as h } from "./escape-html.js";
import type { RunSummary } from "./run-summary.js";

/** What the page needs beyond the summary. */
export interface RunReportExtras {
  /** Turns a report file's path into a link relative to the page; omit to list paths unlinked. */
  readonly linkTo?: (path: string) => string | undefined;
}

const LABEL: Readonly<Record<string, string>> = {
  passed: "passed",
  failed: "failed",
  "not-run": "not run",
  error: "error",
  interrupted: "interrupted",
};

const badge = (outcome: Outcome | RunSummary["outcome"]): string =>
  `<span class="badge ${h(outcome)}">${h(LABEL[outcome] ?? outcome)}</span>`;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const figureList = (figures: Readonly<Record<string, string | number>> | undefined): string =>
  Object.entries(figures ?? {})
    .map(([name, value]) => `<div class="figure"><b>${h(value)}</b><span>${h(name)}</span></div>`)
    .join("");

const pre = (text: string, cls = ""): string => `<pre${cls ? ` class="${cls}"` : ""}>${h(text)}</pre>`;

const CSS = `
:root{--ok:#1e7e34;--bad:#c0392b;--skip:#8a6d00;--line:#d8dde3;--soft:#f5f7f9;--ink:#1d2329;--muted:#5b6670}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:#fff}
main{max-width:1120px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:24px;margin:0 0 6px}h2{font-size:19px;margin:0 0 8px;display:flex;gap:10px;align-items:center}
h3{font-size:15px;margin:18px 0 6px}
section{border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:18px 0}
section.failed{border-left:5px solid var(--bad)}section.passed{border-left:5px solid var(--ok)}section.not-run{border-left:5px solid var(--skip)}
header.run{border-bottom:1px solid var(--line);padding-bottom:14px;margin-bottom:8px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-all}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;vertical-align:middle;white-space:nowrap}
.badge.passed{background:var(--ok)}.badge.failed,.badge.error{background:var(--bad)}.badge.not-run,.badge.interrupted{background:var(--skip)}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.failed td:first-child{box-shadow:inset 4px 0 var(--bad)}
.deviation{color:var(--skip);font-weight:600}.rule{margin:2px 0;font-size:13px}
pre{margin:4px 0;padding:6px 8px;background:var(--soft);border-radius:4px;white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;max-height:22em;overflow:auto}
pre.curl{background:#1d2329;color:#e8edf2}
.figures{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.figure{background:var(--soft);border-radius:6px;padding:6px 12px;min-width:92px}.figure b{display:block;font-size:17px;font-variant-numeric:tabular-nums}.figure span{color:var(--muted);font-size:12px}
.muted{color:var(--muted)}.warn{background:#fff4e5;border:1px solid #f0c36d;border-radius:6px;padding:8px 12px}
table.matrix td{text-align:center;min-width:96px}table.matrix td.gap{background:repeating-linear-gradient(45deg,#fff,#fff 6px,#f4f4f4 6px,#f4f4f4 12px)}
table.matrix td.passed{background:#e6f4ea}table.matrix td.failed{background:#fbe3e0}table.matrix td.not-run{background:#fff4e5}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#333}
a{color:#0b5cad}details summary{cursor:pointer;color:var(--muted)}
`;

/** The checks of a stage as a table: outcome, name, figures, detail and reproduction. */
function checksTable(checks: readonly CheckResult[]): string {
  if (checks.length === 0) return `<p class="muted">No checks.</p>`;
  const figureNames = [...new Set(checks.flatMap((c) => Object.keys(c.figures ?? {})))];
  // A stage whose every check passed has nothing to detail: no empty column.
  const details = checks.some((c) => c.detail || c.reproduce || c.deviations?.length);
  const head = `<tr><th>outcome</th><th>check</th>${figureNames.map((n) => `<th class="num">${h(n)}</th>`).join("")}${details ? "<th>detail</th>" : ""}</tr>`;
  const rows = checks.map((c) => {
    const detail = [
      c.stability ? `<div class="muted">${h(c.stability)}</div>` : "",
      ...(c.rules ?? []).map(
        (r) => `<div class="rule" data-rule="${h(r.id)}">rule <code>${h(r.id)}</code> (${h(r.basis)})</div>`,
      ),
      c.detail ? pre(c.detail) : "",
      c.reproduce ? `<div class="muted">reproduce:</div>${pre(c.reproduce, "curl")}` : "",
      ...(c.deviations ?? []).map(
        (d) =>
          `<div class="deviation" data-rule="${h(d.rule.id)}">≈ deviation from assumption <code>${h(d.rule.id)}</code>: ${h(d.detail)}</div>`,
      ),
    ].join("");
    const cells = figureNames.map((n) => `<td class="num">${h(c.figures?.[n] ?? "")}</td>`).join("");
    return `<tr class="${h(c.outcome)}" data-check><td>${badge(c.outcome)}</td><td>${h(c.name)}</td>${cells}${details ? `<td>${detail}</td>` : ""}</tr>`;
  });
  return `<table class="checks">${head}${rows.join("")}</table>`;
}

/** The coverage matrix: answers × layers, an empty striped cell for a gap. */
function coverageSection(matrix: CoverageMatrix): string {
  const head = `<tr><th>answer</th>${matrix.layers.map((l) => `<th>${h(l)}</th>`).join("")}</tr>`;
  const rows = matrix.answers.map((answer) => {
    const cells = matrix.layers.map((layer) => {
      const cell = matrix.cells.find((c) => c.layer === layer && c.answer === answer);
      if (!cell) return `<td class="gap" data-layer="${h(layer)}" data-answer="${h(answer)}"></td>`;
      const mark = cell.outcome === "passed" ? "✓" : cell.outcome === "failed" ? "✗" : "–";
      const deviated = cell.deviations
        ? ` <span class="deviation" data-deviations="${h(cell.deviations)}">≈ ${h(cell.deviations)}</span>`
        : "";
      const title = `${cell.count} by ${cell.stages.join(", ")}: ${LABEL[cell.outcome]}${cell.deviations ? `; ${cell.deviations} departed from an assumption (see Deviations)` : ""}`;
      return `<td class="${h(cell.outcome)}" data-layer="${h(layer)}" data-answer="${h(answer)}" title="${h(title)}">${mark} ${h(cell.count)}${deviated}</td>`;
    });
    return `<tr><th>${h(answer)}</th>${cells.join("")}</tr>`;
  });
  return `<section id="coverage" data-section="coverage"><h2>Coverage of the documented answers</h2>
<p class="muted">Each documented answer against each layer of testing: the number of interactions, inputs or requests that expected it (✓ all got it, ✗ some did not, ≈ some departed from an assumption of the spec without breaking the doc). An empty cell is a gap.</p>
<table class="matrix">${head}${rows.join("")}</table>
${matrix.uncovered.length ? `<p class="warn">Not covered by any layer: ${matrix.uncovered.map(h).join(", ")}</p>` : ""}
</section>`;
}

/** Gates of an invalid run are shown as not judged, as the stage's checks report them. */
const gateTable = (gates: readonly GateResult[], valid: boolean): string =>
  `<table class="gates"><tr><th>gate</th><th class="num">measured</th><th>verdict</th></tr>${gates
    .map(
      (g) =>
        `<tr class="${!valid ? "not-run" : g.pass ? "passed" : "failed"}"><td>${h(g.expr)}</td><td class="num">${h(g.actual)}</td><td>${badge(!valid ? "not-run" : g.pass ? "passed" : "failed")}</td></tr>`,
    )
    .join("")}</table>`;

/** A latency artifact's figures, charts, gates and baseline comparison. */
function latencyDetails(latency: LatencyArtifact): string {
  const latencyRow = (name: string, s: LatencySummary): string =>
    `<tr><th>${h(name)}</th>${[s.p50, s.p90, s.p99, s.p999, s.max, s.mean].map((v) => `<td class="num">${h(v)}</td>`).join("")}</tr>`;
  return `<div class="figures" data-figures="load">${figureList(latency.figures)}</div>
<p class="muted">${h(latency.model)}</p>
${latency.valid ? "" : `<div class="warn"><b>Invalid run: the load generator was the bottleneck</b>, so the figures describe it, not the provider; the gates are not judged.<br>${latency.invalidReasons.map(h).join("<br>")}</div>`}
<table><tr><th>ms</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th><th class="num">p99.9</th><th class="num">max</th><th class="num">mean</th></tr>
${latencyRow(latency.corrected ? "latency (corrected)" : "latency", latency.latencyMs)}${latency.corrected ? latencyRow("service time", latency.serviceTimeMs) : ""}</table>
<h3>Latency by percentile</h3>
<div class="chart" data-chart="percentiles">${latency.curves ? percentileChart(latency.curves) : `<p class="muted">No histograms were kept: no percentile chart.</p>`}</div>
<p class="muted">Red: latency${latency.corrected ? " from each request's intended send time" : ""}; grey: service time.</p>
<h3>Requests/s and latency over time</h3>
<div class="chart" data-chart="over-time">${timeChart(latency.series)}</div>
<h3>SLO gates</h3>
${latency.slo.length ? gateTable(latency.slo, latency.valid) : `<p class="muted">No SLO gate was set.</p>`}
<h3>Baseline comparison</h3>
${latency.baseline ? `<p class="muted">Against ${h(latency.baseline.file)}, at most ${h(Number((latency.baseline.maxRegression * 100).toPrecision(3)))} % worse.</p>${gateTable(latency.baseline.results, latency.valid)}` : `<p class="muted">No baseline given (--baseline reports/old-load.json).</p>`}
<h3>Status codes</h3>
<p>${
    Object.entries(latency.statusCodes)
      .map(([s, n]) => `${h(s)}: ${h(n)}`)
      .join(" · ") || "none"
  }</p>`;
}

function stageSection(result: StageResult, extras: RunReportExtras): string {
  const files = (result.reports ?? []).map((path) => {
    const href = extras.linkTo?.(path);
    return href ? `<a href="${h(href)}">${h(decodeURIComponent(href))}</a>` : h(path);
  });
  return `<section id="stage-${h(result.stage)}" class="${h(result.outcome)}" data-section="stage" data-stage="${h(result.stage)}" data-outcome="${h(result.outcome)}">
<h2>${h(result.stage)} ${badge(result.outcome)} <span class="muted" style="font-weight:400;font-size:13px">${seconds(result.durationMs)}</span></h2>
<p>${h(result.summary)}</p>
${result.artifacts?.latency ? latencyDetails(result.artifacts.latency) : `<div class="figures">${figureList(result.figures)}</div>`}
${result.artifacts?.capacity ? capacitySection(result.artifacts.capacity) : ""}
<h3>Checks</h3>
${checksTable(result.checks)}
${files.length ? `<p class="muted">Reports: ${files.join(" · ")}</p>` : ""}
</section>`;
}

/** The departures from the spec's assumptions that the policy did not fail, one per rule and check. */
function deviationsSection(summary: RunSummary): string {
  if (summary.deviations.length === 0) return "";
  const items = summary.deviations.map(
    (d) =>
      `<li data-rule="${h(d.rule.id)}"><b><a href="#stage-${h(d.stage)}">${h(d.stage)}</a></b> › ${h(d.check)}: <code>${h(d.rule.id)}</code>${d.count && d.count > 1 ? ` (${h(d.count)} times)` : ""}<br>${h(d.detail)}<br><span class="muted">Assumed: ${h(d.rule.text)}</span>${d.reproduce ? pre(d.reproduce, "curl") : ""}</li>`,
  );
  return `<section id="deviations" class="not-run" data-section="deviations"><h2>Deviations from assumptions</h2>
<p class="muted">Where the API doc is silent, the spec assumed an answer; the provider chose another. ${summary.rules.policy === "doc" ? "Under --rules doc these do not fail the run; --rules spec (or --rule ID=fail) makes them fail." : "They are listed for the overrides that made them warnings."}</p>
<ol>${items.join("")}</ol></section>`;
}

/** Failures first: every failed check of the run, with its detail and reproduction. */
function failuresSection(summary: RunSummary): string {
  const failed = summary.stages.flatMap((r) =>
    r.checks.filter((c) => c.outcome === "failed").map((c) => ({ stage: r.stage, check: c })),
  );
  if (failed.length === 0 && !summary.error) return "";
  const items = failed.map(
    ({ stage, check }) =>
      `<li><b><a href="#stage-${h(stage)}">${h(stage)}</a></b> › ${h(check.name)}${check.stability ? ` <span class="muted">(${h(check.stability)})</span>` : ""}${(
        check.rules ?? []
      )
        .map(
          (r) =>
            `<div class="rule" data-rule="${h(r.id)}" data-basis="${h(r.basis)}">rule <code>${h(r.id)}</code> (${h(r.basis)}): ${h(r.text)}</div>`,
        )
        .join(
          "",
        )}${check.detail ? pre(check.detail) : ""}${check.reproduce ? pre(check.reproduce, "curl") : ""}</li>`,
  );
  return `<section id="failures" class="failed" data-section="failures"><h2>Failures ${badge("failed")}</h2>
${summary.error ? `<p><b>The run stopped:</b> ${h(summary.error)}</p>` : ""}
<ol>${items.join("")}</ol></section>`;
}

/**
 * Renders the run report page.
 *
 * @example
 * const html = renderRunReport(summary, { linkTo: (p) => relative(reportsDir, p) });
 */
export function renderRunReport(summary: RunSummary, extras: RunReportExtras = {}): string {
  const target = summary.target.embedded
    ? `embedded reference provider (${summary.target.baseUrl})`
    : summary.target.baseUrl;
  const durationMs = Date.parse(summary.finishedAt) - Date.parse(summary.startedAt);
  const ordered = [
    ...summary.stages.filter((r) => r.outcome === "failed"),
    ...summary.stages.filter((r) => r.outcome !== "failed"),
  ];
  const checks = summary.stages.flatMap((r) => r.checks);
  const tally = (o: Outcome): number => checks.filter((c) => c.outcome === o).length;
  const totals = figureList({
    "checks passed": tally("passed"),
    "checks failed": tally("failed"),
    "not run": tally("not-run"),
    deviations: summary.deviations.length,
    stages: summary.stages.length,
  });
  const stageRows = summary.stages
    .map(
      (r) =>
        `<tr class="${h(r.outcome)}"><td><a href="#stage-${h(r.stage)}">${h(r.stage)}</a></td><td>${badge(r.outcome)}</td><td>${h(r.summary)}</td><td class="num">${seconds(r.durationMs)}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>bleepay-qa: ${h(LABEL[summary.outcome] ?? summary.outcome)} — ${h(target)}</title>
<style>${CSS}</style></head>
<body><main>
<header class="run" data-section="header">
<h1>bleepay-qa run ${badge(summary.outcome)}</h1>
<div class="muted">Open Session (POST /api/v1/vouchers/sessions/session-open): contract, fuzz and load</div>
<dl class="meta">
<dt>target</dt><dd data-field="target">${h(target)}</dd>
<dt>started</dt><dd>${h(summary.startedAt)}</dd>
<dt>duration</dt><dd>${Number.isFinite(durationMs) ? seconds(durationMs) : ""}</dd>
<dt>versions</dt><dd data-field="versions">${Object.entries(summary.versions)
    .map(([name, v]) => `${h(name)} ${h(v)}`)
    .join(" · ")}</dd>
<dt>judged by</dt><dd data-field="rules" data-policy="${h(summary.rules.policy)}">${h(summary.rules.description)}</dd>
${summary.skipped?.length ? `<dt>skipped</dt><dd>${summary.skipped.map(h).join(", ")}</dd>` : ""}
</dl>
<div class="figures" data-figures="run">${totals}</div></header>
${failuresSection(summary)}
${deviationsSection(summary)}
<section id="stages" data-section="stages"><h2>Stages</h2>
<table><tr><th>stage</th><th>outcome</th><th>summary</th><th class="num">time</th></tr>${stageRows}</table></section>
${coverageSection(summary.coverage)}
${ordered.map((r) => stageSection(r, extras)).join("\n")}
<p class="muted">Machine-readable: summary.json (${h(summary.schema)}), junit.xml; for a CI job summary: summary.md.</p>
</main></body></html>
`;
}
