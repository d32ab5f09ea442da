/**
 * The open model's scheduler: its timers never fire before a request is due, every scheduled
 * request goes out, a run leaves nothing behind (a capacity search runs one step after another in
 * one process), and a generator that cannot keep the schedule says so. Behaviour only: no speed
 * targets here (they live in bench/open-model.ts, run by hand).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_SESSION_PATH } from "../../src/rules/index.js";
import { summarize } from "./histogram.js";
import type { LoadPlan } from "./load-plan.js";
import { runHistograms } from "./merge-runs.js";
import { timerDelay } from "./open-model.js";
import { runInThisThread } from "./run-in-thread.js";
import { dispatchLagLimitMs } from "./self-check.js";
import { type PacedServer, startPacedServer } from "./test-support/paced-server.js";
import { invalidReasons } from "./verdict.js";

describe("timerDelay", () => {
  it("should wake at the time asked for or within the millisecond after it, never before", () => {
    for (let i = 0; i < 1000; i++) {
      const now = 1000 + Math.random() * 1000;
      const at = now + Math.random() * 20;
      const { delayMs, at: wakesAt } = timerDelay(at, 1, now);
      expect(Number.isInteger(delayMs)).toBe(true);
      expect(delayMs).toBeGreaterThanOrEqual(1);
      expect(wakesAt).toBeGreaterThanOrEqual(at);
      expect(wakesAt).toBeLessThan(Math.max(at, now + 1) + 1);
    }
  });

  it("should keep a slice between two wake-ups however close the next request is due", () => {
    const now = 5000.25;
    expect(timerDelay(now + 0.1, 3, now).delayMs).toBe(3);
    expect(timerDelay(now + 7.5, 3, now).delayMs).toBe(8);
  });
});

const plan = (url: string, overrides: Partial<LoadPlan>): LoadPlan => ({
  url: `${url}${OPEN_SESSION_PATH}`,
  token: "t",
  scenario: "open-session",
  weights: { valid: 1, malformed: 0, "bad-token": 0 },
  codes: ["A1B2C3", "D4E5F6"],
  model: "open",
  rate: 1000,
  connections: 20,
  pipelining: 1,
  durationMs: 500,
  warmupMs: 0,
  timeoutMs: 5000,
  validateSample: 0,
  ...overrides,
});

/** This thread's handles that a run may open: sockets and timers. */
const handles = (): { sockets: number; timers: number } => {
  const active = process.getActiveResourcesInfo();
  return {
    sockets: active.filter((r) => r === "TCPSocketWrap").length,
    timers: active.filter((r) => r === "Timeout").length,
  };
};

describe("the open model against a server that answers at once", () => {
  let server: PacedServer;
  beforeAll(async () => {
    server = await startPacedServer();
  });
  afterAll(() => server.close());

  it("should send every scheduled request and leave no socket or timer behind, run after run", async () => {
    const before = handles();
    for (const [rate, sliceMs] of [
      [2000, 1],
      [300, 1],
      [4000, 3],
    ] as const) {
      const { run, selfCheck } = await runInThisThread(plan(server.url, { rate, sliceMs }));
      expect(run.scheduled).toBe(rate / 2);
      expect(run.sent).toBe(run.scheduled);
      expect(run.requests.expected).toBe(run.scheduled);
      expect(selfCheck.sliceMs).toBe(sliceMs);
      // Sockets close on the loop's next turn.
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The test runner's own timers may come and go: none may be added by a run.
      expect(handles().sockets).toBeLessThanOrEqual(before.sockets);
      expect(handles().timers).toBeLessThanOrEqual(before.timers);
    }
  });

  it("should mark the run invalid when the generator's thread is too busy to keep the schedule", async () => {
    // Something else on the generator's thread holds it 30 ms out of every 60: requests due then
    // leave late whatever the machine, so the run must not pass for a measure of the provider.
    const hog = setInterval(() => {
      const until = performance.now() + 30;
      while (performance.now() < until);
    }, 60);
    try {
      const outcome = await runInThisThread(plan(server.url, { rate: 1000, durationMs: 1000 }));
      expect(outcome.run.sent).toBe(outcome.run.scheduled);
      const reasons = invalidReasons({ run: outcome.run, selfChecks: [outcome.selfCheck] }, "open");
      expect(reasons.join("\n")).toMatch(/could not keep the schedule/);
      const p99 = summarize(runHistograms(outcome.run).corrected).p99;
      expect(outcome.selfCheck.dispatchLagP99Ms).toBeGreaterThan(dispatchLagLimitMs(outcome.selfCheck, p99));
    } finally {
      clearInterval(hog);
    }
  });

  it("should leave the warmup out of the generator's own figures", async () => {
    const hog = setTimeout(() => {
      const until = performance.now() + 200;
      while (performance.now() < until);
    }, 100);
    // The thread stalls 200 ms during the warmup only: the measured part's figures must not show it.
    const { selfCheck } = await runInThisThread(
      plan(server.url, { rate: 200, warmupMs: 500, durationMs: 500 }),
    );
    clearTimeout(hog);
    expect(selfCheck.dispatchLagMaxMs).toBeLessThan(150);
    expect(selfCheck.loopDelayMaxMs).toBeLessThan(150);
  });
});
