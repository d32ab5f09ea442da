/** A capacity search on a page: the answer, latency against offered rate, and every step. */
import type { CapacityArtifact } from "../stages/artifacts.js";
import { rateChart } from "./charts.js";
import { escapeHtml as h } from "./escape-html.js";

const pct = (rate: number): string => `${Number((rate * 100).toPrecision(3))} %`;

/** The capacity section of a page (capacity.html and the run report). */
export function capacitySection(a: CapacityArtifact): string {
  return `<p><b>${h(a.capacityRps)} req/s${a.resolutionRps ? ` ± ${h(a.resolutionRps)}` : ""}</b> within ${a.slo.map(h).join(", ")}: ${h(a.stoppedBecause)}.</p>
<div class="chart" data-chart="capacity">${rateChart(a.steps, a.capacityRps)}</div>
<table><tr><th>step</th><th class="num">rate (req/s)</th><th class="num">p50 ms</th><th class="num">p99 ms</th><th class="num">errors</th><th>verdict</th></tr>${a.steps
    .map(
      (s, i) =>
        `<tr><td>${i + 1}</td><td class="num">${h(s.rateRps)}</td><td class="num">${h(s.p50Ms)}</td><td class="num">${h(s.p99Ms)}</td><td class="num">${h(pct(s.errorRate))}</td><td>${!s.valid ? "invalid" : s.held ? "held" : "broke"}</td></tr>`,
    )
    .join("")}</table>`;
}
