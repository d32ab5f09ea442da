/**
 * Proofs that the figures are right: against servers whose latency is known, the generator reports
 * what a user really waited (coordinated omission corrected), with sub-millisecond resolution.
 * Tolerances allow for a shared 2-core machine; each run lasts 2 to 3 seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_SESSION_PATH } from "../src/rules/index.js";
import { summarize } from "./histogram.js";
import type { LoadPlan } from "./load-plan.js";
import { runHistograms } from "./merge-runs.js";
import { runInThisThread } from "./run-in-thread.js";
import { type PacedServer, startPacedServer } from "./test-support/paced-server.js";

const plan = (url: string, overrides: Partial<LoadPlan>): LoadPlan => ({
  url: `${url}${OPEN_SESSION_PATH}`,
  token: "t",
  scenario: "open-session",
  weights: { valid: 1, malformed: 0, "bad-token": 0 },
  codes: ["A1B2C3"],
  model: "open",
  rate: 200,
  connections: 50,
  pipelining: 1,
  durationMs: 2000,
  warmupMs: 0,
  timeoutMs: 5000,
  validateSample: 0,
  ...overrides,
});

describe("open model against a server that freezes 400 ms every second", () => {
  let server: PacedServer;
  beforeAll(async () => {
    server = await startPacedServer({ freezeMs: 400, periodMs: 1000 });
  });
  afterAll(() => server.close());

  it("should report p90 and p99 within 15 % of the analytic truth and p50 near the base latency", async () => {
    const { run } = await runInThisThread(plan(server.url, { rate: 200, durationMs: 3000 }));
    const latency = summarize(runHistograms(run).corrected);
    // A request due t ms into a freeze of F ms waits F - t: P(latency > x) = (F - x) / period,
    // so p90 = 400 - 0.10 × 1000 = 300 ms and p99 = 400 - 0.01 × 1000 = 390 ms.
    expect(latency.p90).toBeGreaterThan(300 * 0.85);
    expect(latency.p90).toBeLessThan(300 * 1.15);
    expect(latency.p99).toBeGreaterThan(390 * 0.85);
    expect(latency.p99).toBeLessThan(390 * 1.15);
    expect(latency.p50).toBeLessThan(20);
    expect(run.scheduled).toBe(600);
    expect(run.sent / run.scheduled).toBeGreaterThanOrEqual(0.99);
    expect(run.requests.expected).toBe(run.scheduled);
  });
});

describe("open model against a server with a steady 20 ms latency", () => {
  let server: PacedServer;
  beforeAll(async () => {
    server = await startPacedServer({ delayMs: 20 });
  });
  afterAll(() => server.close());

  it("should report p50 of 20 ms, for the corrected latency and the service time", async () => {
    const { run } = await runInThisThread(plan(server.url, { rate: 200, durationMs: 2000 }));
    const { corrected, service } = runHistograms(run);
    // setTimeout(20) answers after 20 to about 21.5 ms; autocannon's own correction reports ~11 ms.
    expect(summarize(corrected).p50).toBeGreaterThanOrEqual(19.9);
    expect(summarize(corrected).p50).toBeLessThan(24);
    expect(summarize(service).p50).toBeGreaterThanOrEqual(19.9);
    expect(summarize(service).p50).toBeLessThan(24);
  });
});

describe("a server that answers at once", () => {
  let server: PacedServer;
  beforeAll(async () => {
    server = await startPacedServer();
  });
  afterAll(() => server.close());

  it("should show sub-millisecond percentiles in the open model", async () => {
    const { run } = await runInThisThread(plan(server.url, { rate: 200, durationMs: 1500 }));
    const { corrected, service } = runHistograms(run);
    expect(summarize(service).p50).toBeGreaterThan(0);
    expect(summarize(service).p50).toBeLessThan(1);
    // The corrected latency adds the scheduler's own lateness (well under a millisecond).
    expect(summarize(corrected).p50).toBeLessThan(1.5);
    expect(Number.isInteger(summarize(corrected).p50)).toBe(false);
  });

  it("should show sub-millisecond percentiles in the closed model (autocannon)", async () => {
    const { run } = await runInThisThread(
      plan(server.url, { model: "closed", connections: 1, durationMs: 1000 }),
    );
    const latency = summarize(runHistograms(run).corrected);
    expect(run.requests.total).toBeGreaterThan(100);
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p50).toBeLessThan(1);
  });
});
