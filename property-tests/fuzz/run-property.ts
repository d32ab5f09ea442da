/**
 * Runs one provider property: fast, then exact.
 *
 * fast-check runs an async property one input at a time, which would make a network fuzzer as slow
 * as its slowest round trip. So a run has two phases:
 * 1. Search: `fc.sample(arbitrary, { seed, numRuns })` draws exactly the inputs `fc.check` would
 *    try with that seed, in the same order; they go through a bounded pool, and nothing past the
 *    first failing index is started.
 * 2. Shrink: `fc.check` with the same seed and `path` set to that index replays the failing input
 *    alone and shrinks it, one request at a time, within a budget of runs and time.
 * The reported seed and path are fast-check's own, so `--seed S --path P` replays the shrunk case
 * exactly (`fc.check` with that path, no sampling).
 */
import fc from "fast-check";
import type { RuleId } from "../../src/rules/index.js";
import type { RuleRef } from "../../src/stages/stage.js";
import { replayFailure, ruleRef } from "../../src/stages/verdict.js";
import { type FuzzContext, TargetUnresponsiveError } from "./fuzz-context.js";
import type { ArbitraryContext, FuzzProperty, RunOutcome, RunProblems } from "./fuzz-property.js";
import { runPool } from "./pool.js";
import { Trace } from "./trace.js";

/** Options of {@link runProperty}. */
export interface RunPropertyOptions {
  readonly seed: number;
  readonly runs: number;
  readonly concurrency: number;
  /** Replay this fast-check path instead of searching. */
  readonly path?: string | undefined;
  readonly arbitraryContext: ArbitraryContext;
  /** Most executions while shrinking (default 300). */
  readonly maxShrinkRuns?: number;
  /** Longest time spent shrinking, in milliseconds (default 10,000). */
  readonly shrinkTimeMs?: number;
  /** Says when to stop searching early (another property failed under --fail-fast). */
  readonly stop?: () => boolean;
  /** Called as soon as the search finds a failing input, before shrinking. */
  readonly onFailureFound?: () => void;
  /** The inputs of the search, drawn beforehand by {@link sampleInputs}. */
  readonly inputs?: readonly unknown[];
}

/**
 * Draws the search's inputs: exactly those `fc.check` would try with the seed, in order. A fuzz
 * run draws every property's inputs before sending anything, because drawing is synchronous CPU
 * work: done while requests are in flight (to an embedded provider in the same process above
 * all), it would hold their answers past the request timeout.
 */
export function sampleInputs<I>(property: FuzzProperty<I>, options: RunPropertyOptions): I[] {
  if (options.path !== undefined || (property.needsStates && !options.arbitraryContext.hasStates)) return [];
  const cases = property.cases?.(options.runs) ?? options.runs;
  return fc.sample(property.arbitrary(options.arbitraryContext), { seed: options.seed, numRuns: cases });
}

/** A property's failure, shrunk as far as the budget allowed. */
export interface PropertyFailure {
  /** The input, as fast-check prints it (recipes only: never the token). */
  readonly counterexample: string;
  readonly seed: number;
  /** fast-check's path of the counterexample (`--path`). */
  readonly path: string;
  readonly shrinks: number;
  readonly problems: readonly string[];
  /** The rules the failing answer broke, the deciding one first. */
  readonly rules: readonly RuleRef[];
  /**
   * `deterministic` when the counterexample failed again each time it was replayed (twice, with
   * fresh provider state), else `flaky (k of n)`.
   */
  readonly stability: string;
  /** What the failing run sent and got. */
  readonly trace: Trace;
  /** Position of the first failing request among all requests of the fuzz run. */
  readonly foundAtRequest: number;
  /** Position of the first failing input among the property's inputs (1-based). */
  readonly foundAtInput: number;
  /** Why shrinking stopped early or did not happen, if it did. */
  readonly note?: string;
}

/** What one property's run gave. */
export interface PropertyReport {
  readonly id: string;
  readonly name: string;
  readonly outcome: "passed" | "failed" | "not-run";
  /** Why it did not run. */
  readonly reason?: string;
  readonly cases: number;
  readonly skipped: number;
  readonly requests: number;
  readonly failure?: PropertyFailure;
}

const isProviderDown = (trace: Trace): boolean =>
  trace.steps.some((s) => s.kind === "request" && "cause" in s.answer && /ECONNREFUSED/.test(s.answer.cause));

/** Rethrows anything but {@link TargetUnresponsiveError}, for which it gives `undefined`. */
function unlessUnresponsive(error: unknown): undefined {
  if (error instanceof TargetUnresponsiveError) return undefined;
  throw error;
}

async function runOnce<I>(
  property: FuzzProperty<I>,
  input: I,
  context: FuzzContext,
  trace: Trace,
): Promise<RunOutcome> {
  return property.run(input, context, trace);
}

/** Runs a property against the context's target. */
export async function runProperty<I>(
  property: FuzzProperty<I>,
  context: FuzzContext,
  options: RunPropertyOptions,
): Promise<PropertyReport> {
  const base = { id: property.id, name: property.name };
  if (property.needsStates && !context.states) {
    return {
      ...base,
      outcome: "not-run",
      reason:
        "needs codes shared by a payer: give --state-setup-url (the provider's Pact state-change endpoint)",
      cases: 0,
      skipped: 0,
      requests: 0,
    };
  }
  const requestsBefore = context.requests(property.id);
  const cases = property.cases?.(options.runs) ?? options.runs;
  const arbitrary = property.arbitrary(options.arbitraryContext);
  let skipped = 0;
  let done = 0;
  let searchFailure: { index: number; trace: Trace; outcome: RunProblems } | undefined;

  if (options.path === undefined) {
    await context.reserveSharedCodes(property.sharedCodesFor?.(cases) ?? 0);
    const inputs = (options.inputs as I[] | undefined) ?? sampleInputs(property, options);
    await runPool(
      cases,
      Math.min(options.concurrency, property.maxConcurrency ?? Infinity),
      async (index) => {
        const trace = new Trace(property.id);
        const outcome = await runOnce(property, inputs[index] as I, context, trace).catch(unlessUnresponsive);
        // Never sent in full: the input is not done, and the property reports itself not run.
        if (outcome === undefined) return;
        done++;
        if ("skipped" in outcome) skipped++;
        else if (outcome.problems.length > 0 && (searchFailure?.index ?? Infinity) > index) {
          searchFailure = { index, trace, outcome };
          options.onFailureFound?.();
        }
      },
      (index) =>
        context.signal.aborted ||
        context.unresponsive() !== undefined ||
        index > (searchFailure?.index ?? Infinity) ||
        (searchFailure === undefined && options.stop?.() === true),
    );
    if (!searchFailure && done < cases) {
      const unresponsive = context.unresponsive();
      return {
        ...base,
        outcome: "not-run",
        reason: context.signal.aborted
          ? `interrupted after ${done} of ${cases} inputs`
          : unresponsive
            ? `stopped after ${done} of ${cases} inputs: ${unresponsive}`
            : `--fail-fast: stopped after ${done} of ${cases} inputs, when another property failed`,
        cases: done,
        skipped,
        requests: context.requests(property.id) - requestsBefore,
      };
    }
    if (!searchFailure) {
      return {
        ...base,
        outcome: "passed",
        cases,
        skipped,
        requests: context.requests(property.id) - requestsBefore,
      };
    }
  }

  // Shrink (or replay a given path): one execution at a time, within budget.
  const maxRuns = options.maxShrinkRuns ?? 300;
  const deadline = performance.now() + (options.shrinkTimeMs ?? 10_000);
  let executions = 0;
  let last: { trace: Trace; outcome: RunProblems; input: I } | undefined;
  let stopped: string | undefined;
  const predicate = async (input: I): Promise<boolean> => {
    executions++;
    // Replaying or shrinking against a target that no longer answers only waits out timeouts.
    const unresponsive = context.unresponsive();
    if (unresponsive) {
      stopped ??= `not shrunk: ${unresponsive}`;
      return true;
    }
    if (executions > 1) {
      if (last === undefined) return true;
      if (context.signal.aborted) stopped ??= "interrupted";
      if (executions > maxRuns) stopped ??= `shrinking stopped after ${maxRuns} runs`;
      if (performance.now() > deadline) stopped ??= "shrinking stopped at its time limit";
      if (stopped) return true;
    }
    const trace = new Trace(property.id);
    const outcome = await runOnce(property, input, context, trace).catch(unlessUnresponsive);
    if (outcome === undefined) {
      stopped ??= `not shrunk: ${context.unresponsive()}`;
      return true;
    }
    fc.pre(!("skipped" in outcome));
    if (!("problems" in outcome) || outcome.problems.length === 0) return true;
    if (isProviderDown(trace)) {
      stopped ??= "the provider stopped accepting connections";
      return true;
    }
    last = { trace, outcome, input };
    return false;
  };
  const path = options.path ?? String(searchFailure?.index ?? 0);
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    seed: options.seed,
    path,
    numRuns: Math.max(cases, Number(path.split(":")[0]) + 1),
  });
  const requests = context.requests(property.id) - requestsBefore;
  const shrunk = details.failed && last !== undefined;
  if (!shrunk && !searchFailure) {
    return { ...base, outcome: "passed", cases: executions, skipped, requests };
  }
  const failing = shrunk && last ? last : (searchFailure as NonNullable<typeof searchFailure>);
  const trace = failing.trace;
  // Before it is reported, the failing input is run again (fresh provider state, new requests):
  // a provider that is sometimes wrong is wrong, but the team needs to know which kind it is.
  const input = shrunk && last ? last.input : (options.inputs?.[searchFailure?.index ?? -1] as I | undefined);
  const stability =
    input === undefined
      ? "not replayed"
      : await replayFailure(
          async () => {
            const again = await runOnce(property, input, context, new Trace(property.id)).catch(
              unlessUnresponsive,
            );
            return again !== undefined && "problems" in again && again.problems.length > 0;
          },
          { signal: context.signal },
        );
  const rules: RuleId[] = [...new Set(failing.outcome.rules ?? [])];
  const firstTrace = searchFailure?.trace ?? trace;
  const foundAtRequest =
    firstTrace.firstFailure()?.seq ??
    Math.max(0, ...firstTrace.steps.map((s) => (s.kind === "request" ? s.seq : 0)));
  const note = !shrunk
    ? (stopped ??
      "it did not fail again when replayed alone (flaky, or it depends on other requests of the run): not shrunk")
    : stopped;
  return {
    ...base,
    outcome: "failed",
    cases,
    skipped,
    requests,
    failure: {
      counterexample: shrunk
        ? fc.stringify(details.counterexample?.[0])
        : fc.stringify(
            fc.sample(arbitrary, { seed: options.seed, numRuns: (searchFailure?.index ?? 0) + 1 }).at(-1),
          ),
      seed: options.seed,
      path: shrunk ? (details.counterexamplePath ?? path) : path,
      shrinks: shrunk ? details.numShrinks : 0,
      problems: failing.outcome.problems,
      rules: rules.map(ruleRef),
      stability,
      trace,
      foundAtRequest,
      foundAtInput: Number(path.split(":")[0]) + 1,
      ...(note ? { note } : {}),
    },
  };
}
