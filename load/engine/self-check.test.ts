import { describe, expect, it } from "vitest";
import type { RecordedRun } from "./recorder.js";
import {
  dispatchLagLimitMs,
  type SelfCheckFigures,
  selfCheckProblems,
  startSelfCheck,
} from "./self-check.js";
import { invalidReasons } from "./verdict.js";

const kept: SelfCheckFigures = {
  loopDelayP99Ms: 0.4,
  loopDelayMaxMs: 1.2,
  loopUtilization: 0.3,
  cpuShare: 0.3,
  cpuUsPerRequest: 20,
  cpuScope: "thread",
  dispatchLagP99Ms: 1.1,
  dispatchLagMaxMs: 1.9,
  sliceMs: 1,
};

describe("selfCheckProblems", () => {
  it("should find nothing wrong with a generator that kept the schedule", () => {
    expect(selfCheckProblems(kept, "open", 3)).toEqual([]);
  });

  it("should fail an open-model run whose dispatch lag p99 passed the slice plus a millisecond", () => {
    expect(selfCheckProblems({ ...kept, dispatchLagP99Ms: 2.5 }, "open", 3).join()).toMatch(
      /could not keep the schedule \(dispatch lag p99 2.5 ms > 2 ms\)/,
    );
    // A 3 ms slice sends requests up to 3 ms late by design: the limit follows it.
    expect(dispatchLagLimitMs({ sliceMs: 3 }, 3)).toBe(4);
    expect(selfCheckProblems({ ...kept, sliceMs: 3, dispatchLagP99Ms: 2.5 }, "open", 3)).toEqual([]);
  });

  it("should tolerate a dispatch lag under a tenth of the measured p99", () => {
    // The lag is part of each request's corrected latency: 8 ms of it under a 1 s tail is noise,
    // under a 10 ms tail it is most of what was measured.
    expect(selfCheckProblems({ ...kept, dispatchLagP99Ms: 8 }, "open", 1000)).toEqual([]);
    expect(selfCheckProblems({ ...kept, dispatchLagP99Ms: 8 }, "open", 10).join()).toMatch(/> 2 ms/);
  });

  it("should fail an open-model run whose generator thread was never idle", () => {
    // No polling any more: a saturated loop is the generator running out of time, in either model.
    expect(selfCheckProblems({ ...kept, loopUtilization: 0.99 }, "open", 3).join()).toMatch(/busy 99 %/);
    expect(selfCheckProblems({ ...kept, loopUtilization: 0.99 }, "closed", 3).join()).toMatch(/busy 99 %/);
  });

  it("should ignore the dispatch lag in the closed model", () => {
    expect(selfCheckProblems({ ...kept, dispatchLagP99Ms: 50 }, "closed", 3)).toEqual([]);
  });
});

describe("startSelfCheck", () => {
  it("should count the generator thread's own CPU, not the process's", () => {
    const check = startSelfCheck();
    const figures = check.stop(1);
    // Linux and Node 23.9+ have a per-thread clock; elsewhere the figures say they are the process's.
    if (process.platform === "linux") expect(figures.cpuScope).toBe("thread");
    expect(figures.cpuUsPerRequest).toBeGreaterThanOrEqual(0);
  });

  it("should sample the loop delay from the engine's own timers when asked to", () => {
    const check = startSelfCheck({ loopDelayFromEngine: true, sliceMs: 2 });
    check.loopDelay(0.5);
    check.loopDelay(7);
    const figures = check.stop(2);
    expect(figures.loopDelayMaxMs).toBe(7);
    expect(figures.sliceMs).toBe(2);
  });
});

const run = (scheduled: number, sent: number): RecordedRun => ({
  startedAtEpochMs: 0,
  warmupMs: 0,
  durationMs: 1000,
  requests: { total: sent, expected: sent, unexpected: 0, errors: 0, timeouts: 0 },
  scheduled,
  sent,
  statusCodes: { 200: sent },
  intervals: [],
  sampled: 0,
  violations: [],
});

describe("invalidReasons", () => {
  it("should fail an open-model run that sent fewer than 99 % of its scheduled requests", () => {
    expect(invalidReasons({ run: run(1000, 985), selfChecks: [kept] }, "open")).toEqual([
      "only 985 of 1000 scheduled requests went out",
    ]);
    expect(invalidReasons({ run: run(1000, 995), selfChecks: [kept] }, "open")).toEqual([]);
  });

  it("should name the worker whose generator fell behind", () => {
    const behind = { ...kept, dispatchLagP99Ms: 30 };
    expect(invalidReasons({ run: run(1000, 1000), selfChecks: [kept, behind] }, "open")).toEqual([
      "worker 2: the generator could not keep the schedule (dispatch lag p99 30 ms > 2 ms)",
    ]);
  });
});
