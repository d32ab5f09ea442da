/**
 * The generator watching itself: its event-loop delay, its CPU, and (open model) how late its
 * scheduler dispatched requests. When it was the bottleneck the run is invalid: its figures
 * describe the generator, not the provider.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createLatencyHistogram, recordMs } from "./histogram.js";

/** What the generator saw of itself. */
export interface SelfCheckFigures {
  /** Event-loop delay p99 and max, ms. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /** The generator thread's event-loop utilisation (0…1; 1 = never idle). */
  readonly loopUtilization: number;
  /** The process's CPU time over wall time (1 = one core busy; includes an embedded provider). */
  readonly cpuShare: number;
  /** The process's CPU time per request, µs. */
  readonly cpuUsPerRequest: number;
  /** Open model: scheduler dispatch lag p99 and max, ms (0 in the closed model). */
  readonly dispatchLagP99Ms: number;
  readonly dispatchLagMaxMs: number;
}

/** Limits past which the generator is deemed the bottleneck. */
export const SELF_CHECK_LIMITS = {
  /**
   * Event-loop delay p99 (ms) tolerated in any case; above it, the run is invalid once the delay
   * reaches `loopDelayShareOfP99` of the measured p99 latency (an answer is timestamped when the
   * loop gets to it, so a lagging loop inflates exactly the tail it claims to measure).
   */
  loopDelayFloorMs: 5,
  loopDelayShareOfP99: 0.25,
  /** Closed model: event-loop utilisation above which the generator, not the provider, set the pace. */
  loopUtilization: 0.97,
  /** Scheduler dispatch lag p99 (ms) above which the arrival rate was not kept. */
  dispatchLagP99Ms: 20,
} as const;

/** A running self-check. */
export interface SelfCheck {
  /** Records how late the scheduler dispatched one request, ms. */
  dispatchLag(ms: number): void;
  stop(requests: number): SelfCheckFigures;
}

/** Starts watching the current thread. */
export function startSelfCheck(): SelfCheck {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const eluStart = performance.eventLoopUtilization();
  const lag = createLatencyHistogram();
  return {
    dispatchLag: (ms) => recordMs(lag, ms),
    stop(requests) {
      loop.disable();
      const cpu = process.cpuUsage(cpuStart);
      const elu = performance.eventLoopUtilization(eluStart);
      const cpuUs = cpu.user + cpu.system;
      const wallUs = (performance.now() - wallStart) * 1000;
      // monitorEventLoopDelay reports nanoseconds and includes its own resolution.
      const loopP99 = loop.count ? Math.max(0, loop.percentile(99) / 1e6 - 10) : 0;
      const loopMax = loop.count ? Math.max(0, loop.max / 1e6 - 10) : 0;
      return {
        loopDelayP99Ms: round(loopP99),
        loopDelayMaxMs: round(loopMax),
        loopUtilization: round(elu.utilization),
        cpuShare: round(wallUs > 0 ? cpuUs / wallUs : 0),
        cpuUsPerRequest: round(requests > 0 ? cpuUs / requests : 0),
        dispatchLagP99Ms: lag.totalCount ? lag.getValueAtPercentile(99) / 1000 : 0,
        dispatchLagMaxMs: lag.totalCount ? lag.maxValue / 1000 : 0,
      };
    },
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Why a run is invalid (empty when the generator kept up), given the run's measured p99 (ms). */
export function selfCheckProblems(
  f: SelfCheckFigures,
  model: "open" | "closed",
  latencyP99Ms: number,
): string[] {
  const problems: string[] = [];
  const loopLimit = Math.max(
    SELF_CHECK_LIMITS.loopDelayFloorMs,
    latencyP99Ms * SELF_CHECK_LIMITS.loopDelayShareOfP99,
  );
  if (f.loopDelayP99Ms > loopLimit) {
    problems.push(
      `the generator's event loop lagged (p99 ${f.loopDelayP99Ms} ms, over ${Math.round(SELF_CHECK_LIMITS.loopDelayShareOfP99 * 100)} % of the measured p99 ${latencyP99Ms} ms): its timestamps, not the provider, make the tail`,
    );
  }
  // The open model's scheduler polls in the last millisecond before each due time by design, so
  // a busy loop there is no sign of saturation: its lateness (dispatch lag) is.
  if (model === "closed" && f.loopUtilization > SELF_CHECK_LIMITS.loopUtilization) {
    problems.push(
      `the generator's thread was busy ${Math.round(f.loopUtilization * 100)} % of the time: it, not the provider, set the pace (use --workers)`,
    );
  }
  if (model === "open" && f.dispatchLagP99Ms > SELF_CHECK_LIMITS.dispatchLagP99Ms) {
    problems.push(
      `the generator could not keep the schedule (dispatch lag p99 ${f.dispatchLagP99Ms} ms > ${SELF_CHECK_LIMITS.dispatchLagP99Ms} ms)`,
    );
  }
  return problems;
}
