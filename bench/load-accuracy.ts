/**
 * What plain autocannon prints next to what `bleepay-qa load` reports, for the cases of the
 * accuracy proofs (load/engine/accuracy.test.ts), against servers with known latency (each in its own
 * worker thread, see load/engine/test-support/paced-server.ts):
 *   1. a server that freezes 1 s every 5 s, at 1,000 req/s (open model): truth p50 ≈ base,
 *      p90 = 1000 − 0.10 × 5000 = 500 ms, p99 = 1000 − 0.01 × 5000 = 950 ms;
 *   2. a steady 20 ms server at 100 req/s: truth p50 = 20 ms;
 *   3. a server that answers at once, 1 connection, closed model: truth p50 well under 1 ms.
 * Plain autocannon runs with `overallRate` (its -R) for the open cases, as users run it.
 *
 * Run by hand: node --import tsx bench/load-accuracy.ts [--duration 10]
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { summarize } from "../load/engine/histogram.js";
import type { LoadPlan } from "../load/engine/load-plan.js";
import { runHistograms } from "../load/engine/merge-runs.js";
import { runInThisThread } from "../load/engine/run-in-thread.js";
import { startPacedServer } from "../load/engine/test-support/paced-server.js";
import { invalidReasons } from "../load/engine/verdict.js";
import { OPEN_SESSION_PATH } from "../src/rules/index.js";

const { values } = parseArgs({ options: { duration: { type: "string", default: "10" } } });
const durationS = Number(values.duration);

const cases = [
  {
    name: "freeze 1 s every 5 s, 1000 req/s",
    server: { freezeMs: 1000, periodMs: 5000 },
    rate: 1000,
    connections: 100,
    truth: "p50 ≈ 1 ms, p90 500 ms, p99 950 ms",
  },
  {
    name: "steady 20 ms, 100 req/s",
    server: { delayMs: 20 },
    rate: 100,
    connections: 10,
    truth: "p50 20 ms",
  },
  { name: "answers at once, closed, 1 connection", server: {}, rate: 0, connections: 1, truth: "p50 < 1 ms" },
] as const;

for (const c of cases) {
  const server = await startPacedServer(c.server);
  const url = `${server.url}${OPEN_SESSION_PATH}`;
  const plain = await autocannon({
    url,
    method: "POST",
    body: '{"code":"A1B2C3","type":"SESSION_DEFAULT"}',
    headers: { "content-type": "application/json" },
    connections: c.connections,
    duration: durationS,
    ...(c.rate ? { overallRate: c.rate } : {}),
  });
  const plan: LoadPlan = {
    url,
    token: "t",
    scenario: "open-session",
    weights: { valid: 100, malformed: 0, "bad-token": 0 },
    codes: ["A1B2C3"],
    model: c.rate ? "open" : "closed",
    rate: c.rate,
    connections: c.connections,
    pipelining: 1,
    durationMs: durationS * 1000,
    warmupMs: 0,
    timeoutMs: 10_000,
    validateSample: 0,
  };
  const { run, selfCheck } = await runInThisThread(plan);
  const ours = summarize(runHistograms(run).corrected);
  const service = summarize(runHistograms(run).service);
  const reasons = invalidReasons({ run, selfChecks: [selfCheck] }, plan.model);
  await server.close();
  const l = plain.latency as unknown as Record<string, number>;
  process.stdout.write(
    `\n${c.name} (truth: ${c.truth}), ${durationS} s\n` +
      `  plain autocannon: p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms; ${plain.requests.sent} sent${c.rate ? ` of ${c.rate * durationS} scheduled` : ""}\n` +
      `  bleepay-qa load:  p50 ${ours.p50} ms, p90 ${ours.p90} ms, p99 ${ours.p99} ms, max ${ours.max} ms (service time p50 ${service.p50} ms); ${run.sent || run.requests.total} sent${c.rate ? ` of ${run.scheduled} scheduled` : ""} (loop delay p99 ${selfCheck.loopDelayP99Ms} ms, dispatch lag p99 ${selfCheck.dispatchLagP99Ms} ms; ${reasons.length ? `INVALID: ${reasons.join("; ")}` : "valid"})\n`,
  );
}
