/** Runs one generator in the current thread: scenario, engine, recorder and self-check wired. */
import { runClosedModel } from "./closed-model.js";
import { warmUpHistograms } from "./histogram.js";
import type { LoadPlan } from "./load-plan.js";
import { DEFAULT_SLICE_MS, runOpenModel } from "./open-model.js";
import { createRecorder, type RecordedRun } from "./recorder.js";
import { createScenario } from "./scenario.js";
import { type SelfCheckFigures, startSelfCheck } from "./self-check.js";

/** What one generator measured. */
export interface ThreadResult {
  readonly run: RecordedRun;
  readonly selfCheck: SelfCheckFigures;
}

/** Live figures, reported about once a second. */
export interface LiveFigures {
  /** Requests answered (or failed) so far, measured part. */
  readonly requests: number;
  /** Corrected p99 so far, ms. */
  readonly p99Ms: number;
}

/** Options of {@link runInThisThread}. */
export interface RunHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: (live: LiveFigures) => void;
}

/** Runs a plan in this thread. */
export async function runInThisThread(plan: LoadPlan, hooks: RunHooks = {}): Promise<ThreadResult> {
  const scenario = createScenario({
    name: plan.scenario,
    weights: plan.weights,
    codes: plan.codes,
    token: plan.token,
  });
  warmUpHistograms();
  // A short lead time lets the first due requests find the sockets' event loop idle.
  const startAt = performance.now() + 20;
  const recorder = createRecorder({
    startAt,
    warmupMs: plan.warmupMs,
    validateSample: plan.validateSample,
    ...(plan.policy ? { policy: plan.policy } : {}),
    serviceIsLatency: plan.model === "closed",
  });
  const sliceMs = plan.sliceMs ?? DEFAULT_SLICE_MS;
  const selfCheck = startSelfCheck({
    measureFrom: startAt + plan.warmupMs,
    ...(plan.model === "open" ? { sliceMs, loopDelayFromEngine: true } : {}),
  });
  const totalMs = plan.warmupMs + plan.durationMs;
  const progress = hooks.onProgress
    ? setInterval(() => hooks.onProgress?.(recorder.live()), 1000)
    : undefined;
  const engine = {
    url: plan.url,
    scenario,
    recorder,
    selfCheck,
    startAt,
    durationMs: totalMs,
    timeoutMs: plan.timeoutMs,
    connections: plan.connections,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  };
  try {
    if (plan.model === "open") await runOpenModel({ ...engine, rate: plan.rate, sliceMs });
    else await runClosedModel({ ...engine, pipelining: plan.pipelining });
  } finally {
    if (progress) clearInterval(progress);
  }
  const measuredMs = Math.max(1, Math.min(performance.now(), startAt + totalMs) - startAt - plan.warmupMs);
  const run = recorder.finish(measuredMs);
  return { run, selfCheck: selfCheck.stop(run.requests.total) };
}
