import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { runLoad } from "../load/engine/run-load.js";
import { type ComparedRun, compareRuns } from "../load/report/baseline-comparison.js";
import { buildLoadReport, sloFigures } from "../load/report/load-report.js";
import { parseRegression } from "../load/report/slo.js";
import { OPEN_SESSION_PATH } from "../src/rules/index.js";
import { startMinimalServer } from "./start-minimal-server.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "40" },
    rate: { type: "string", default: "500" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    "delay-ms": { type: "string", default: "2" },
    "max-regression": { type: "string", default: "10%" },
  },
});
const rounds = Number(values.rounds);
const rate = Number(values.rate);
const maxRegression = parseRegression(values["max-regression"] ?? "10%");
if (typeof maxRegression === "string") throw new Error(`--max-regression ${maxRegression}`);

/** One open-model run against `url`, as `bleepay-qa load --rate` makes it (one generator thread). */
async function measure(url: string): Promise<ComparedRun & { valid: boolean }> {
  const outcome = await runLoad(
    {
      url: `${url}${OPEN_SESSION_PATH}`,
      token: "t",
      scenario: "open-session",
      weights: { valid: 100, malformed: 0, "bad-token": 0 },
      codes: ["A1B2C3"],
      model: "open",
      rate,
      connections: 50,
      pipelining: 1,
      durationMs: Number(values.duration) * 1000,
      warmupMs: Number(values.warmup) * 1000,
      timeoutMs: 10_000,
      validateSample: 0,
    },
    { workers: 1 },
  );
  const report = buildLoadReport({
    run: outcome.run,
    selfChecks: outcome.selfChecks,
    target: url,
    scenario: { name: "open-session", weights: { valid: 100, malformed: 0, "bad-token": 0 } },
    model: { type: "open", rate, connections: 50, workers: 1 },
    timeoutMs: 10_000,
    validateSample: 0,
  });
  return { figures: sloFigures(report), series: report.rps.series, openModel: true, valid: report.valid };
}

const alarm = (current: ComparedRun, base: ComparedRun): string[] =>
  compareRuns(current, base, maxRegression as number)
    .filter((r) => ["p50", "p90", "p99"].includes(r.metric) && r.verdict === "regression")
    .map((r) => r.metric);

const a = await startMinimalServer(0);
const b = await startMinimalServer(Number(values["delay-ms"]));
console.log(
  `${rounds} rounds at ${rate} req/s, ${values.warmup} s warmup + ${values.duration} s a run; B adds ${values["delay-ms"]} ms; a regression when the 95 % CI of p50/p90/p99's change lies above +${Math.round((maxRegression as number) * 100)} %; load average at start ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
let falseAlarms = 0;
let detected = 0;
let judged = 0;
try {
  for (let i = 1; i <= rounds; i++) {
    const base = await measure(a.url);
    const same = await measure(a.url);
    const slower = await measure(b.url);
    if (!base.valid || !same.valid || !slower.valid) {
      console.log(`  round ${i}: a run was invalid (the generator fell behind): not counted`);
      continue;
    }
    judged++;
    const aa = alarm(same, base);
    const ab = alarm(slower, base);
    if (aa.length) falseAlarms++;
    if (ab.length) detected++;
    console.log(
      `  round ${i}: A/A ${aa.length ? `ALARM (${aa.join(", ")})` : "quiet"}; A/B ${ab.length ? `flagged (${ab.join(", ")})` : "MISSED"}; p99 ${base.figures.latencyMs.p99} / ${same.figures.latencyMs.p99} / ${slower.figures.latencyMs.p99} ms; load ${loadavg()[0]?.toFixed(2)}`,
    );
  }
} finally {
  a.child.kill("SIGTERM");
  b.child.kill("SIGTERM");
}
const rateOf = (n: number): string =>
  `${n} of ${judged} (${judged ? ((100 * n) / judged).toFixed(1) : "–"} %)`;
console.log(`A/A false alarms: ${rateOf(falseAlarms)}   (target: at most 5 %)`);
console.log(`A/B detected:     ${rateOf(detected)}   (target: at least 95 %)`);
