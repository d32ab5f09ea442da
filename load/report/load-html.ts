/**
 * `reports/load.html`: one self-contained page (inline SVG, no script, no network) with the
 * latency-by-percentile chart and the requests/s and latency over time chart.
 */
import type { LoadReport } from "./load-report.js";

/** Percentile points of both curves, from the report's figures plus the histograms' own. */
export interface PercentileCurves {
  readonly corrected: ReadonlyArray<readonly [number, number]>;
  readonly service: ReadonlyArray<readonly [number, number]>;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const W = 720;
const H = 300;
const PAD = { left: 60, right: 60, top: 20, bottom: 40 };

const niceMax = (v: number): number => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
};

/**
 * The HDR-style percentile chart (inline SVG): x is 1/(1 − p) on a log scale, so the tail gets the
 * room. Also drawn by the run report (`src/report/`).
 */
export function percentileChart(curves: PercentileCurves): string {
  const toX = (p: number): number => Math.log10(1 / Math.max(1 - p / 100, 1e-5));
  const maxX = 5;
  const maxY = niceMax(
    Math.max(1e-3, ...curves.corrected.map(([, v]) => v), ...curves.service.map(([, v]) => v)),
  );
  const x = (p: number): number => PAD.left + (toX(p) / maxX) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - (v / maxY) * (H - PAD.top - PAD.bottom);
  const line = (points: ReadonlyArray<readonly [number, number]>, color: string, name: string): string =>
    points.length
      ? `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([p, v]) => `${x(p).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}"><title>${name}</title></polyline>`
      : "";
  const ticks = [0, 90, 99, 99.9, 99.99, 99.999]
    .map((p) => `<text x="${x(p)}" y="${H - PAD.bottom + 16}" text-anchor="middle">p${p}</text>`)
    .join("");
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) =>
        `<text x="${PAD.left - 6}" y="${y(f * maxY) + 4}" text-anchor="end">${Number((f * maxY).toPrecision(3))}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(f * maxY)}" y2="${y(f * maxY)}" stroke="#ddd"/>`,
    )
    .join("");
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Latency by percentile">
${yTicks}${ticks}
<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">ms</text>
${line(curves.service, "#999", "service time")}${line(curves.corrected, "#c0392b", "latency")}
</svg>`;
}

/**
 * Requests/s as bars, p50 and p99 per second as lines on the right axis (inline SVG). Also drawn by
 * the run report (`src/report/`).
 */
export function timeChart(report: LoadReport): string {
  const series = report.rps.series;
  if (series.length === 0) return "<p>No measured seconds.</p>";
  const maxRps = niceMax(Math.max(...series.map((s) => s.rps)));
  const maxMs = niceMax(Math.max(1e-3, ...series.map((s) => s.p99Ms)));
  const n = series.length;
  const bw = (W - PAD.left - PAD.right) / n;
  const x = (i: number): number => PAD.left + i * bw;
  const yR = (v: number): number => H - PAD.bottom - (v / maxRps) * (H - PAD.top - PAD.bottom);
  const yM = (v: number): number => H - PAD.bottom - (v / maxMs) * (H - PAD.top - PAD.bottom);
  const bars = series
    .map(
      (s, i) =>
        `<rect x="${x(i) + 1}" y="${yR(s.rps)}" width="${Math.max(1, bw - 2)}" height="${H - PAD.bottom - yR(s.rps)}" fill="${s.failures ? "#e67e22" : "#5dade2"}"><title>${s.second}s: ${s.rps} req/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ${s.failures} failures</title></rect>`,
    )
    .join("");
  const line = (pick: (s: (typeof series)[number]) => number, color: string): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${series.map((s, i) => `${(x(i) + bw / 2).toFixed(1)},${yM(pick(s)).toFixed(1)}`).join(" ")}"/>`;
  const axis = [0, 0.5, 1]
    .map(
      (f) =>
        `<text x="${PAD.left - 6}" y="${yR(f * maxRps) + 4}" text-anchor="end">${Math.round(f * maxRps)}</text><text x="${W - PAD.right + 6}" y="${yM(f * maxMs) + 4}">${Number((f * maxMs).toPrecision(3))}</text>`,
    )
    .join("");
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Requests per second and latency over time">
${axis}${bars}${line((s) => s.p50Ms, "#27ae60")}${line((s) => s.p99Ms, "#c0392b")}
<text x="${W / 2}" y="${H - 8}" text-anchor="middle">seconds (bars: req/s, left; lines: p50 green, p99 red, ms, right)</text>
</svg>`;
}

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
${timeChart(report)}
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
