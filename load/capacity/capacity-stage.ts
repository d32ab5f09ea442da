/**
 * `bleepay-qa capacity`: the highest rate a deployment serves within its SLOs, found with the open
 * model (constant arrival rate, latency from each request's intended send time), stepping the rate
 * up and then bisecting (capacity-search.ts). Writes capacity.json (schema `bleepay-qa/capacity@1`),
 * capacity.md and capacity.html (latency percentiles against offered rate, the knee marked).
 */
import { OptionError, option } from "../../src/options/index.js";
import { OPEN_SESSION_PATH } from "../../src/rules/index.js";
import type { CapacityArtifact } from "../../src/stages/artifacts.js";
import { type CheckResult, defineStage } from "../../src/stages/stage.js";
import { loadCodePool } from "../engine/code-pool.js";
import type { LoadPlan } from "../engine/load-plan.js";
import { DEFAULT_POOL_CODES, LOAD_OPTIONS } from "../load-options.js";
import { DEFAULT_SLOS } from "../report/slo.js";
import type { CapacityStep } from "./capacity-search.js";

/** Version of capacity.json's layout. */
export const CAPACITY_REPORT_SCHEMA = "bleepay-qa/capacity@1";

const CAPACITY_OPTIONS = {
  slo: LOAD_OPTIONS.slo,
  step: option.duration({
    default: "5s",
    minMs: 500,
    maxMs: 600_000,
    description: "Measured length of each step (each is preceded by --warmup)",
  }),
  warmup: option.duration({
    default: "1s",
    minMs: 0,
    maxMs: 60_000,
    description: "Warm-up before each step, left out of its figures",
  }),
  budget: option.duration({
    default: "90s",
    minMs: 1_000,
    maxMs: 24 * 3_600_000,
    description: "Longest time the whole search may take; it stops with the best answer so far",
  }),
  "start-rate": option.int({
    default: 100,
    min: 1,
    max: 1_000_000,
    valueName: "R",
    description: "First rate of the ramp, requests/s (the ramp doubles it)",
  }),
  "max-rate": option.int({
    default: 100_000,
    min: 1,
    max: 1_000_000,
    valueName: "R",
    description: "Highest rate the ramp offers, requests/s",
  }),
  resolution: option.percent({
    default: "5%",
    description: "Stop bisecting when the gap between the held and the broken rate is at most this share",
  }),
  "min-capacity": option.int({
    default: 0,
    min: 0,
    max: 1_000_000,
    valueName: "R",
    description: "Fail (exit 1) when the capacity found is below R requests/s (0: no gate)",
  }),
  connections: LOAD_OPTIONS.connections,
  workers: LOAD_OPTIONS.workers,
  timeout: LOAD_OPTIONS.timeout,
  "codes-file": LOAD_OPTIONS["codes-file"],
  codes: LOAD_OPTIONS.codes,
};

/** A step's figures from its open-model run, judged by the SLOs. */
type StepRunner = (rateRps: number) => Promise<CapacityStep>;

/** The capacity stage. */
export const capacityStage = defineStage({
  name: "capacity",
  summary: "Find the highest rate that holds the SLOs: the open model ramped, then bisected",
  help: `
Finds the highest rate (requests/s) at which every SLO holds (default ${DEFAULT_SLOS.join(", ")}),
with the open model: requests arrive at a constant rate whatever the provider does, and latency
counts from each request's intended send time. The rate starts at --start-rate and doubles each
step until an SLO breaks, then the search bisects between the highest rate that held and the lowest
that broke, until the gap is within --resolution or --budget is spent. Each step runs --warmup then
--step. A step whose generator could not keep its schedule is run again, and if it is still invalid
the search stops there, saying why: it never moves the answer. A provider that errors or stops
answering breaks its step's SLOs, so the search ends with an answer, never a hang.

Writes reports/capacity.json (schema ${CAPACITY_REPORT_SCHEMA}), capacity.md and capacity.html
(latency percentiles against offered rate, the knee marked). Exit 1 when the capacity is below
--min-capacity; 0 otherwise; 2 when the provider cannot be reached.

Examples:
  bleepay-qa capacity
  bleepay-qa capacity --slo 'p99<20ms' --slo 'error_rate<0.1%' --budget 3m --min-capacity 500
  bleepay-qa capacity --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states --workers 2`,
  options: CAPACITY_OPTIONS,
  inAll: false,
  settings(o) {
    if (o.startRate > o.maxRate)
      throw new OptionError(`--start-rate (${o.startRate}) must not be above --max-rate (${o.maxRate})`);
    if (o.codesFile === undefined && o.codes < 1) throw new OptionError("--codes must be at least 1");
    return {
      slos: o.slo,
      stepMs: o.step,
      warmupMs: o.warmup,
      budgetMs: o.budget,
      startRps: o.startRate,
      maxRps: o.maxRate,
      resolution: o.resolution,
      minCapacityRps: o.minCapacity,
      connections: o.connections,
      workers: o.workers,
      timeoutMs: o.timeout,
      codesFile: o.codesFile,
      codes: o.codes || DEFAULT_POOL_CODES,
    };
  },
  async run(settings, { target, reportsDir, reporter, signal }) {
    const started = performance.now();
    // Loaded on use, like the load stage's engine.
    const [{ runLoad }, { judgeStep }, { searchCapacity }, { writeCapacityReports, capacityArtifact }] =
      await Promise.all([
        import("../engine/run-load.js"),
        import("./judge-step.js"),
        import("./capacity-search.js"),
        import("./capacity-report.js"),
      ]);
    const codes = await loadCodePool(settings, target.stateSetupUrl);
    reporter.line(
      `  open model from ${settings.startRps} req/s (doubling, then bisecting), ${settings.warmupMs / 1000} s + ${settings.stepMs / 1000} s a step, budget ${settings.budgetMs / 1000} s; SLOs ${settings.slos.map((s) => s.expr).join(", ")}`,
    );
    const runStep: StepRunner = async (rateRps) => {
      const plan: LoadPlan = {
        url: `${target.baseUrl}${OPEN_SESSION_PATH}`,
        token: target.token,
        scenario: "open-session",
        weights: { valid: 100, malformed: 0, "bad-token": 0 },
        codes,
        model: "open",
        rate: rateRps,
        connections: settings.connections,
        pipelining: 1,
        durationMs: settings.stepMs,
        warmupMs: settings.warmupMs,
        timeoutMs: settings.timeoutMs,
        validateSample: 0,
      };
      const outcome = await runLoad(plan, { workers: settings.workers, signal });
      return judgeStep(rateRps, outcome, settings.slos, settings.timeoutMs);
    };
    const result = await searchCapacity({
      startRps: settings.startRps,
      maxRps: settings.maxRps,
      resolution: settings.resolution,
      budgetMs: settings.budgetMs,
      // A step lasts its warm-up, its measure, and at most a timeout to drain.
      stepMs: settings.warmupMs + settings.stepMs + Math.min(settings.timeoutMs, settings.stepMs),
      runStep,
      signal,
      onStep: (s) =>
        reporter.line(
          `  ${String(s.rateRps).padStart(8)} req/s: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, errors ${Number((s.errorRate * 100).toPrecision(3))} % → ${!s.valid ? "invalid (the generator fell behind)" : s.held ? "held" : `broke (${s.reasons.join("; ")})`}`,
        ),
    });
    const artifact = capacityArtifact(
      result,
      settings.slos.map((s) => s.expr),
    );
    const reports = await writeCapacityReports(reportsDir, artifact);
    const found = `${result.capacityRps} req/s${result.resolutionRps ? ` ± ${result.resolutionRps}` : ""}`;
    const checks: CheckResult[] = [
      result.valid
        ? { name: `the search judged every step (capacity ${found})`, outcome: "passed" }
        : {
            name: "the search judged every step",
            outcome: "not-run",
            detail: `the search stopped on a step the generator could not drive: ${result.stoppedBecause}; the capacity is at least ${result.capacityRps} req/s`,
          },
    ];
    if (settings.minCapacityRps > 0) {
      checks.push(
        result.capacityRps >= settings.minCapacityRps
          ? { name: `capacity at least ${settings.minCapacityRps} req/s (${found})`, outcome: "passed" }
          : result.valid
            ? {
                name: `capacity at least ${settings.minCapacityRps} req/s`,
                outcome: "failed",
                detail: `found ${found}: ${result.stoppedBecause}`,
              }
            : {
                name: `capacity at least ${settings.minCapacityRps} req/s`,
                outcome: "not-run",
                detail: `the search could not go past ${result.capacityRps} req/s: ${result.stoppedBecause}`,
              },
      );
    }
    const outcome = checks.some((c) => c.outcome === "failed")
      ? "failed"
      : checks.every((c) => c.outcome === "passed")
        ? "passed"
        : "not-run";
    return {
      stage: "capacity",
      outcome,
      summary: `${found} within ${settings.slos.map((s) => s.expr).join(", ")}: ${result.stoppedBecause} (${result.steps.length} steps)`,
      checks,
      figures: {
        "capacity req/s": result.capacityRps,
        "± req/s": result.resolutionRps,
        steps: result.steps.length,
      },
      reports,
      artifacts: { capacity: artifact satisfies CapacityArtifact },
      durationMs: performance.now() - started,
    };
  },
});
