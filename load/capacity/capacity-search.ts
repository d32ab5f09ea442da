/**
 * The search for the highest rate a provider serves within its SLOs: the open model ramps the
 * offered rate up (doubling from `startRps`) until a step breaks an SLO, then bisects between the
 * highest rate that held and the lowest that broke, until the gap is within the resolution asked
 * for or the time budget is spent. Each step is one open-model run long enough to judge.
 *
 * A step whose generator could not keep its schedule is no evidence about the provider: it is run
 * once more, and if it is still invalid the search stops there, saying why; it never moves the
 * answer by itself. A provider that errors or stops answering breaks the SLOs of its step (the
 * error rate, the latency of timed-out requests), so the search ends with a clear answer (possibly
 * "not even the lowest rate held"), never a hang: every step ends after its duration and timeout.
 */
import type { CapacityStepPoint } from "../../src/stages/artifacts.js";

/** What one step measured: the reported point (rate, p50, p99, error rate 0…1, held, valid), and why. */
export interface CapacityStep extends CapacityStepPoint {
  /** Why the step did not hold or was invalid. */
  readonly reasons: readonly string[];
}

/** How the search runs. */
export interface CapacitySearchOptions {
  /** First rate of the ramp. */
  readonly startRps: number;
  /** The ramp never offers more than this. */
  readonly maxRps: number;
  /** Stop bisecting when the gap between held and broken is at most this fraction of the held rate. */
  readonly resolution: number;
  /** The whole search's time budget, ms. */
  readonly budgetMs: number;
  /** How long one step takes, ms (its warm-up, run and drain), to know whether another fits the budget. */
  readonly stepMs: number;
  /** Runs one step at a rate. */
  runStep(rateRps: number): Promise<CapacityStep>;
  /** Clock, ms (tests pass a fake one). */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** Called after each step (progress lines). */
  readonly onStep?: (step: CapacityStep) => void;
}

/** Where the search ended. */
export interface CapacityResult {
  /** The highest rate offered at which every SLO held (0: not even the first step held). */
  readonly capacityRps: number;
  /**
   * How far above `capacityRps` the capacity may lie: the gap to the lowest rate that broke an SLO
   * (0 when none broke: the ramp reached `maxRps` still holding).
   */
  readonly resolutionRps: number;
  /** The lowest rate at which an SLO broke, if one did. */
  readonly brokeAtRps?: number;
  /** Whether the answer rests on valid steps only (false: the search stopped on an invalid step). */
  readonly valid: boolean;
  /** Why the search stopped where it did. */
  readonly stoppedBecause: string;
  readonly steps: readonly CapacityStep[];
}

/**
 * Runs the search.
 *
 * @example
 * const result = await searchCapacity({ startRps: 100, maxRps: 50_000, resolution: 0.05, budgetMs: 90_000, stepMs: 6_000, runStep });
 * console.log(`${result.capacityRps} req/s ± ${result.resolutionRps}`);
 */
export async function searchCapacity(options: CapacitySearchOptions): Promise<CapacityResult> {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + options.budgetMs;
  const steps: CapacityStep[] = [];
  let held = 0;
  let broke: number | undefined;

  const result = (stoppedBecause: string, valid = true): CapacityResult => ({
    capacityRps: held,
    // Rates below 100 req/s carry one decimal: their difference must not show float noise (1.2000000000000028).
    resolutionRps: broke === undefined ? 0 : Math.round((broke - held) * 10) / 10,
    ...(broke !== undefined ? { brokeAtRps: broke } : {}),
    valid,
    stoppedBecause,
    steps,
  });

  /** One step, run again once when the generator could not keep its schedule. */
  const step = async (rateRps: number): Promise<CapacityStep> => {
    let measured = await options.runStep(rateRps);
    steps.push(measured);
    options.onStep?.(measured);
    if (!measured.valid && !options.signal?.aborted && now() + options.stepMs <= deadline) {
      measured = await options.runStep(rateRps);
      steps.push(measured);
      options.onStep?.(measured);
    }
    return measured;
  };
  // A step its generator could not drive, even on its rerun: no evidence, so the search ends here.
  const behindSchedule = (rate: number, measured: CapacityStep): CapacityResult =>
    result(
      `the generator could not keep the schedule at ${rate} req/s, twice: ${measured.reasons.join("; ")}`,
      false,
    );
  const rounded = (rate: number): number => (rate >= 100 ? Math.round(rate) : Math.round(rate * 10) / 10);

  // The ramp: double until a step breaks an SLO.
  for (let rate = options.startRps; broke === undefined; rate = Math.min(rate * 2, options.maxRps)) {
    if (options.signal?.aborted) return result("interrupted");
    if (now() + options.stepMs > deadline) return result("the time budget ran out while ramping up");
    const measured = await step(rate);
    if (!measured.valid) return behindSchedule(rate, measured);
    if (measured.held) held = rate;
    else broke = rate;
    if (measured.held && rate >= options.maxRps)
      return result(`every SLO held up to --max-rate ${options.maxRps} req/s`);
  }

  // Bisection between the highest rate that held and the lowest that broke.
  while (broke !== undefined && broke - held > options.resolution * Math.max(held, 1)) {
    if (options.signal?.aborted) return result("interrupted");
    if (now() + options.stepMs > deadline) return result("the time budget ran out while bisecting");
    const rate = rounded((held + broke) / 2);
    if (rate <= held || rate >= broke) break;
    const measured = await step(rate);
    if (!measured.valid) return behindSchedule(rate, measured);
    if (measured.held) held = rate;
    else broke = rate;
  }
  return result(
    held === 0
      ? `not even ${options.startRps} req/s held every SLO`
      : `within the resolution asked for (${Math.round(options.resolution * 100)} %)`,
  );
}
