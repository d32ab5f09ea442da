/**
 * The load stage: `bleepay-qa load` and the last step of `bleepay-qa all`. Mints (or reads) a code
 * pool, runs the closed or open model on one or more generator threads, then judges and writes the
 * run (see load-pipeline.ts).
 */
import { OPEN_SESSION_PATH } from "../src/rules/index.js";
import { defineStage, type Reporter } from "../src/stages/stage.js";
import { loadCodePool } from "./engine/code-pool.js";
import type { LoadPlan } from "./engine/load-plan.js";
import type { LiveFigures } from "./engine/run-in-thread.js";
import { LOAD_OPTIONS, loadSettings } from "./load-options.js";

/** Prints live figures: a rewritten line on a terminal, a plain line every 5 s in CI. */
function progressPrinter(
  reporter: Reporter,
  warmupMs: number,
  durationMs: number,
): { update(live: LiveFigures): void; end(): void } {
  const totalMs = warmupMs + durationMs;
  const started = performance.now();
  let lastLine = 0;
  let previous = { at: started, requests: 0 };
  return {
    update(live) {
      const now = performance.now();
      const rps = Math.round(((live.requests - previous.requests) * 1000) / Math.max(1, now - previous.at));
      previous = { at: now, requests: live.requests };
      const elapsed = Math.min(1, (now - started) / totalMs);
      // The figures count the measured part only: during the warm-up they would read as nothing sent.
      const text =
        now - started < warmupMs && live.requests === 0
          ? `${Math.round((now - started) / 1000)} s: warming up (${Math.round(warmupMs / 1000)} s, not measured)`
          : `${Math.round((now - started) / 1000)} s: ${live.requests} requests, ${rps} req/s, p99 ${live.p99Ms.toFixed(3)} ms`;
      if (reporter.interactive) {
        const bar = "█".repeat(Math.round(elapsed * 20)).padEnd(20, "░");
        reporter.progress(`\r  ${bar} ${text}   `);
      } else if (now - lastLine >= 5000) {
        lastLine = now;
        reporter.line(`  ${text}`);
      }
    },
    end() {
      if (reporter.interactive) reporter.progress("\n");
    },
  };
}

/** The load stage. */
export const loadStage = defineStage({
  name: "load",
  summary: "Load-test Open Session: closed or open model, µs HDR latency, SLO gates, reports",
  help: `
Sends Open Session requests at load and measures the answers in microseconds (HDR histograms).
Closed model (default): --connections connections, each sending as soon as it is answered
(autocannon). Open model (--rate R): R requests/s at exactly 1000/R ms intervals whatever the
provider does; latency counts from each request's intended send time (coordinated omission
corrected), and the service time from its actual send is reported too.

Scenarios: open-session (every request carries a valid code from the pool) and mixed
(--weights, default valid=90,malformed=5,bad-token=5; each kind's expected status is checked).
Codes are minted through --state-setup-url (the embedded provider's by default) or read from
--codes-file. --validate-sample of the answers are checked against the spec's schema.

Gates: --slo 'p99<50ms' --slo 'error_rate<0.1%' --slo 'rps>=5000' (latency metrics p50, p90, p99,
p999, max, mean in us/ms/s; error_rate in %; rps). --baseline reports/old-load.json compares with
an earlier run knowing the noise: each second is a sample, the change of p50, p90 and p99 is
bootstrapped, and a regression is called only when its whole 95 % confidence interval lies past
--max-regression (default 10%): "p99 +31 % (95 % CI +22…+40 %): regression". A breach fails the
stage (exit 1). A run where the generator itself was
the bottleneck is marked invalid: its gates are reported as not run (never as passed).

Reports: reports/load.json (schema bleepay-qa/load@1), load.md, load.html, load.hdrlog.
Subcommand: bleepay-qa load merge FILE.hdrlog… merges runs from several machines exactly.
--export k6|artillery --rate R writes the scenario for k6-operator or Artillery instead.

Examples:
  bleepay-qa load --duration 30s --connections 100
  bleepay-qa load --rate 2000 --duration 60s --warmup 5s --slo 'p99<50ms' --slo 'error_rate<0.1%'
  bleepay-qa load --scenario mixed --weights valid=80,malformed=10,bad-token=10 --rate 500
  bleepay-qa load --base-url https://staging.example --token "$BLEEPAY_TOKEN" \\
    --state-setup-url https://staging.example/_pact/provider-states --rate 1000 --workers 2
  bleepay-qa load --baseline reports/baseline-load.json --max-regression 10%
  bleepay-qa load --export k6 --rate 5000 --duration 10m
  bleepay-qa load merge a/load.hdrlog b/load.hdrlog --slo 'p99<50ms'`,
  options: LOAD_OPTIONS,
  // A short run with the default gates: enough to catch a gross regression in every CI job.
  // Ten connections: the embedded provider shares the machine (and the process) with the generator.
  allDefaults: { duration: "5s", warmup: "1s", connections: "10" },
  settings: loadSettings,
  async run(settings, { target, reportsDir, reporter, signal, policy }) {
    const startedAt = performance.now();
    // Loaded on use: autocannon, the HDR histograms and the generator threads' code take ~0.15 s of
    // CPU to load, which every other command (and --help) would otherwise pay at start.
    const [{ runLoad }, { finishLoadRun }] = await Promise.all([
      import("./engine/run-load.js"),
      import("./load-pipeline.js"),
    ]);
    const codes = await loadCodePool(settings, target.stateSetupUrl);
    const plan: LoadPlan = {
      url: `${target.baseUrl}${OPEN_SESSION_PATH}`,
      token: target.token,
      scenario: settings.scenario,
      weights: settings.weights,
      codes,
      model: settings.rate === undefined ? "closed" : "open",
      rate: settings.rate ?? 0,
      connections: settings.connections,
      pipelining: settings.pipelining,
      durationMs: settings.durationMs,
      warmupMs: settings.warmupMs,
      timeoutMs: settings.timeoutMs,
      validateSample: settings.validateSample,
      policy,
    };
    reporter.line(
      `  ${plan.model === "open" ? `open model, ${plan.rate} req/s` : `closed model, ${plan.connections} connections`}, scenario ${plan.scenario}, ${codes.length} codes, ${settings.warmupMs / 1000} s warmup + ${settings.durationMs / 1000} s`,
    );
    const progress = progressPrinter(reporter, settings.warmupMs, settings.durationMs);
    const outcome = await runLoad(plan, {
      workers: settings.workers,
      signal,
      onProgress: progress.update,
    }).finally(progress.end);
    return finishLoadRun(
      {
        run: outcome.run,
        selfChecks: outcome.selfChecks,
        target: target.embedded ? `embedded reference provider (${target.baseUrl})` : target.baseUrl,
        model: {
          type: plan.model,
          ...(plan.model === "open" ? { rate: plan.rate } : { pipelining: plan.pipelining }),
          connections: plan.connections,
          workers: outcome.workers,
        },
        validateSample: settings.validateSample,
        startedAt,
      },
      settings,
      reportsDir,
    );
  },
});
