/**
 * The generator watching itself: its event-loop delay, its CPU, and (open model) how late its
 * scheduler dispatched requests. When it was the bottleneck the run is invalid: its figures
 * describe the generator, not the provider.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createLatencyHistogram, recordMs } from "./histogram.js";

/** What the generator saw of itself, over the measured part of the run (the warmup left out). */
export interface SelfCheckFigures {
  /** Event-loop delay p99 and max, ms. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /** The generator thread's event-loop utilisation (0…1; 1 = never idle). */
  readonly loopUtilization: number;
  /** CPU time over wall time (1 = one core busy), of what {@link SelfCheckFigures.cpuScope} says. */
  readonly cpuShare: number;
  /** CPU time per request, µs, of what {@link SelfCheckFigures.cpuScope} says. */
  readonly cpuUsPerRequest: number;
  /**
   * What the CPU figures measure: `thread`, the generator's own thread (an embedded provider in
   * another thread is left out; V8's helper threads too); `process`, the whole process, where the
   * platform has no per-thread clock (an embedded provider is then counted too).
   */
  readonly cpuScope?: "thread" | "process";
  /** Open model: scheduler dispatch lag p99 and max, ms (0 in the closed model). */
  readonly dispatchLagP99Ms: number;
  readonly dispatchLagMaxMs: number;
  /** Open model: the scheduler's slice, ms: requests due within one slice left together. */
  readonly sliceMs?: number;
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
  /** Event-loop utilisation above which the generator, not the provider, set the pace. */
  loopUtilization: 0.97,
  /**
   * Open model: scheduler dispatch lag p99 (ms) tolerated in any case (at least the slice plus
   * `dispatchLagOverSliceMs`: a batch leaves once per slice); above it, the run is invalid once
   * the lag reaches `dispatchLagShareOfP99` of the measured p99. A request's lag is part of its
   * corrected latency, so that share is how much of the tail the generator made itself.
   */
  dispatchLagP99Ms: 2,
  dispatchLagOverSliceMs: 1,
  dispatchLagShareOfP99: 0.1,
} as const;

/** A running self-check. */
export interface SelfCheck {
  /** Records how late the scheduler dispatched one request, ms. */
  dispatchLag(ms: number): void;
  /**
   * Records how late one of the engine's timers fired, ms: a sample of the event-loop delay, when
   * the engine samples it itself (`loopDelayFromEngine`).
   */
  loopDelay(ms: number): void;
  /** Stops watching; `requests` is the number of requests of the measured part. */
  stop(requests: number): SelfCheckFigures;
}

/** Options of {@link startSelfCheck}. */
export interface SelfCheckOptions {
  /**
   * `performance.now()` at which the measured part starts (the end of the warmup): every figure
   * covers the time from then on. Absent or past: from now.
   */
  readonly measureFrom?: number;
  /** Open model: the scheduler's slice, ms (reported with the figures). */
  readonly sliceMs?: number;
  /**
   * The engine reports how late its own timers fire ({@link SelfCheck.loopDelay}): no monitor
   * timer then wakes the thread 100 times a second, which at low rates costs more CPU than the
   * requests themselves. The open model's scheduler wakes at least once per request or slice, so
   * its lateness samples the loop at least as often.
   */
  readonly loopDelayFromEngine?: boolean;
}

/**
 * A clock of the CPU time this thread used, µs. `process.cpuUsage()` counts every thread of the
 * process, so in a worker thread it would charge the generator for an embedded provider and for the
 * other workers. Node 23.9+ has `process.threadCpuUsage()`; on Linux, `/proc/thread-self/schedstat`
 * gives the calling thread's run time in ns; elsewhere the process's CPU is all there is.
 */
function createCpuClock(): { scope: "thread" | "process"; read(): number } {
  const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  if (typeof threadCpuUsage === "function") {
    return {
      scope: "thread",
      read: () => {
        const u = threadCpuUsage.call(process);
        return u.user + u.system;
      },
    };
  }
  const readSchedstat = (): number =>
    Number(readFileSync("/proc/thread-self/schedstat", "latin1").split(" ")[0]) / 1000;
  try {
    if (Number.isFinite(readSchedstat())) return { scope: "thread", read: readSchedstat };
  } catch {
    // Not Linux, or /proc is not mounted: fall back to the process's CPU.
  }
  return {
    scope: "process",
    read: () => {
      const u = process.cpuUsage();
      return u.user + u.system;
    },
  };
}

/**
 * Starts watching the current thread.
 *
 * @example
 * const check = startSelfCheck({ measureFrom: performance.now() + warmupMs, sliceMs: 1 });
 * // … run …
 * const figures = check.stop(measuredRequests);
 */
export function startSelfCheck(options: SelfCheckOptions = {}): SelfCheck {
  const monitor = options.loopDelayFromEngine ? undefined : monitorEventLoopDelay({ resolution: 10 });
  monitor?.enable();
  const engineLoop = createLatencyHistogram();
  const cpu = createCpuClock();
  const lag = createLatencyHistogram();
  let cpuStart = cpu.read();
  let wallStart = performance.now();
  let eluStart = performance.eventLoopUtilization();
  let measuring = true;
  // At the warmup's end, every figure starts afresh: the warmup's connection set-up and JIT
  // compilation would otherwise count against the run (and its CPU against fewer requests).
  const begin = (): void => {
    measuring = true;
    monitor?.reset();
    engineLoop.reset();
    lag.reset();
    cpuStart = cpu.read();
    wallStart = performance.now();
    eluStart = performance.eventLoopUtilization();
  };
  const delay = (options.measureFrom ?? 0) - performance.now();
  let warmup: NodeJS.Timeout | undefined;
  if (delay > 0) {
    measuring = false;
    warmup = setTimeout(begin, delay);
  }
  return {
    dispatchLag: (ms) => {
      if (measuring) recordMs(lag, ms);
    },
    loopDelay: (ms) => {
      if (measuring) recordMs(engineLoop, Math.max(0, ms));
    },
    stop(requests) {
      if (warmup) clearTimeout(warmup);
      monitor?.disable();
      const cpuUs = cpu.read() - cpuStart;
      const elu = performance.eventLoopUtilization(eluStart);
      const wallUs = (performance.now() - wallStart) * 1000;
      // monitorEventLoopDelay reports nanoseconds and includes its own resolution.
      const loopP99 = monitor
        ? monitor.count
          ? Math.max(0, monitor.percentile(99) / 1e6 - 10)
          : 0
        : engineLoop.totalCount
          ? engineLoop.getValueAtPercentile(99) / 1000
          : 0;
      const loopMax = monitor
        ? monitor.count
          ? Math.max(0, monitor.max / 1e6 - 10)
          : 0
        : engineLoop.maxValue / 1000;
      return {
        loopDelayP99Ms: round(loopP99),
        loopDelayMaxMs: round(loopMax),
        loopUtilization: round(elu.utilization),
        cpuShare: round(wallUs > 0 ? cpuUs / wallUs : 0),
        cpuUsPerRequest: round(requests > 0 ? cpuUs / requests : 0),
        cpuScope: cpu.scope,
        dispatchLagP99Ms: lag.totalCount ? lag.getValueAtPercentile(99) / 1000 : 0,
        dispatchLagMaxMs: lag.totalCount ? lag.maxValue / 1000 : 0,
        ...(options.sliceMs !== undefined ? { sliceMs: options.sliceMs } : {}),
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
  // With no polling, a busy loop means saturation in the open model too: its next batch waits.
  if (f.loopUtilization > SELF_CHECK_LIMITS.loopUtilization) {
    problems.push(
      `the generator's thread was busy ${Math.round(f.loopUtilization * 100)} % of the time: it, not the provider, set the pace (use --workers)`,
    );
  }
  const lagLimit = round(dispatchLagLimitMs(f, latencyP99Ms));
  if (model === "open" && f.dispatchLagP99Ms > lagLimit) {
    problems.push(
      `the generator could not keep the schedule (dispatch lag p99 ${f.dispatchLagP99Ms} ms > ${lagLimit} ms)`,
    );
  }
  return problems;
}

/** The open model's dispatch-lag p99 limit (ms) for a run with this slice and measured p99 (ms). */
export function dispatchLagLimitMs(f: Pick<SelfCheckFigures, "sliceMs">, latencyP99Ms: number): number {
  return Math.max(
    SELF_CHECK_LIMITS.dispatchLagP99Ms,
    (f.sliceMs ?? 1) + SELF_CHECK_LIMITS.dispatchLagOverSliceMs,
    latencyP99Ms * SELF_CHECK_LIMITS.dispatchLagShareOfP99,
  );
}
