/** The capacity search's reports: capacity.json, capacity.md and capacity.html. */
import { join } from "node:path";
import { capacitySection } from "../../src/report/capacity-section.js";
import { writeReportFile } from "../../src/report/report-files.js";
import type { CapacityArtifact } from "../../src/stages/artifacts.js";
import type { CapacityResult } from "./capacity-search.js";

/** The search's result as reports show it. */
export function capacityArtifact(result: CapacityResult, slo: readonly string[]): CapacityArtifact {
  return {
    schema: "bleepay-qa/capacity@1",
    capacityRps: result.capacityRps,
    resolutionRps: result.resolutionRps,
    slo,
    valid: result.valid,
    stoppedBecause: result.stoppedBecause,
    steps: result.steps.map(({ rateRps, p50Ms, p99Ms, errorRate, held, valid }) => ({
      rateRps,
      p50Ms,
      p99Ms,
      errorRate,
      held,
      valid,
    })),
  };
}

const pct = (rate: number): string => `${Number((rate * 100).toPrecision(3))} %`;

/** capacity.md: the answer, then every step. */
export function toCapacityMarkdown(a: CapacityArtifact): string {
  return [
    `# Capacity: ${a.capacityRps} req/s${a.resolutionRps ? ` ± ${a.resolutionRps}` : ""}${a.valid ? "" : " (search stopped on an invalid step)"}`,
    "",
    `The highest rate at which every SLO held (${a.slo.join(", ")}); ${a.stoppedBecause}.`,
    "",
    "| step | rate (req/s) | p50 ms | p99 ms | errors | verdict |",
    "| --- | --- | --- | --- | --- | --- |",
    ...a.steps.map(
      (s, i) =>
        `| ${i + 1} | ${s.rateRps} | ${s.p50Ms} | ${s.p99Ms} | ${pct(s.errorRate)} | ${!s.valid ? "invalid: the generator fell behind" : s.held ? "held" : "broke"} |`,
    ),
    "",
  ].join("\n");
}

/** Writes capacity.json, capacity.md and capacity.html; returns their paths. */
export async function writeCapacityReports(reportsDir: string, a: CapacityArtifact): Promise<string[]> {
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bleepay-qa capacity</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:780px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}td.num,th.num{text-align:right}svg{font:11px sans-serif;display:block;margin:1em 0}</style>
</head><body>
<h1>bleepay-qa capacity</h1>
${capacitySection(a)}
</body></html>
`;
  return [
    await writeReportFile(join(reportsDir, "capacity.json"), `${JSON.stringify(a, null, 2)}\n`),
    await writeReportFile(join(reportsDir, "capacity.md"), toCapacityMarkdown(a)),
    await writeReportFile(join(reportsDir, "capacity.html"), page),
  ];
}
