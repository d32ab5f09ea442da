/**
 * One fuzz run: every selected property against one target, side by side, sharing one context (so
 * session ids must be unique across the run and request numbers count from the run's start).
 */

import { DOC_POLICY, type VerdictPolicy } from "../../src/rules/index.js";
import type { Target } from "../../src/stages/stage.js";
import { createStateSetupClient } from "../../src/state-setup/index.js";
import { createFuzzContext, type FuzzContext } from "./fuzz-context.js";
import type { FuzzSettings } from "./fuzz-options.js";
import type { FuzzProperty } from "./fuzz-property.js";
import { PROPERTIES } from "./properties/index.js";
import { type PropertyReport, type RunPropertyOptions, runProperty, sampleInputs } from "./run-property.js";

/** What a fuzz run gave. */
export interface FuzzRun {
  readonly reports: readonly PropertyReport[];
  readonly context: FuzzContext;
  /** Wall time of the run in milliseconds. */
  readonly elapsedMs: number;
}

/** The properties a run checks: those named, else all. */
export function selectProperties(ids: readonly string[]): readonly FuzzProperty<never>[] {
  return ids.length === 0 ? PROPERTIES : PROPERTIES.filter((p) => ids.includes(p.id));
}

/**
 * Runs the properties against a target. Throws `StateSetupError` when the state endpoint fails.
 *
 * @example
 * const run = await runFuzz(target, stageSettings(fuzzStage), AbortSignal.timeout(60_000));
 * run.reports.filter((r) => r.outcome === "failed");
 */
export async function runFuzz(
  target: Pick<Target, "baseUrl" | "token" | "stateSetupUrl">,
  settings: FuzzSettings,
  signal: AbortSignal,
  policy: VerdictPolicy = DOC_POLICY,
): Promise<FuzzRun> {
  const started = performance.now();
  // The state calls share the requests' timeout: a state endpoint that never answers must stop the
  // run as soon as a silent target would, not after the client's 30 s default.
  const states = target.stateSetupUrl
    ? createStateSetupClient({ url: target.stateSetupUrl, timeoutMs: settings.timeoutMs })
    : undefined;
  const context = createFuzzContext({
    baseUrl: target.baseUrl,
    token: target.token,
    states,
    timeoutMs: settings.timeoutMs,
    signal,
    maxInFlight: settings.concurrency,
    policy,
  });
  let failed = false;
  const properties = selectProperties(settings.properties);
  const options = properties.map((property) => {
    const base: RunPropertyOptions = {
      seed: settings.seed,
      runs: settings.runs,
      concurrency: settings.concurrency,
      path: settings.path,
      arbitraryContext: { token: target.token, hasStates: states !== undefined },
      stop: () => settings.failFast && failed,
      onFailureFound: () => {
        failed = true;
      },
    };
    return { ...base, inputs: sampleInputs(property, base) };
  });
  // Properties search side by side; the context's slots bound the requests in flight across all
  // of them, so their requests interleave and every property gets going at once.
  const reports = await Promise.all(
    properties.map((property, i) => runProperty(property, context, options[i] as RunPropertyOptions)),
  );
  return { reports, context, elapsedMs: performance.now() - started };
}
