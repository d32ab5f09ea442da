/**
 * The latency charts, as inline SVG (no script, no font, no network): drawn by the run report and
 * by load.html alike, from a stage's typed latency artifact.
 */
import type { PercentileCurve, PercentileCurves, SeriesPoint } from "../stages/artifacts.js";

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
 * room.
 */
export function percentileChart(curves: PercentileCurves): string {
  const toX = (p: number): number => Math.log10(1 / Math.max(1 - p / 100, 1e-5));
  const maxX = 5;
  const maxY = niceMax(
    Math.max(1e-3, ...curves.corrected.map(([, v]) => v), ...curves.service.map(([, v]) => v)),
  );
  const x = (p: number): number => PAD.left + (toX(p) / maxX) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - (v / maxY) * (H - PAD.top - PAD.bottom);
  const line = (points: PercentileCurve, color: string, name: string): string =>
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

/** Requests/s as bars, p50 and p99 per second as lines on the right axis (inline SVG). */
export function timeChart(series: readonly SeriesPoint[]): string {
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
  const line = (pick: (s: SeriesPoint) => number, color: string): string =>
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

/**
 * Latency against offered rate (inline SVG): p50 and p99 of each step of a capacity search, a
 * broken step's point hollow, and the knee (the capacity found) marked by a vertical line.
 */
export function rateChart(
  steps: readonly { rateRps: number; p50Ms: number; p99Ms: number; held: boolean; valid: boolean }[],
  kneeRps: number,
): string {
  const points = [...steps].filter((s) => s.valid).sort((a, b) => a.rateRps - b.rateRps);
  if (points.length === 0) return "<p>No valid step.</p>";
  const maxRate = niceMax(Math.max(...points.map((s) => s.rateRps), kneeRps));
  const maxMs = niceMax(Math.max(1e-3, ...points.map((s) => s.p99Ms)));
  const x = (rate: number): number => PAD.left + (rate / maxRate) * (W - PAD.left - PAD.right);
  const y = (ms: number): number =>
    H - PAD.bottom - (Math.min(ms, maxMs) / maxMs) * (H - PAD.top - PAD.bottom);
  const line = (pick: (s: (typeof points)[number]) => number, color: string, name: string): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((s) => `${x(s.rateRps).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(" ")}"><title>${name}</title></polyline>${points
      .map(
        (s) =>
          `<circle cx="${x(s.rateRps).toFixed(1)}" cy="${y(pick(s)).toFixed(1)}" r="3.5" fill="${s.held ? color : "#fff"}" stroke="${color}"><title>${s.rateRps} req/s: ${name} ${pick(s)} ms${s.held ? "" : " (an SLO broke)"}</title></circle>`,
      )
      .join("")}`;
  const axis = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) =>
        `<text x="${PAD.left - 6}" y="${y(f * maxMs) + 4}" text-anchor="end">${Number((f * maxMs).toPrecision(3))}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(f * maxMs)}" y2="${y(f * maxMs)}" stroke="#ddd"/><text x="${x(f * maxRate)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${Math.round(f * maxRate)}</text>`,
    )
    .join("");
  const knee =
    kneeRps > 0
      ? `<line x1="${x(kneeRps)}" x2="${x(kneeRps)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#1e7e34" stroke-dasharray="5,4" data-knee="${kneeRps}"/><text x="${x(kneeRps) + 4}" y="${PAD.top + 12}" fill="#1e7e34">capacity ${kneeRps} req/s</text>`
      : "";
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Latency against offered rate">
${axis}${knee}${line((s) => s.p50Ms, "#27ae60", "p50")}${line((s) => s.p99Ms, "#c0392b", "p99")}
<text x="${W / 2}" y="${H - 8}" text-anchor="middle">offered rate, req/s (p50 green, p99 red, ms; hollow: an SLO broke)</text>
</svg>`;
}
