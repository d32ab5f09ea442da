/**
 * The load stage: `bleepay-qa load` and the last step of `bleepay-qa all`. Mints (or reads) a code
 * pool, runs the closed or open model on one or more generator threads, gates the figures, and
 * writes load.json, load.md, load.html and the HDR log.
 */
import { CliError, usageError } from "../src/cli/cli-error.js";
import { EXIT } from "../src/cli/exit-codes.js";
import type { Output } from "../src/cli/output.js";
import { OPEN_SESSION_PATH } from "../src/rules/index.js";
import { answerKey, type CoverageCell, createCoverageTally } from "../src/stages/coverage.js";
import type { CheckResult, Stage, StageContext, StageResult } from "../src/stages/stage.js";
import { overallOutcome } from "../src/stages/stage.js";
import { StateSetupError } from "../src/state-setup/index.js";
import { mintCodes, readCodesFile } from "./engine/code-pool.js";
import type { LoadPlan } from "./engine/load-plan.js";
import type { LiveFigures } from "./engine/run-in-thread.js";
import { EXPECTED, REQUEST_KINDS } from "./engine/scenario.js";
import { LOAD_OPTIONS, type LoadSettings, readLoadSettings } from "./load-options.js";
import type { LoadReport } from "./report/load-report.js";

/**
 * Least time a bulk minting call gets. Load's `--timeout` is also a latency threshold (a
 * `--timeout 5ms` run is legitimate), which no endpoint minting thousands of codes could meet.
 */
export const MIN_MINT_TIMEOUT_MS = 1_000;

/**
 * Gets the code pool: from `--codes-file`, else minted through the state-setup URL, each call
 * within the run's `--timeout` (at least {@link MIN_MINT_TIMEOUT_MS}).
 */
export async function loadCodePool(
  settings: Pick<LoadSettings, "codesFile" | "codes" | "timeoutMs">,
  stateSetupUrl: string | undefined,
): Promise<string[]> {
  if (settings.codesFile) {
    const codes = await readCodesFile(settings.codesFile);
    if (typeof codes === "string") throw usageError(`--codes-file: ${codes}`);
    return codes;
  }
  if (!stateSetupUrl) {
    throw usageError(
      "load needs valid codes: give --state-setup-url (Pact provider-state endpoint) or --codes-file",
    );
  }
  try {
    return await mintCodes(stateSetupUrl, settings.codes, Math.max(settings.timeoutMs, MIN_MINT_TIMEOUT_MS));
  } catch (error) {
    if (error instanceof StateSetupError)
      throw new CliError(`cannot mint codes: ${error.message}`, EXIT.usage);
    throw error;
  }
}

/** Prints live figures: a rewritten line on a terminal, a plain line every 5 s in CI. */
function progressPrinter(out: Output, totalMs: number): { update(live: LiveFigures): void; end(): void } {
  const started = performance.now();
  let lastLine = 0;
  let previous = { at: started, requests: 0 };
  return {
    update(live) {
      const now = performance.now();
      const rps = Math.round(((live.requests - previous.requests) * 1000) / Math.max(1, now - previous.at));
      previous = { at: now, requests: live.requests };
      const elapsed = Math.min(1, (now - started) / totalMs);
      const text = `${Math.round((now - started) / 1000)} s: ${live.requests} requests, ${rps} req/s, p99 ${live.p99Ms.toFixed(3)} ms`;
      if (out.interactive) {
        const bar = "█".repeat(Math.round(elapsed * 20)).padEnd(20, "░");
        out.progress(`\r  ${bar} ${text}   `);
      } else if (now - lastLine >= 5000) {
        lastLine = now;
        out.line(`  ${text}`);
      }
    },
    end() {
      if (out.interactive) out.progress("\n");
    },
  };
}

const gateCheck = (g: { expr: string; actual: string; pass: boolean }, valid: boolean): CheckResult =>
  !valid
    ? {
        name: `gate ${g.expr}`,
        outcome: "not-run",
        detail: `measured ${g.actual}, but the run is invalid (see above)`,
      }
    : g.pass
      ? { name: `gate ${g.expr} (${g.actual})`, outcome: "passed" }
      : { name: `gate ${g.expr}`, outcome: "failed", detail: `measured ${g.actual}` };

/** How a load report is judged. */
export interface LoadVerdictOptions {
  /** `--require-valid`: an invalid run fails (exit 1) rather than being not run (exit 0). */
  readonly requireValid?: boolean;
}

/** The checks a load report makes. */
export function loadChecks(report: LoadReport, options: LoadVerdictOptions = {}): CheckResult[] {
  const checks: CheckResult[] = [
    report.valid
      ? { name: "the load generator kept up (valid run)", outcome: "passed" }
      : {
          // Not the provider's failure: the run could not judge it (exit 0 unless a check failed),
          // unless the user asked for a valid run, as a CI gate that must not go green unjudged may.
          name: "the load generator kept up (valid run)",
          outcome: options.requireValid ? "failed" : "not-run",
          detail: `invalid run, the figures describe the generator, not the provider${options.requireValid ? " (--require-valid)" : ""}:\n${report.invalidReasons.join("\n")}`,
        },
  ];
  // A target that stopped answering (most requests got no answer at all) failed whatever the
  // generator's own state: an invalid run must not hide it as "not run" (exit 0).
  const { total } = report.requests;
  const errors = report.requests.errors + report.requests.timeouts;
  if (total === 0) {
    checks.push({
      name: "the target kept answering",
      outcome: "failed",
      detail: `no request to ${report.target} ended within the run: none was answered, and none timed out before the run ended (is the target slower than --duration?)`,
    });
  } else if (errors * 2 > total) {
    checks.push({
      name: "the target kept answering",
      outcome: "failed",
      detail: `${report.target} stopped answering: ${errors} of ${total} requests got no answer (connection errors or timeouts)`,
    });
  }
  checks.push(...report.slo.map((g) => gateCheck(g, report.valid)));
  checks.push(...(report.baseline?.results ?? []).map((g) => gateCheck(g, report.valid)));
  const { sampled, violations } = report.contract;
  checks.push(
    sampled === 0
      ? {
          name: "sampled answers conform to the spec",
          outcome: "not-run",
          detail: "no answer was sampled (see --validate-sample)",
        }
      : violations.length === 0
        ? { name: `sampled answers conform to the spec (${sampled} checked)`, outcome: "passed" }
        : {
            name: "sampled answers conform to the spec",
            outcome: "failed",
            detail: `${sampled} checked; under load the provider answered:\n${violations.join("\n")}`,
          },
  );
  return checks;
}

/**
 * The answers the run's scenario asked for, one cell per request kind it sent. The recorder counts
 * unexpected answers over all kinds, so any of them fails every cell.
 */
function loadCoverage(report: LoadReport): CoverageCell[] {
  const tally = createCoverageTally();
  const weights = report.scenario.weights;
  const sum = REQUEST_KINDS.reduce((n, kind) => n + weights[kind], 0);
  const bad = report.requests.unexpected + report.requests.errors + report.requests.timeouts;
  for (const kind of REQUEST_KINDS) {
    if (weights[kind] <= 0 || report.requests.total === 0) continue;
    tally.add(
      "load",
      answerKey(EXPECTED[kind].status, EXPECTED[kind].errorCode),
      bad > 0 ? "failed" : "passed",
      Math.round((report.requests.total * weights[kind]) / sum),
    );
  }
  return tally.cells();
}

/** The stage's result from a gated report. */
export function loadStageResult(
  report: LoadReport,
  reports: string[],
  durationMs: number,
  options: LoadVerdictOptions = {},
): StageResult {
  const checks = loadChecks(report, options);
  const gates = [...report.slo, ...(report.baseline?.results ?? [])];
  // An invalid run judged nothing: never "passed", even when the checks it could make passed.
  const outcome = overallOutcome(checks);
  return {
    stage: "load",
    outcome: !report.valid && outcome === "passed" ? "not-run" : outcome,
    summary: `${report.rps.mean} req/s, p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, ${report.requests.unexpected + report.requests.errors + report.requests.timeouts} failed of ${report.requests.total}; ${gates.filter((g) => g.pass).length}/${gates.length} gates passed${report.valid ? "" : " (INVALID run)"}`,
    checks,
    figures: { "req/s": report.rps.mean, "p50 ms": report.latencyMs.p50, "p99 ms": report.latencyMs.p99 },
    reports,
    coverage: loadCoverage(report),
    durationMs,
  };
}

async function run(ctx: StageContext): Promise<StageResult> {
  const started = performance.now();
  // Loaded on use: autocannon, the HDR histograms and the generator threads' code take ~0.15 s of
  // CPU to load, which every other command (and --help) would otherwise pay at start.
  const [{ runLoad }, { buildLoadReport }, { toHdrLog }, { readBaseline, withGates, writeLoadReports }] =
    await Promise.all([
      import("./engine/run-load.js"),
      import("./report/load-report.js"),
      import("./report/hdr-log.js"),
      import("./report/write-load-reports.js"),
    ]);
  const settings = readLoadSettings(ctx.values);
  const baseline = settings.baseline ? await readBaseline(settings.baseline) : undefined;
  const codes = await loadCodePool(settings, ctx.target.stateSetupUrl);
  const plan: LoadPlan = {
    url: `${ctx.target.baseUrl}${OPEN_SESSION_PATH}`,
    token: ctx.target.token,
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
  };
  ctx.out.line(
    `  ${plan.model === "open" ? `open model, ${plan.rate} req/s` : `closed model, ${plan.connections} connections`}, scenario ${plan.scenario}, ${codes.length} codes, ${settings.warmupMs / 1000} s warmup + ${settings.durationMs / 1000} s`,
  );
  const progress = progressPrinter(ctx.out, settings.warmupMs + settings.durationMs);
  const outcome = await runLoad(plan, {
    workers: settings.workers,
    signal: ctx.signal,
    onProgress: progress.update,
  }).finally(progress.end);
  const report = withGates(
    buildLoadReport({
      run: outcome.run,
      selfChecks: outcome.selfChecks,
      target: ctx.target.embedded
        ? `embedded reference provider (${ctx.target.baseUrl})`
        : ctx.target.baseUrl,
      scenario: {
        name: settings.scenario,
        weights: plan.scenario === "mixed" ? settings.weights : { valid: 100, malformed: 0, "bad-token": 0 },
      },
      model: {
        type: plan.model,
        ...(plan.model === "open" ? { rate: plan.rate } : { pipelining: plan.pipelining }),
        connections: plan.connections,
        workers: outcome.workers,
      },
      timeoutMs: settings.timeoutMs,
      validateSample: settings.validateSample,
    }),
    settings.slos,
    baseline && settings.baseline
      ? { file: settings.baseline, report: baseline, maxRegression: settings.maxRegression }
      : undefined,
  );
  const reports = await writeLoadReports(
    ctx.reportsDir,
    report,
    outcome.run,
    toHdrLog(outcome.run, report.invalidReasons),
    settings.json,
  );
  return loadStageResult(report, reports, performance.now() - started, {
    requireValid: settings.requireValid,
  });
}

/** The load stage. */
export const loadStage: Stage = {
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
p999, max, mean in us/ms/s; error_rate in %; rps). --baseline reports/old-load.json with
--max-regression 10%. A breach fails the stage (exit 1). A run where the generator itself was
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
  run,
};
